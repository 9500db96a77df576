package dev.spotlink.transport.telegram;

import dev.spotlink.command.Command;
import dev.spotlink.command.CommandArgs;
import dev.spotlink.command.CommandRegistry;
import dev.spotlink.command.OptionSpec;
import dev.spotlink.command.Reply;
import dev.spotlink.command.TextCommandParser;
import dev.spotlink.domain.ChatUser;
import dev.spotlink.domain.Platform;
import dev.spotlink.i18n.Messages;
import dev.spotlink.link.CallbackAddress;
import dev.spotlink.link.PasteBack;
import dev.spotlink.spotify.SpotifyClientIds;
import dev.spotlink.transport.telegram.TelegramContext.ChatKind;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.message.Message;

/**
 * Turns a text message into a command run: {@code /cmd} and {@code /cmd@thisbot} (commands for other bots are
 * none of ours), {@code /start [payload]} from deep links, a reply to someone's message as the target of
 * commands that take a user, and a Spotify client id pasted alone in the private chat (the last step of "use my
 * own Spotify app") as {@code /link app:<client id>}, and the address a browser ended on after {@code /link}
 * ({@code link.paste-back}): used in the private chat only; in a group it is neither used nor quoted, and the sender
 * is asked to send it privately. Anything else is ignored with a log line.
 */
final class MessageHandler {

    /** Telegram's own limit for a message text; anything longer did not come from a Telegram client. */
    static final int MAX_TEXT = 4096;
    private static final String LINK = "link";
    private static final String APP_OPTION = "app";

    private static final Logger log = LoggerFactory.getLogger(MessageHandler.class);

    private final CommandRegistry registry;
    private final TextCommandParser parser;
    private final Messages messages;
    private final ReplyRenderer renderer;
    private final String botUsername;
    private final Optional<PasteBack> pasteBack;
    private final ChatMemberships memberships;

    /** @param pasteBack where pasted callback addresses go; empty when this transport takes none */
    MessageHandler(CommandRegistry registry, Messages messages, ReplyRenderer renderer, String botUsername,
                   Optional<PasteBack> pasteBack, ChatMemberships memberships) {
        this.memberships = memberships;
        this.registry = registry;
        this.parser = new TextCommandParser(registry);
        this.messages = messages;
        this.renderer = renderer;
        this.botUsername = botUsername;
        this.pasteBack = pasteBack;
    }

    void handle(Message message) {
        long chatId = message.getChat().getId();
        User from = message.getFrom();
        if (from == null) {
            // anonymous group admins and channels post as a chat: there is no user to link or answer
            log.info("Ignored message {} in chat {}: no sender user", message.getMessageId(), chatId);
            return;
        }
        if (Boolean.TRUE.equals(from.getIsBot())) {
            log.debug("Ignored message {} in chat {} from a bot", message.getMessageId(), chatId);
            return;
        }
        String text = message.getText();
        if (text == null) {
            log.debug("Ignored message {} in chat {}: no text ({})", message.getMessageId(), chatId,
                    message.hasSticker() ? "sticker" : "media or service message");
            return;
        }
        if (text.length() > MAX_TEXT) {
            log.info("Ignored message {} in chat {}: {} characters, more than Telegram allows",
                    message.getMessageId(), chatId, text.length());
            return;
        }
        String line = text.strip();
        Invocation invocation = new Invocation(message, from);
        if (invocation.kind == ChatKind.PRIVATE && SpotifyClientIds.parse(line).isPresent()) {
            linkOwnApp(invocation, SpotifyClientIds.parse(line).get());
            return;
        }
        Optional<CallbackAddress> address = pasteBack.flatMap(p -> p.recognize(line));
        if (address.isPresent()) {
            pastedAddress(invocation, address.get());
            return;
        }
        if (!line.startsWith("/")) {
            log.debug("Ignored message {} in chat {}: not a command", message.getMessageId(), chatId);
            return;
        }
        String first = line.split("\\s+", 2)[0];
        if (isStart(first)) {
            start(invocation, line);
            return;
        }
        TextCommandParser.Parsed parsed = parser.parse(line, botUsername);
        if (parsed instanceof TextCommandParser.Parsed.Ok ok) {
            String name = ok.command().spec().name();
            log.debug("/{} from {} in chat {}", name, invocation.user, chatId);
            registry.execute(ok.command(), invocation.context(name), withReplyTarget(ok.command(), ok.args(),
                    message));
        } else if (parsed instanceof TextCommandParser.Parsed.Problem problem) {
            if ("error.command.unknown".equals(problem.messageKey()) && invocation.kind == ChatKind.GROUP
                    && first.indexOf('@') < 0) {
                // in a group a bare /foo is most likely meant for another bot
                log.debug("Ignored unknown command {} in group {}", first, chatId);
                return;
            }
            invocation.context("help").replyPrivately(Reply.error(messages.get(invocation.locale,
                    problem.messageKey(), problem.args().toArray())));
        } else {
            log.debug("Ignored {} in chat {}: addressed to another bot", first, chatId);
        }
    }

