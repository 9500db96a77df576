package dev.spotlink.transport.telegram;

import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Runs Bot API calls: one retry after a 429 when Telegram's {@code retry_after} is short enough to wait for,
 * and log lines that never contain the bot token.
 */
final class TelegramSender {

    private static final Logger log = LoggerFactory.getLogger(TelegramSender.class);

    /** One Bot API call; built anew for the retry (an uploaded photo's stream is consumed by the first try). */
    @FunctionalInterface
    interface Call<T> {
        T run(TelegramClient client) throws TelegramApiException;
    }

    /** Waits before a retry; tests may substitute one. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final TelegramClient client;
    private final Redaction redaction;
    private final Duration maxRetryAfter;
    private final Sleeper sleeper;

    TelegramSender(TelegramClient client, Redaction redaction, Duration maxRetryAfter, Sleeper sleeper) {
        this.client = client;
        this.redaction = redaction;
        this.maxRetryAfter = maxRetryAfter;
        this.sleeper = sleeper;
    }

    /** Runs the call, retrying once after a 429 that asks for at most {@code maxRetryAfter}. */
    <T> T execute(String what, Call<T> call) throws TelegramApiException {
        try {
            return call.run(client);
        } catch (TelegramApiException e) {
            Optional<Duration> wait = retryAfter(e);
            if (wait.isEmpty()) {
                throw e;
            }
            if (wait.get().compareTo(maxRetryAfter) > 0) {
                // the caller logs the refusal ("[429] ... retry after N"): no second line here
                log.debug("Not waiting {} s for {} (more than {} s)", wait.get().toSeconds(), what,
                        maxRetryAfter.toSeconds());
                throw e;
            }
            log.info("Telegram rate-limited {}: retrying once in {} s", what, wait.get().toSeconds());
            try {
                sleeper.sleep(wait.get());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw e;
            }
            return call.run(client);
        }
    }

    /** Like {@link #execute} but logs a failure instead of throwing; true when it went through. */
    boolean trySend(String what, Call<?> call) {
        try {
            execute(what, call);
            return true;
        } catch (TelegramApiException e) {
            logFailure(what, e);
            return false;
        }
    }

    /** One log line for a failed call: API refusals without a trace (they say it all), the rest with one. */
    void logFailure(String what, Throwable e) {
        Optional<TelegramApiRequestException> refusal = requestError(e);
        if (refusal.isPresent()) {
            log.warn("Telegram refused {}: {}", what, redaction.text(refusal.get().getMessage()));
        } else {
            log.warn("Telegram call {} failed", what, redaction.scrub(e));
        }
    }

    /** The API's error answer inside {@code e} (the client wraps it in "Unable to execute ..."), if any. */
    static Optional<TelegramApiRequestException> requestError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TelegramApiRequestException request) {
                return Optional.of(request);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }

    /** Telegram's error code inside {@code e}, or 0 when it never answered. */
    static int errorCode(Throwable e) {
        return requestError(e).map(TelegramApiRequestException::getErrorCode).map(c -> c == null ? 0 : c)
                .orElse(0);
    }

    private static Optional<Duration> retryAfter(Throwable e) {
        return requestError(e)
                .filter(r -> r.getErrorCode() != null && r.getErrorCode() == 429)
                .map(TelegramApiRequestException::getParameters)
                .map(p -> p.getRetryAfter())
                .map(seconds -> Duration.ofSeconds(Math.max(0, seconds)));
    }
}
