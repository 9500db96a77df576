package dev.spotlink.command;

import dev.spotlink.domain.ChatUser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Objects;
import java.util.Optional;

/**
 * A token bucket per user for commands that call Spotify ({@code command.burst}, {@code command.refill}): all
 * users share one Spotify app and its rate limit, so one user hammering /nowplaying must not use it up for
 * everyone. A person asking for a few things in a row has {@code burst} commands at once and never meets the
 * limit; a script gets one command per {@code refill} after that. Each user has a bucket of their own and nothing
 * is ever shared, so one user's commands can never hold back another's.
 *
 * <p>Memory is bounded: at most {@code maxTracked} buckets. Full buckets are forgotten (a new full one is the
 * same), and past the bound the least recently seen user's bucket goes: that user merely gets a full bucket
 * early. Thread-safe.
 */
public final class CommandRateLimit {

    /** Users remembered at most. */
    static final int MAX_TRACKED_USERS = 10_000;

    private final int burst;
    private final Duration refill;
    private final Clock clock;
    private final int maxTracked;
    // access order: the least recently seen user comes first
    private final LinkedHashMap<ChatUser, TokenBucket> buckets = new LinkedHashMap<>(64, 0.75f, true);

    /**
     * @param burst  commands a user may send at once (at least 1)
     * @param refill time for one more command; zero turns the limit off
     */
    public CommandRateLimit(int burst, Duration refill, Clock clock) {
        this(burst, refill, clock, MAX_TRACKED_USERS);
    }

    CommandRateLimit(int burst, Duration refill, Clock clock, int maxTracked) {
        this.refill = Objects.requireNonNull(refill, "refill");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (burst < 1 || refill.isNegative() || maxTracked < 1) {
            throw new IllegalArgumentException("need a burst of at least 1, a non-negative refill and room for one user");
        }
        this.burst = burst;
        this.maxTracked = maxTracked;
    }

    /** No limit at all. */
    public static CommandRateLimit disabled() {
        return new CommandRateLimit(1, Duration.ZERO, Clock.systemUTC());
    }

    /**
     * Takes one command from {@code user}'s bucket, or says how long until there is one (taking nothing: a refused
     * attempt does not push the next one further away).
     *
     * @return empty when admitted; else the time until the next command is admitted
     */
    public Optional<Duration> tryAcquire(ChatUser user) {
        if (refill.isZero()) {
            return Optional.empty();
        }
        long now = nanos(clock.instant());
        synchronized (buckets) {
            TokenBucket bucket = buckets.get(user);
            if (bucket == null) {
                if (buckets.size() >= maxTracked) {
                    forgetFullOrOldest(now);
                }
                bucket = new TokenBucket(burst, refill.toNanos(), now);
                buckets.put(user, bucket);
            }
            long wait = bucket.nanosUntilToken(now);
            if (wait > 0) {
                return Optional.of(Duration.ofNanos(wait));
            }
            bucket.take(now);
            return Optional.empty();
        }
    }

    /** The clock it runs on: caches that go with it (recent inline answers) run on the same. */
    public Clock clock() {
        return clock;
    }

    /** Whole seconds rounded up, at least 1: a user told "0 s" who tries at once would be refused again. */
    public static long wholeSeconds(Duration duration) {
        long seconds = duration.getSeconds() + (duration.getNano() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }

    /** Users currently remembered (tests check the bound). */
    int tracked() {
        synchronized (buckets) {
            return buckets.size();
        }
    }

    /** Makes room for one more user. */
    private void forgetFullOrOldest(long now) {
        buckets.values().removeIf(bucket -> bucket.isFull(now));
        if (buckets.size() >= maxTracked) {
            Iterator<ChatUser> oldest = buckets.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
