package dev.spotlink.transport.discord;

import dev.spotlink.command.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.utils.FileUpload;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;

/**
 * Turns a platform-neutral {@link Reply} into a Discord message: one embed (Spotify green, red for errors), the
 * image as an uploaded file shown inside the embed, link buttons, and the button that opens the paste-back form
 * ({@link PasteBackForm}). Discord rejects a whole message when one limit is exceeded, so every text is cut to its
 * limit here rather than failing the reply.
 */
final class ReplyRenderer {

    static final int SPOTIFY_GREEN = 0x1DB954;
    static final int ERROR_RED = 0xE5484D;
    /** Embed text limits (Discord: title 256, description 4096, footer 2048, all texts together 6000). */
    static final int TITLE_MAX = MessageEmbed.TITLE_MAX_LENGTH;
    static final int DESCRIPTION_MAX = MessageEmbed.DESCRIPTION_MAX_LENGTH;
    static final int FOOTER_MAX = MessageEmbed.TEXT_MAX_LENGTH;
    static final int EMBED_TOTAL_MAX = MessageEmbed.EMBED_MAX_LENGTH_BOT;
    /** Discord refuses link buttons whose URL is longer. */
    static final int BUTTON_URL_MAX = Button.URL_MAX_LENGTH;
    private static final int BUTTON_LABEL_MAX = Button.LABEL_MAX_LENGTH;
    private static final int MAX_BUTTONS = 25;
    private static final Pattern WEB_URL = Pattern.compile("https?://\\S+", Pattern.CASE_INSENSITIVE);
    private static final Pattern UNSAFE_FILE_CHARS = Pattern.compile("[^A-Za-z0-9._-]");
    private static final String ELLIPSIS = "…";

    /** A fresh message for {@code reply}; file uploads are single-use, so render once per send. */
    MessageCreateData render(Reply reply) {
        MessageCreateBuilder message = new MessageCreateBuilder();
        EmbedBuilder embed = new EmbedBuilder().setColor(reply.error() ? ERROR_RED : SPOTIFY_GREEN);

        String title = truncate(reply.title(), TITLE_MAX);
        if (title != null) {
            embed.setTitle(title, isWebUrl(reply.titleUrl(), MessageEmbed.URL_MAX_LENGTH) ? reply.titleUrl() : null);
        }
        String footer = truncate(reply.footer(), FOOTER_MAX);
        if (footer != null) {
            embed.setFooter(footer);
        }
        if (isWebUrl(reply.thumbnailUrl(), MessageEmbed.URL_MAX_LENGTH)) {
            embed.setThumbnail(reply.thumbnailUrl());
        }
        if (reply.image() != null) {
            String fileName = safeFileName(reply.image().fileName());
            message.addFiles(FileUpload.fromData(reply.image().bytes(), fileName));
            embed.setImage("attachment://" + fileName);
        }

        List<Button> buttons = new ArrayList<>();
        List<String> linkLines = new ArrayList<>();
        for (Reply.LinkButton link : reply.buttons()) {
            String label = truncate(link.label(), BUTTON_LABEL_MAX);
            if (buttons.size() < MAX_BUTTONS && isWebUrl(link.url(), BUTTON_URL_MAX)) {
                buttons.add(Button.link(link.url(), label));
            } else {
                // too long for a button (Discord caps button URLs at 512): the link still has to reach the user
                linkLines.add("[" + label.replace("[", "(").replace("]", ")") + "](" + link.url() + ")");
            }
        }
        if (reply.pasteBack() != null && buttons.size() < MAX_BUTTONS) {
            buttons.add(PasteBackForm.button(reply.pasteBack()));
        }
        int textSoFar = length(title) + length(footer);
        embed.setDescription(description(reply.body(), linkLines, Math.min(DESCRIPTION_MAX,
                EMBED_TOTAL_MAX - textSoFar)));
        if (embed.isEmpty()) {
            embed.setDescription(ELLIPSIS); // Discord refuses an empty message
        }
        message.setEmbeds(embed.build());
        if (!buttons.isEmpty()) {
            message.setComponents(ActionRow.partitionOf(buttons));
        }
        return message.build();
    }

    /** The body, cut so that the link lines after it always fit whole (they carry URLs that must not break). */
    private static String description(String body, List<String> linkLines, int max) {
        String links = String.join("\n", linkLines);
        if (links.length() > max) {
            return truncate(links, max);
        }
        if (body == null || body.isBlank()) {
            return links.isEmpty() ? null : links;
        }
        if (links.isEmpty()) {
            return truncate(body, max);
        }
        return truncate(body, max - links.length() - 1) + "\n" + links;
    }

    static String truncate(String text, int max) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (text.length() <= max) {
            return text;
        }
        int end = max - ELLIPSIS.length();
        // never split a surrogate pair (emoji in a track title)
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, Math.max(end, 0)) + ELLIPSIS;
    }

    static boolean isWebUrl(String url, int maxLength) {
        return url != null && url.length() <= maxLength && WEB_URL.matcher(url).matches();
    }

    static String safeFileName(String fileName) {
        String safe = UNSAFE_FILE_CHARS.matcher(fileName).replaceAll("_");
        return safe.isEmpty() || safe.startsWith(".") ? "image" + safe : safe;
    }

    private static int length(String text) {
        return text == null ? 0 : text.length();
    }
}
