package dev.spotlink.command;

/**
 * One token bucket on a nanosecond time line: {@code burst} tokens when full, one more every {@code refillNanos}.
 * Shared by the per-user command limit and the callback server's per-address limit. Not thread-safe: its owner
 * holds a lock around every call.
 */
public final class TokenBucket {

    private final int burst;
    private final long refillNanos;
    private double tokens;
    private long updated;

    /** A full bucket at {@code nowNanos}. */
    public TokenBucket(int burst, long refillNanos, long nowNanos) {
        if (burst < 1 || refillNanos < 1) {
            throw new IllegalArgumentException("burst and refill must be positive");
        }
        this.burst = burst;
        this.refillNanos = refillNanos;
        this.tokens = burst;
        this.updated = nowNanos;
    }

    /** Nanoseconds from {@code nowNanos} until a whole token is there; 0 when one is there now. */
    public long nanosUntilToken(long nowNanos) {
        refill(nowNanos);
        return tokens >= 1 ? 0 : Math.max(1, (long) Math.ceil((1 - tokens) * refillNanos));
    }

    /** Takes a token; without one the bucket goes into debt, down to {@code -burst}, which lengthens the wait. */
    public void take(long nowNanos) {
        refill(nowNanos);
        tokens = Math.max(-burst, tokens - 1);
    }

    /** Whether the bucket has refilled completely (forgetting it changes nothing). */
    public boolean isFull(long nowNanos) {
        refill(nowNanos);
        return tokens >= burst;
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - updated;
        if (elapsed > 0) {
            tokens = Math.min(burst, tokens + (double) elapsed / refillNanos);
            updated = nowNanos;
        }
    }
}
