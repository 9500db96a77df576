package dev.spotlink.testing;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Keeps every log event it receives, safe to read while other threads log. Logback's {@code ListAppender} adds to
 * a plain {@code ArrayList} under the appender's own lock, so a test that reads it while a transport thread logs can
 * fail with {@code ConcurrentModificationException} (it did, once, in CI).
 */
public final class RecordingAppender extends AppenderBase<ILoggingEvent> {

    private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();

    @Override
    protected void append(ILoggingEvent event) {
        event.prepareForDeferredProcessing(); // fixes the formatted message and MDC as they were at the call
        events.add(event);
    }

    /** The events so far, oldest first; a snapshot that later events do not change. */
    public List<ILoggingEvent> events() {
        return List.copyOf(events);
    }

    /** Every event so far as {@link #text} lines. */
    public List<String> lines() {
        return events.stream().map(RecordingAppender::text).toList();
    }

    /** One event as text: level, logger, formatted message, MDC, and the whole exception chain with frames. */
    public static String text(ILoggingEvent event) {
        StringBuilder out = new StringBuilder().append(event.getLevel()).append(' ').append(event.getLoggerName())
                .append(" - ").append(event.getFormattedMessage()).append(' ').append(event.getMDCPropertyMap());
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            out.append('\n').append(t.getClassName()).append(": ").append(t.getMessage());
            for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
                out.append("\n\tat ").append(frame.getSTEAsString());
            }
        }
        return out.toString();
    }
}
