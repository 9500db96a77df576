package dev.spotlink.transport.discord;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.spotlink.testing.RecordingAppender;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.LoggerFactory;

/** Records every log event (at the given level and above) while open; restores the root level on close. */
final class LogCapture implements AutoCloseable {

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Level previous = root.getLevel();
    private final RecordingAppender appender = new RecordingAppender();

    LogCapture(Level level) {
        appender.start();
        root.addAppender(appender);
        root.setLevel(level);
    }

    /** Every event as one text: level, logger, formatted message, MDC, and the whole exception chain. */
    List<String> lines() {
        return appender.lines();
    }

    /** Waits (polling) until an event matches; log calls happen on other threads after the fact. */
    String await(Predicate<String> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : lines()) {
                if (match.test(line)) {
                    return line;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("No matching log line within " + timeout + ": " + lines());
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        root.setLevel(previous);
        appender.stop();
    }
}
