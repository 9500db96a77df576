package dev.spotlink.command;

import java.util.List;
import java.util.Objects;

/**
 * A platform-neutral answer. Transports render it natively: Discord as an embed with buttons, Telegram as a
 * message or photo caption with an inline keyboard, the console as plain lines.
 *
 * @param title        headline (track name, "Linked"), or null
 * @param titleUrl     where the headline links to, or null
 * @param body         main text (plain, unescaped), or null
 * @param footer       small print, or null
 * @param thumbnailUrl small picture (cover art) by URL, or null
 * @param image        an uploaded image (Spotify code, card), or null
 * @param buttons      link buttons, in order
 * @param error        true for failures, so transports can style them (and Discord keeps them ephemeral)
 * @param pasteBack    label of a button that opens a form for the address the user is asked to send back
 *                     ({@code link.paste-back}), for platforms where users cannot simply send a message (Discord);
 *                     null when the reply asks for none
 */
public record Reply(
        String title,
        String titleUrl,
        String body,
        String footer,
        String thumbnailUrl,
        Attachment image,
        List<LinkButton> buttons,
        boolean error,
        String pasteBack) {

    public Reply {
        buttons = List.copyOf(buttons);
    }

    /** A plain text answer. */
    public static Reply text(String body) {
        return new Reply(null, null, Objects.requireNonNull(body), null, null, null, List.of(), false, null);
    }

    /** A plain text failure. */
    public static Reply error(String body) {
        return new Reply(null, null, Objects.requireNonNull(body), null, null, null, List.of(), true, null);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Everything as readable text lines: what text-only transports and logs show. */
    public String plainText() {
        StringBuilder out = new StringBuilder();
        appendLine(out, title);
        appendLine(out, titleUrl);
        appendLine(out, body);
        appendLine(out, footer);
        for (LinkButton button : buttons) {
            if (titleUrl == null || !titleUrl.equals(button.url())) {
                appendLine(out, button.label() + ": " + button.url());
            }
        }
        return out.toString().strip();
    }

    private static void appendLine(StringBuilder out, String line) {
        if (line != null && !line.isBlank()) {
            out.append(line).append('\n');
        }
    }

    /** An image sent with the reply. */
    public record Attachment(byte[] bytes, String fileName, String mimeType) {
        public Attachment {
            Objects.requireNonNull(bytes, "bytes");
            Objects.requireNonNull(fileName, "fileName");
            Objects.requireNonNull(mimeType, "mimeType");
        }

        @Override
        public String toString() {
            return "Attachment[" + fileName + ", " + mimeType + ", " + bytes.length + " bytes]";
        }
    }

    /** A button that opens a URL. */
    public record LinkButton(String label, String url) {
        public LinkButton {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(url, "url");
        }
    }

    /** Builds a {@link Reply} step by step. */
    public static final class Builder {
        private String title;
        private String titleUrl;
        private String body;
        private String footer;
        private String thumbnailUrl;
        private Attachment image;
        private final java.util.ArrayList<LinkButton> buttons = new java.util.ArrayList<>();
        private boolean error;
        private String pasteBack;

        private Builder() {
        }

        public Builder title(String title, String url) {
            this.title = title;
            this.titleUrl = url;
            return this;
        }

        public Builder body(String body) {
            this.body = body;
            return this;
        }

        public Builder footer(String footer) {
            this.footer = footer;
            return this;
        }

        public Builder thumbnail(String url) {
            this.thumbnailUrl = url;
            return this;
        }

        public Builder image(Attachment image) {
            this.image = image;
            return this;
        }

        public Builder button(String label, String url) {
            buttons.add(new LinkButton(label, url));
            return this;
        }

        public Builder error(boolean error) {
            this.error = error;
            return this;
        }

        /** Offers a form for the address the user is asked to send back, where the platform needs one. */
        public Builder pasteBack(String label) {
            this.pasteBack = label;
            return this;
        }

        public Reply build() {
            return new Reply(title, titleUrl, body, footer, thumbnailUrl, image, buttons, error, pasteBack);
        }
    }
}
