package dev.spotlink.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlink.domain.ChatUser;
import dev.spotlink.domain.Platform;
import dev.spotlink.i18n.Messages;
import dev.spotlink.testing.Fuzz;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Properties of text command parsing and of running what it yields: no input makes either throw, and every
 * rejection reaches the user as a real message (its key exists, in English and Russian).
 */
class TextCommandParserPropertiesTest {

    private static final Locale RU = Locale.forLanguageTag("ru");
    private static final List<String> OPTION_NAMES = List.of("link", "bars", "size", "background", "format",
            "user", "sharing", "style", "x", "LINK", "Bars");
    private static final List<String> WORDS = List.of("https://open.spotify.com/track/4cOdK2wGLETKBW3PvgPWqT?si=1",
            "spotify:track:4cOdK2wGLETKBW3PvgPWqT", "http://x", "<https://open.spotify.com/album/x>", "@alice",
            "on", "off", "black", "white", "800", "-1", "99999999999", "1db954", "#ff0000", ":", "::", "a:b:c");

    private final Messages messages = new Messages();
    private final List<Command> commands = List.of(
            command("share", true, specsOfShare()),
            command("nowplaying", true, List.of(OptionSpec.user("user", "option.user.description"))),
            command("privacy", false, List.of(new OptionSpec("sharing", "option.sharing.description",
                    OptionSpec.Type.STRING, true, List.of("on", "off")))),
            command("help", false, List.of()),
            command("link", false, List.of()),
            command("unlink", false, List.of()));
    private final CommandRegistry registry = new CommandRegistry(commands, messages);
    private final TextCommandParser parser = new TextCommandParser(registry);

    @Test
    void anyTextParsesWithoutThrowingAndEveryProblemHasAMessage() {
        Fuzz.forAll("text commands: any text", 1000, f -> new Line(f.chance(0.5) ? "/" + f.anyString()
                : f.anyString(), f.chance(0.5) ? null : f.string(12)), this::checkLine);
    }

    @Test
    void commandLikeLinesParseWithoutThrowingAndEveryProblemHasAMessage() {
        Fuzz.forAll("text commands: command-like lines", 1000, this::commandLine, this::checkLine);
    }

    @Test
    void whateverParsesRunsWithoutThrowingAndAlwaysAnswers() {
        AtomicInteger ran = new AtomicInteger();
        Fuzz.forAll("text commands: run parsed", 1000, this::commandLine, line -> {
            if (parser.parse(line.text(), line.bot()) instanceof TextCommandParser.Parsed.Ok ok) {
                ran.incrementAndGet();
                Recorder context = new Recorder(localeFor(line));
                registry.execute(ok.command(), context, ok.args());
                assertEquals(1, context.replies.size(), "exactly one answer");
                Reply reply = context.replies.get(0);
                assertFalse(reply.plainText().isBlank());
                if (reply.error()) {
                    assertFalse(reply.plainText().startsWith("error."), "a message, not a key: " + reply);
                }
            }
        });
        assertTrue(ran.get() > 100, "enough lines parsed to run: " + ran);
    }

    private void checkLine(Line line) {
        TextCommandParser.Parsed parsed = parser.parse(line.text(), line.bot());
        assertNotNull(parsed);
        if (parsed instanceof TextCommandParser.Parsed.Problem problem) {
            assertTrue(messages.has(problem.messageKey()), "no text for " + problem.messageKey());
            for (Locale locale : List.of(Locale.ENGLISH, RU)) {
                String text = messages.get(locale, problem.messageKey(), problem.args().toArray());
                assertFalse(text.isBlank());
                assertNotEquals(problem.messageKey(), text);
            }
        } else if (parsed instanceof TextCommandParser.Parsed.Ok ok) {
            for (String name : ok.args().values().keySet()) {
                assertTrue(ok.command().spec().option(name).isPresent(), "unknown option passed: " + name);
            }
        }
    }

    /** A slash, a known or unknown command, maybe {@code @bot}, then options, links and noise in any order. */
    private Line commandLine(Fuzz f) {
        StringBuilder line = new StringBuilder(f.oneOf("/", "/", " /", "//"));
        line.append(f.chance(0.85) ? f.oneOf(commands).spec().name() : f.from("abcdefghijklmnopqrstuvwxyz", 1, 12));
        if (f.chance(0.1)) {
            line.append('@').append(f.oneOf("spotlinkbot", "SpotlinkBot", "otherbot", ""));
        }
        int words = f.between(0, 6);
        for (int i = 0; i < words; i++) {
            line.append(f.oneOf(" ", "  ", "\t", "\n", "\u00a0"));
            switch (f.between(0, 3)) {
                case 0 -> line.append(f.oneOf(OPTION_NAMES)).append(':').append(f.chance(0.8) ? f.oneOf(WORDS)
                        : f.string(10));
                case 1 -> line.append(f.oneOf(WORDS));
                case 2 -> line.append(f.mutate(f.oneOf(WORDS)));
                default -> line.append(f.string(20));
            }
        }
        return new Line(line.toString(), f.chance(0.5) ? "spotlinkbot" : null);
    }

    /** Half the lines in Russian, so both bundles get exercised. */
    private static Locale localeFor(Line line) {
        return (line.text().length() & 1) == 1 ? RU : Locale.ENGLISH;
    }

    private static List<OptionSpec> specsOfShare() {
        List<OptionSpec> options = new ArrayList<>();
        options.add(OptionSpec.positional("link", "option.link.description"));
        options.addAll(CodeOptions.specs());
        return options;
    }

    private static Command command(String name, boolean callsSpotify, List<OptionSpec> options) {
        CommandSpec spec = new CommandSpec(name, "command." + name + ".description", options, callsSpotify);
        return new Command() {
            @Override
            public CommandSpec spec() {
                return spec;
            }

            @Override
            public void execute(CommandContext context, CommandArgs args) {
                context.reply(Reply.text("ran /" + name));
            }
        };
    }

    private record Line(String text, String bot) {
    }

    /** A context that keeps what the command answered. */
    private static final class Recorder implements CommandContext {
        private final Locale locale;
        private final List<Reply> replies = new ArrayList<>();

        Recorder(Locale locale) {
            this.locale = locale;
        }

        @Override
        public ChatUser user() {
            return new ChatUser(Platform.CONSOLE, "fuzz");
        }

        @Override
        public Locale locale() {
            return locale;
        }

        @Override
        public boolean isPublicChannel() {
            return false;
        }

        @Override
        public void reply(Reply reply) {
            replies.add(reply);
        }

        @Override
        public void replyPrivately(Reply reply) {
            replies.add(reply);
        }
    }
}
