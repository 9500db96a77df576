package dev.spotlink.transport.telegram;

/**
 * Keeps the bot token out of logs. TelegramBots puts the token into every request URL, so any exception that
 * quotes a URL would leak it; what we log goes through here first.
 */
final class Redaction {

    static final String MASK = "<bot-token>";
    private static final int MAX_CAUSES = 8;

    private final String token;

    Redaction(String token) {
        this.token = token;
    }

    /** The text with every occurrence of the token masked. */
    String text(String text) {
        return text == null || token.isEmpty() ? text : text.replace(token, MASK);
    }

    /**
     * A copy of {@code error} (and its causes) whose messages are masked, with the original stack traces: safe to
     * hand to a logger as the last argument.
     */
    Throwable scrub(Throwable error) {
        return scrub(error, 0);
    }

    private Throwable scrub(Throwable error, int depth) {
        if (error == null || depth > MAX_CAUSES) {
            return null;
        }
        RedactedException copy = new RedactedException(error.getClass().getName() + ": "
                + text(error.getMessage()), scrub(error.getCause(), depth + 1));
        copy.setStackTrace(error.getStackTrace());
        return copy;
    }

    /** Stands in for a logged exception; its message names the original class. */
    static final class RedactedException extends Exception {
        RedactedException(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this; // the original's trace is copied in instead
        }
    }
}
