package dev.spotlink.web;

import dev.spotlink.command.TokenBucket;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A token bucket per client address that only failures drain: a client is let in while it has a token, and each
 * of its requests that fails costs one ({@code burst} of them, then one more per {@code refill}). Callbacks that
 * carry a live state (issued, unused, unexpired) never reach it: {@link WebServer} looks the state up first. So
 * users behind one NAT or proxy linking at the same time never throttle each other, and a flood of made-up
 * callbacks runs dry after {@code burst} without ever holding back a real one. Concurrent failures may overdraw a
 * bucket (down to {@code -burst}), which only lengthens that client's wait.
 *
 * <p>Memory is bounded: at most {@code maxClients} buckets. When a new address arrives and the table is full, the
 * least recently seen bucket is dropped if it has refilled completely (forgetting it changes nothing); otherwise
 * the newcomer shares one overflow bucket with every other untracked address, so a flood from many addresses is
 * throttled as a whole instead of growing the table. Thread-safe; one lock is plenty at callback rates.
 */
final class ClientRateLimiter {

    private static final String OVERFLOW = "*overflow*";

    private final int burst;
    private final long refillNanos;
    private final int maxClients;
    private final LongSupplier nanoTime;
    private final LinkedHashMap<String, TokenBucket> buckets = new LinkedHashMap<>(64, 0.75f, true);

    /** @param nanoTime monotonic time source ({@code System::nanoTime}; tests pass their own) */
    ClientRateLimiter(int burst, Duration refill, int maxClients, LongSupplier nanoTime) {
        this.burst = burst;
        this.refillNanos = refill.toNanos();
        this.maxClients = maxClients;
        this.nanoTime = nanoTime;
    }

    /** {@link Duration#ZERO} when {@code client} may go ahead, else how long until it may. Takes nothing. */
    synchronized Duration admit(String client) {
        long now = nanoTime.getAsLong();
        return Duration.ofNanos(bucketFor(client, now).nanosUntilToken(now));
    }

    /** A request of {@code client} failed: it costs one token. */
    synchronized void charge(String client) {
        long now = nanoTime.getAsLong();
        bucketFor(client, now).take(now);
    }

    /** How many addresses have a bucket (for tests of the memory bound). */
    synchronized int trackedClients() {
        return buckets.size();
    }

    private TokenBucket bucketFor(String client, long now) {
        TokenBucket bucket = buckets.get(client);
        if (bucket != null) {
            return bucket;
        }
        if (buckets.size() >= maxClients) {
            Iterator<Map.Entry<String, TokenBucket>> eldest = buckets.entrySet().iterator();
            Map.Entry<String, TokenBucket> entry = eldest.next();
            if (entry.getKey().equals(OVERFLOW) || !entry.getValue().isFull(now)) {
                return buckets.computeIfAbsent(OVERFLOW, k -> new TokenBucket(burst, refillNanos, now));
            }
            eldest.remove();
        }
        bucket = new TokenBucket(burst, refillNanos, now);
        buckets.put(client, bucket);
        return bucket;
    }
}