    /** The guide's last step, sent without the command: what {@code /link app:<client id>} does. */
    private void linkOwnApp(Invocation invocation, String clientId) {
        Optional<Command> link = registry.find(LINK);
        if (link.isEmpty()) {
            return;
        }
        log.debug("A client id from {} in the private chat: /link app:", invocation.user);
        registry.execute(link.get(), invocation.context(LINK), new CommandArgs(Map.of(APP_OPTION, clientId)));
    }

    /** The last step of a paste-back link: in the private chat only, and never repeated back. */
    private void pastedAddress(Invocation invocation, CallbackAddress address) {
        PasteBack paste = pasteBack.orElseThrow();
        if (invocation.kind == ChatKind.PRIVATE) {
            invocation.context(LINK).reply(paste.complete(invocation.user, invocation.locale, address));
            return;
        }
        log.info("{} sent a callback address in group {}; not used, asked to send it privately", invocation.user,
                invocation.target.chatId());
        // no reply-to: a quote of the message would show the address once more
        ReplyRenderer.Target inPlace = new ReplyRenderer.Target(invocation.target.chatId(),
                invocation.target.threadId(), null);
        Reply ask = paste.sendPrivately(invocation.locale);
        renderer.send(inPlace, Reply.builder().body(ask.body()).error(true)
                .button(messages.get(invocation.locale, "telegram.private.button"), "https://t.me/" + botUsername)
                .build());
    }

    private boolean isStart(String first) {
        String lower = first.toLowerCase(Locale.ROOT);
        return lower.equals("/start") || lower.equals("/start@" + botUsername.toLowerCase(Locale.ROOT));
    }

    /** {@code /start link} (the deep link from a group or inline mode) runs that command; else a greeting. */
    private void start(Invocation invocation, String line) {
        String[] words = line.split("\\s+");
        String payload = words.length > 1 ? words[1].toLowerCase(Locale.ROOT) : "";
        if (invocation.kind == ChatKind.PRIVATE && !payload.isEmpty()) {
            Optional<Command> command = registry.find(payload);
            if (command.isPresent()) {
                log.debug("/start {} from {}", payload, invocation.user);
                registry.execute(command.get(), invocation.context(payload), CommandArgs.NONE);
                return;
            }
        }
        invocation.context("help").reply(Reply.text(messages.get(invocation.locale, "telegram.start.greeting",
                botUsername)));
    }

    /**
     * {@code /nowplaying} sent as a reply means "theirs": the replied-to member becomes the value of the command's
     * user option, unless one was typed. Not for replies to bots, to oneself, or to a forum topic's header (which
     * Telegram reports as the reply target of every message in the topic).
     */
    static CommandArgs withReplyTarget(Command command, CommandArgs args, Message message) {
        Optional<OptionSpec> userOption = command.spec().options().stream()
                .filter(o -> o.type() == OptionSpec.Type.USER).findFirst();
        Message replied = message.getReplyToMessage();
        if (userOption.isEmpty() || args.get(userOption.get().name()).isPresent() || replied == null) {
            return args;
        }
        User target = replied.getFrom();
        if (target == null || Boolean.TRUE.equals(target.getIsBot()) || replied.getForumTopicCreated() != null
                || target.getId().equals(message.getFrom().getId())) {
            return args;
        }
        Map<String, String> values = new LinkedHashMap<>(args.values());
        values.put(userOption.get().name(), String.valueOf(target.getId()));
        return new CommandArgs(values);
    }

    /** Who, where and in which language one message was sent. */
    private final class Invocation {
        final ChatUser user;
        final Locale locale;
        final ChatKind kind;
        final ReplyRenderer.Target target;

        Invocation(Message message, User from) {
            this.user = new ChatUser(Platform.TELEGRAM, String.valueOf(from.getId()));
            this.locale = messages.resolve(from.getLanguageCode());
            this.kind = ChatKind.of(message.getChat().getType());
            Integer thread = Boolean.TRUE.equals(message.getIsTopicMessage()) ? message.getMessageThreadId() : null;
            // in a group, answers quote the command so everyone sees whose they are
            this.target = new ReplyRenderer.Target(message.getChat().getId(), thread,
                    kind == ChatKind.GROUP ? message.getMessageId() : null);
        }

        TelegramContext context(String startPayload) {
            return new TelegramContext(user, locale, kind, target, startPayload, botUsername, renderer, messages,
                    kind == ChatKind.GROUP ? memberships.of(target.chatId(), user) : null);
        }
    }
}
