package dev.spotlink.testing;

import dev.spotlink.command.CommandContext;
import dev.spotlink.command.CommandRegistry;
import dev.spotlink.command.Reply;
import dev.spotlink.command.TextCommandParser;
import dev.spotlink.domain.ChatUser;
import java.util.Locale;

/**
 * Runs text command lines as any chat user through the same path the console transport takes (text parser, then
 * the registry), for tests with more than the console's one local user. Replies are returned as plain text.
 */
public final class ChatUserCommands {

    private final CommandRegistry registry;
    private final TextCommandParser parser;

    public ChatUserCommands(CommandRegistry registry) {
        this.registry = registry;
        this.parser = new TextCommandParser(registry);
    }

    /** Runs {@code line} as {@code user}; every reply, public or private, one per line ("! " marks errors). */
    public String run(ChatUser user, String line) {
        StringBuilder out = new StringBuilder();
        TextCommandParser.Parsed parsed = parser.parse(line, null);
        if (parsed instanceof TextCommandParser.Parsed.Ok ok) {
            registry.execute(ok.command(), new Context(user, out), ok.args());
        } else {
            out.append("! ").append(parsed).append('\n');
        }
        return out.toString();
    }

    private record Context(ChatUser user, StringBuilder out) implements CommandContext {
        @Override
        public Locale locale() {
            return Locale.ENGLISH;
        }

        @Override
        public boolean isPublicChannel() {
            return false;
        }

        @Override
        public void reply(Reply reply) {
            replyPrivately(reply);
        }

        @Override
        public void replyPrivately(Reply reply) {
            synchronized (out) {
                out.append(reply.error() ? "! " : "").append(reply.plainText()).append('\n');
            }
        }
    }
}
