package dev.spotlink.transport.telegram;

import dev.spotlink.command.Reply;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import org.telegram.telegrambots.meta.api.methods.ParseMode;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.send.SendPhoto;
import org.telegram.telegrambots.meta.api.objects.InputFile;
import org.telegram.telegrambots.meta.api.objects.LinkPreviewOptions;
import org.telegram.telegrambots.meta.api.objects.ReplyParameters;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * Renders a platform-neutral {@link Reply} as a Telegram message: HTML text (or a photo caption when the reply
 * carries an image), link buttons as an inline keyboard, clipped to Telegram's limits.
 */
final class ReplyRenderer {

    static final int MESSAGE_LIMIT = 4096;
    static final int CAPTION_LIMIT = 1024;
    private static final int TITLE_LIMIT = 256;
    private static final int FOOTER_LIMIT = 256;
    private static final String ERROR_PREFIX = "⚠️ ";

    /** Where a reply goes: a chat, optionally a forum topic, optionally as a reply to one message. */
    record Target(long chatId, Integer threadId, Integer replyToMessageId) {
        static Target chat(long chatId) {
            return new Target(chatId, null, null);
        }
    }

    private final TelegramSender sender;

    ReplyRenderer(TelegramSender sender) {
        this.sender = sender;
    }

    /** Sends the reply; failures are logged. True when Telegram accepted it. */
    boolean send(Target target, Reply reply) {
        String what = (reply.image() != null ? "sendPhoto" : "sendMessage") + " to chat " + target.chatId();
        try {
            if (reply.image() != null) {
                sender.execute(what, client -> client.execute(photo(target, reply)));
            } else {
                sender.execute(what, client -> client.execute(message(target, reply)));
            }
            return true;
        } catch (TelegramApiException e) {
            if (TelegramSender.errorCode(e) != 400) {
                sender.logFailure(what, e);
                return false;
            }
            // 400: Telegram disliked the photo or a button URL (it refuses e.g. localhost links): the text alone
            // with the links spelled out still tells the user everything.
            sender.logFailure(what + " (retrying as plain text)", e);
            return sender.trySend("sendMessage to chat " + target.chatId() + " (fallback)",
                    client -> client.execute(fallback(target, reply)));
        }
    }

    SendPhoto photo(Target target, Reply reply) {
        Reply.Attachment image = reply.image();
        return SendPhoto.builder()
                .chatId(target.chatId())
                .messageThreadId(target.threadId())
                .replyParameters(replyParameters(target))
                .photo(new InputFile(new ByteArrayInputStream(image.bytes()), image.fileName()))
                .caption(html(reply, CAPTION_LIMIT))
                .parseMode(ParseMode.HTML)
                .replyMarkup(keyboard(reply.buttons()))
                .build();
    }

    SendMessage message(Target target, Reply reply) {
        LinkPreviewOptions preview = reply.thumbnailUrl() != null
                // the cover art as the preview picture: Telegram previews an image URL as that image
                ? LinkPreviewOptions.builder().urlField(reply.thumbnailUrl()).preferSmallMedia(true).build()
                : LinkPreviewOptions.builder().isDisabled(true).build();
        return SendMessage.builder()
                .chatId(target.chatId())
                .messageThreadId(target.threadId())
                .replyParameters(replyParameters(target))
                .text(nonEmpty(html(reply, MESSAGE_LIMIT)))
                .parseMode(ParseMode.HTML)
                .linkPreviewOptions(preview)
                .replyMarkup(keyboard(reply.buttons()))
                .build();
    }

    private SendMessage fallback(Target target, Reply reply) {
        StringBuilder links = new StringBuilder();
        for (Reply.LinkButton button : reply.buttons()) {
            links.append('\n').append(button.label()).append(": ").append(button.url());
        }
        Reply plain = new Reply(reply.title(), null, join(reply.body(), links.toString().strip()), reply.footer(),
                null, null, List.of(), reply.error(), null);
        return SendMessage.builder()
                .chatId(target.chatId())
                .messageThreadId(target.threadId())
                .replyParameters(replyParameters(target))
                .text(nonEmpty(html(plain, MESSAGE_LIMIT)))
                .parseMode(ParseMode.HTML)
                .linkPreviewOptions(LinkPreviewOptions.builder().isDisabled(true).build())
                .build();
    }

    /** Title (bold, linked), body, footer (italic), each escaped; the body gives way when over {@code limit}. */
    static String html(Reply reply, int limit) {
        String title = blankToNull(Html.clip(reply.title(), TITLE_LIMIT));
        String footer = blankToNull(Html.clip(reply.footer(), FOOTER_LIMIT));
        String body = blankToNull(reply.body());
        String prefix = reply.error() ? ERROR_PREFIX : "";
        int fixed = prefix.length() + length(title) + length(footer) + (title != null ? 1 : 0)
                + (footer != null ? 2 : 0);
        body = Html.clip(body, Math.max(0, limit - fixed));
        StringBuilder html = new StringBuilder();
        if (title != null) {
            String bold = Html.bold(title);
            html.append(reply.titleUrl() != null ? Html.link(reply.titleUrl(), bold) : bold);
        }
        if (body != null && !body.isEmpty() || !prefix.isEmpty()) {
            String text = body == null || body.isEmpty() ? prefix.strip() : prefix + body;
            html.append(html.length() > 0 ? "\n" : "").append(Html.escape(text));
        }
        if (footer != null) {
            html.append(html.length() > 0 ? "\n\n" : "").append(Html.italic(footer));
        }
        return html.toString();
    }

    static InlineKeyboardMarkup keyboard(List<Reply.LinkButton> buttons) {
        if (buttons.isEmpty()) {
            return null;
        }
        List<InlineKeyboardRow> rows = new ArrayList<>();
        for (Reply.LinkButton button : buttons) {
            rows.add(new InlineKeyboardRow(InlineKeyboardButton.builder()
                    .text(button.label()).url(button.url()).build()));
        }
        return InlineKeyboardMarkup.builder().keyboard(rows).build();
    }

    private static ReplyParameters replyParameters(Target target) {
        if (target.replyToMessageId() == null) {
            return null;
        }
        // the command message may be deleted meanwhile: answer anyway
        return ReplyParameters.builder().messageId(target.replyToMessageId()).allowSendingWithoutReply(true)
                .build();
    }

    private static String join(String body, String extra) {
        if (extra.isEmpty()) {
            return body;
        }
        return body == null || body.isBlank() ? extra : body + "\n" + extra;
    }

    /** Telegram refuses an empty text; a reply of buttons only still needs something to hang them on. */
    private static String nonEmpty(String html) {
        return html.isBlank() ? "…" : html;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static int length(String text) {
        return text == null ? 0 : text.length();
    }
}
