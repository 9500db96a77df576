package dev.spotlink.transport.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.spotlink.command.Notifiers;
import dev.spotlink.config.Secret;
import dev.spotlink.i18n.Messages;
import dev.spotlink.testing.RecordingAppender;
import dev.spotlink.testing.TestConfigs;
import dev.spotlink.testing.telegram.FakeTelegram;
import dev.spotlink.web.Health;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** TelegramBots puts the token in every URL: whatever goes wrong, the token must not reach the log. */
class TelegramLoggingTest {

    static final String TOKEN = "555000:AAF-very-secret_token-XYZ";
    static final Duration WAIT = Duration.ofSeconds(10);

    private final Messages messages = new Messages();
    private final RecordingAppender logged = new RecordingAppender();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeEach
    void capture() {
        logged.start();
        root.addAppender(logged);
    }

    @AfterEach
    void release() {
        root.detachAppender(logged);
        logged.stop();
    }

    @Test
    void failuresAreLoggedWithoutTheToken() {
        try (FakeTelegram telegram = FakeTelegram.start(TOKEN)) {
            TelegramTransport transport = transport(telegram.url());
            transport.start();
            telegram.failNext("sendMessage", 429, 60); // longer than we wait: dropped
            telegram.failNext("sendPhoto", 400, 0);
            telegram.failNext("sendMessage", 403, 0); // the fallback is refused too
            telegram.pushUpdate(telegram.updates().privateMessage(1, "/echo hi", "en"));
            telegram.pushUpdate(telegram.updates().privateMessage(1, "/card", "en"));
            telegram.pushUpdate(telegram.updates().privateMessage(1, "/crash", "en"));
            telegram.awaitCall("sendMessage", WAIT);
            telegram.awaitCall("sendPhoto", WAIT);
            telegram.awaitCall("sendMessage", WAIT);
            telegram.awaitCall("sendMessage", WAIT); // the /crash answer: all earlier work of the chat is done
            transport.close();
        }
        int port = TestConfigs.freePort(); // nothing listens there
        TelegramTransport unreachable = transport("http://127.0.0.1:" + port);
        IllegalStateException e = assertThrows(IllegalStateException.class, unreachable::start);
        assertFalse(everything(e).contains(TOKEN), everything(e));
        assertTrue(everything(e).contains("Failed to connect"), everything(e));

        List<String> lines = logged.lines();
        assertTrue(lines.stream().anyMatch(l -> l.contains("[429] Too Many Requests: retry after 60")),
                lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.contains("[403]")), lines.toString());
        assertEquals(List.of(), lines.stream().filter(l -> l.contains(TOKEN) || l.contains("AAF-very")).toList());
        assertEquals(List.of(), logged.events().stream().filter(event -> event.getLoggerName().startsWith("org.telegram")
                && event.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.WARN)).map(ILoggingEvent::toString)
                .toList(), "closing ends the poll in flight without TelegramBots errors");
    }

    @Test
    void redactionMasksTheTokenInMessagesAndCausesButKeepsStackTraces() {
        Redaction redaction = new Redaction(TOKEN);
        Exception original = new IllegalStateException("GET http://x/bot" + TOKEN + "/getMe failed",
                new java.io.IOException("at /bot" + TOKEN + "/sendMessage"));
        Throwable scrubbed = redaction.scrub(original);
        assertEquals("java.lang.IllegalStateException: GET http://x/bot<bot-token>/getMe failed",
                scrubbed.getMessage());
        assertEquals("java.io.IOException: at /bot<bot-token>/sendMessage", scrubbed.getCause().getMessage());
        assertEquals(original.getStackTrace()[0], scrubbed.getStackTrace()[0]);
    }

    private TelegramTransport transport(String url) {
        return new TelegramTransport(new Secret(TOKEN), url, TestCommands.registry(messages), messages,
                new Notifiers(), new Health(() -> true), null, null, null);
    }

    private static String everything(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            text.append(t).append('\n');
            for (StackTraceElement frame : t.getStackTrace()) {
                text.append("  ").append(frame).append('\n');
            }
        }
        return text.toString();
    }
}
