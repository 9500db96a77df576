package dev.spotlink.spotify;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How often and how patiently an idempotent request is retried after a 5xx or an I/O error.
 *
 * @param maxRetries attempts after the first one (0 = never retry)
 * @param base       the first back-off; each later one doubles
 * @param cap        the longest single back-off
 * @param budget     the whole call, retries and back-offs included, ends within this (no retry starts that
 *                   could not finish in time)
 */
public record RetryPolicy(int maxRetries, Duration base, Duration cap, Duration budget) {

    /** 2 retries, 200 ms doubling up to 2 s, all within the 15 s a single call may take anyway. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(2, Duration.ofMillis(200), Duration.ofSeconds(2),
            HttpClients.CALL_TIMEOUT);
    /** One attempt only. */
    public static final RetryPolicy NONE = new RetryPolicy(0, Duration.ZERO, Duration.ZERO, HttpClients.CALL_TIMEOUT);

    public RetryPolicy {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(cap, "cap");
        Objects.requireNonNull(budget, "budget");
        if (maxRetries < 0 || maxRetries > 10) {
            throw new IllegalArgumentException("maxRetries must be 0..10: " + maxRetries);
        }
        if (base.isNegative() || cap.isNegative() || cap.compareTo(base) < 0 || budget.isNegative()) {
            throw new IllegalArgumentException("need 0 <= base <= cap and a non-negative budget");
        }
    }

    /**
     * The wait before retry number {@code retry} (1-based): "equal jitter", half of min(cap, base * 2^(retry-1))
     * fixed and half random, so a crowd of retries spreads out yet every one of them still backs off.
     */
    public Duration delay(int retry, RandomGenerator random) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry is 1-based: " + retry);
        }
        long ceiling = cap.toMillis();
        int doublings = Math.min(retry - 1, 30);
        long baseMillis = base.toMillis();
        // Compared before shifting, so a large base can never overflow into a negative wait.
        long full = baseMillis > (ceiling >> doublings) ? ceiling : Math.min(ceiling, baseMillis << doublings);
        long half = full / 2;
        long spread = full - half;
        return Duration.ofMillis(half + (spread == 0 ? 0 : random.nextLong(spread + 1)));
    }
}
