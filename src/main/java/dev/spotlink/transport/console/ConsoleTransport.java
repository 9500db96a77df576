package dev.spotlink.transport.console;

import dev.spotlink.command.CommandContext;
import dev.spotlink.command.CommandRegistry;
import dev.spotlink.command.Notifier;
import dev.spotlink.command.Reply;
import dev.spotlink.command.TextCommandParser;
import dev.spotlink.domain.ChatUser;
import dev.spotlink.domain.Platform;
import dev.spotlink.i18n.Messages;
import dev.spotlink.link.CallbackAddress;
import dev.spotlink.link.PasteBack;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The terminal transport: one local user types commands, replies are printed, images are saved as files whose
 * paths are printed. How an admin tries the Spotify side before wiring a chat platform. With
 * {@code link.paste-back} on, a line holding the address the browser ended on after {@code /link} finishes the link.
 */
public final class ConsoleTransport {

    /** The one user of the console. */
    public static final ChatUser LOCAL_USER = new ChatUser(Platform.CONSOLE, "local");

    private static final Logger log = LoggerFactory.getLogger(ConsoleTransport.class);

    private final CommandRegistry registry;
    private final TextCommandParser parser;
    private final PasteBack pasteBack;
    private final Messages messages;
    private final Locale locale;
    private final BufferedReader in;
    private final PrintStream out;
    private final Path imageDir;

    public ConsoleTransport(CommandRegistry registry, PasteBack pasteBack, Messages messages, Locale locale,
                            BufferedReader in, PrintStream out, Path imageDir) {
        this.registry = registry;
        this.parser = new TextCommandParser(registry);
        this.pasteBack = pasteBack;
        this.messages = messages;
        this.locale = messages.resolve(locale);
        this.in = in;
        this.out = out;
        this.imageDir = imageDir;
    }

    /** Prints later notifications ("linked as ...") as they arrive. */
    public Notifier notifier() {
        return (user, reply) -> print(reply);
    }

    /** Reads and runs commands until end of input or {@code /quit}. */
    public void run() throws IOException {
        println(messages.get(locale, "console.welcome"));
        String line;
        while ((line = in.readLine()) != null) {
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (trimmed.equals("/quit") || trimmed.equals("/exit")) {
                break;
            }
            handle(trimmed);
        }
    }

    /** Runs one line (also used by tests to drive the command path). */
    public void handle(String line) {
        Optional<CallbackAddress> address = pasteBack.recognize(line);
        if (address.isPresent()) {
            print(pasteBack.complete(LOCAL_USER, locale, address.get()));
            return;
        }
        TextCommandParser.Parsed parsed = parser.parse(line.startsWith("/") ? line : "/" + line, null);
        if (parsed instanceof TextCommandParser.Parsed.Ok ok) {
            registry.execute(ok.command(), new Context(), ok.args());
        } else if (parsed instanceof TextCommandParser.Parsed.Problem problem) {
            print(Reply.error(messages.get(locale, problem.messageKey(), problem.args().toArray())));
        }
    }

    private synchronized void print(Reply reply) {
        String text = reply.plainText();
        if (!text.isEmpty()) {
            println(reply.error() ? "! " + text.replace("\n", "\n! ") : text);
        }
        if (reply.image() != null) {
            try {
                Files.createDirectories(imageDir);
                Path file = imageDir.resolve(reply.image().fileName()).toAbsolutePath();
                Files.write(file, reply.image().bytes());
                println(messages.get(locale, "console.image-saved", file.toString()));
            } catch (IOException e) {
                log.warn("Could not save image {}", reply.image().fileName(), e);
                println(messages.get(locale, "console.image-failed", imageDir.toAbsolutePath().toString()));
            }
        }
    }

    private synchronized void println(String text) {
        out.println(text);
        out.flush();
    }

    /** The console's command context: always the local user, always private. */
    private final class Context implements CommandContext {
        @Override
        public ChatUser user() {
            return LOCAL_USER;
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
            print(reply);
        }

        @Override
        public void replyPrivately(Reply reply) {
            print(reply);
        }
    }
}
