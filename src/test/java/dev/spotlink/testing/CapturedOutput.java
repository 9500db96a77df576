package dev.spotlink.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * While open: every log event of the application's loggers at DEBUG (root and {@code dev.spotlink}; the levels of
 * third-party loggers stay as configured), plus everything written to {@code System.out} and {@code System.err},
 * which still reaches the real streams. Close restores levels and streams.
 */
public final class CapturedOutput implements AutoCloseable {

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Logger app = (Logger) LoggerFactory.getLogger("dev.spotlink");
    private final Level rootLevel = root.getLevel();
    private final Level appLevel = app.getLevel();
    private final RecordingAppender appender = new RecordingAppender();
    private final PrintStream realOut = System.out;
    private final PrintStream realErr = System.err;
    private final ByteArrayOutputStream streams = new ByteArrayOutputStream();

    public CapturedOutput() {
        appender.start();
        root.addAppender(appender);
        root.setLevel(Level.DEBUG);
        app.setLevel(Level.DEBUG);
        System.setOut(new PrintStream(new Tee(realOut, streams), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(realErr, streams), true, StandardCharsets.UTF_8));
    }

    /** Every event as text: level, logger, formatted message, MDC, and the whole exception chain with frames. */
    public List<String> logLines() {
        return appender.lines();
    }

    /** What went to stdout and stderr. */
    public String streams() {
        synchronized (streams) {
            return streams.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        System.setOut(realOut);
        System.setErr(realErr);
        root.detachAppender(appender);
        root.setLevel(rootLevel);
        app.setLevel(appLevel);
        appender.stop();
    }

    /** Writes to the real stream and to the capture. */
    private static final class Tee extends OutputStream {
        private final OutputStream real;
        private final ByteArrayOutputStream copy;

        Tee(OutputStream real, ByteArrayOutputStream copy) {
            this.real = real;
            this.copy = copy;
        }

        @Override
        public void write(int b) {
            synchronized (copy) {
                copy.write(b);
            }
            try {
                real.write(b);
            } catch (java.io.IOException e) {
                // the real stream is best effort; the capture is what the test reads
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            synchronized (copy) {
                copy.write(bytes, offset, length);
            }
            try {
                real.write(bytes, offset, length);
            } catch (java.io.IOException e) {
                // as above
            }
        }

        @Override
        public void flush() {
            try {
                real.flush();
            } catch (java.io.IOException e) {
                // as above
            }
        }
    }
}
