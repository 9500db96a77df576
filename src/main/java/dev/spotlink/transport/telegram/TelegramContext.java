package dev.spotlink.transport.telegram;

import dev.spotlink.command.ChatMembers;
import dev.spotlink.command.CommandContext;
import dev.spotlink.command.Reply;
import dev.spotlink.domain.ChatUser;
import dev.spotlink.i18n.Messages;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One command invocation from a Telegram message. Private answers never reach a group: there the user gets a
 * short reply with a button that opens the private chat with {@code /start <payload>}, which runs the command
 * again where its answer (an authorize link, say) is safe.
 */
final class TelegramContext implements CommandContext {

    /** Telegram's rule for {@code start} payloads. */
    static final Pattern START_PAYLOAD = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final ChatUser user;
    private final Locale locale;
    private final ChatKind chat;
    private final ReplyRenderer.Target target;
    private final String startPayload;
    private final String botUsername;
    private final ReplyRenderer renderer;
    private final Messages messages;
    private final ChatMembers members;

    /** What kind of chat the command came from. */
    enum ChatKind {
        PRIVATE, GROUP;

        static ChatKind of(String telegramType) {
            return "private".equals(telegramType) ? PRIVATE : GROUP;
        }
    }

    /**
     * @param startPayload what the private-chat button sends as {@code /start} payload (the command's name)
     * @param members      the group's members, or null in a private chat
     */
    TelegramContext(ChatUser user, Locale locale, ChatKind chat, ReplyRenderer.Target target, String startPayload,
                    String botUsername, ReplyRenderer renderer, Messages messages, ChatMembers members) {
        this.user = user;
        this.locale = locale;
        this.chat = chat;
        this.target = target;
        this.startPayload = START_PAYLOAD.matcher(startPayload).matches() ? startPayload : "help";
        this.botUsername = botUsername;
        this.renderer = renderer;
        this.messages = messages;
        this.members = chat == ChatKind.GROUP ? members : null;
    }

    @Override
    public ChatUser user() {
        return user;
    }

    @Override
    public Locale locale() {
        return locale;
    }

    @Override
    public boolean isPublicChannel() {
        return chat == ChatKind.GROUP;
    }

    @Override
    public Optional<ChatMembers> chatMembers() {
        return Optional.ofNullable(members);
    }

    @Override
    public void reply(Reply reply) {
        renderer.send(target, reply);
    }

    @Override
    public void replyPrivately(Reply reply) {
        if (chat == ChatKind.PRIVATE) {
            renderer.send(target, reply);
        } else if (reply.error()) {
            // Errors from the core carry no personal data; a short answer in place beats a detour.
            renderer.send(target, Reply.error(reply.body() == null ? reply.plainText() : reply.body()));
        } else {
            renderer.send(target, privateChatPointer());
        }
    }

    /** The group answer standing in for a private one: a note and a deep link; never the content itself. */
    private Reply privateChatPointer() {
        String key = "link".equals(startPayload) ? "telegram.private.link" : "telegram.private.other";
        return Reply.builder()
                .body(messages.get(locale, key))
                .button(messages.get(locale, "telegram.private.button"), deepLink(botUsername, startPayload))
                .build();
    }

    static String deepLink(String botUsername, String payload) {
        return "https://t.me/" + botUsername + "?start=" + payload;
    }
}
