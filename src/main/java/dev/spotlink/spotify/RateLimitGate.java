package dev.spotlink.spotify;

import dev.spotlink.spotify.SpotifyException.Reason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shared pause for every call of one Spotify app: a 429 closes the gate until its {@code Retry-After} has passed,
 * and calls made meanwhile never reach Spotify. A caller facing a short pause (at most {@code maxWait}) waits it
 * out; a longer one fails fast with {@link Reason#RATE_LIMITED} carrying the whole seconds left, so the user
 * reads "try again in N s". Spotify rate-limits per app, so one gate serves the Web API and token calls of one
 * client id; the codes service is another host and has its own. Thread-safe.
 */
public final class RateLimitGate {

    /** The pause when a 429 carries no readable {@code Retry-After}. */
    public static final Duration DEFAULT_PAUSE = Duration.ofSeconds(5);
    /** Upper bound of one pause, whatever Spotify says (quota 429s ask for hours; a restart clears it anyway). */
    public static final Duration MAX_PAUSE = Duration.ofDays(1);
    // Waiters leave a little apart instead of all in the same millisecond when the pause ends.
    private static final long MAX_SPREAD_MILLIS = 250;

    private static final Logger log = LoggerFactory.getLogger(RateLimitGate.class);

    private final String name;
    private final Clock clock;
    private final Duration maxWait;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final AtomicReference<Instant> closedUntil = new AtomicReference<>(Instant.MIN);

    /** Real time: waits up to {@link TokenManager#DEFAULT_MAX_RETRY_AFTER} with {@code Thread.sleep}. */
    public RateLimitGate(String name) {
        this(name, Sleeper.system());
    }

    /** Real time, waiting with {@code sleeper} (a decorator of {@link Sleeper#system()} that counts the waits). */
    public RateLimitGate(String name, Sleeper sleeper) {
        this(name, Clock.systemUTC(), TokenManager.DEFAULT_MAX_RETRY_AFTER, sleeper,
                () -> ThreadLocalRandom.current().nextLong());
    }

    /**
     * @param name    for the log, e.g. "Spotify app 0123abcd" (never a secret)
     * @param clock   must move with {@code sleeper}: the system clock with real sleeps, a test clock otherwise
     * @param maxWait the longest pause a caller waits out instead of failing fast
     */
    public RateLimitGate(String name, Clock clock, Duration maxWait, Sleeper sleeper, RandomGenerator random) {
        this.name = Objects.requireNonNull(name, "name");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxWait = Objects.requireNonNull(maxWait, "maxWait");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * Returns when a call may go to Spotify: at once when open, after the rest of a short pause, else throws.
     *
     * @param label what is about to be called, for the exception message (no ids or tokens)
     * @throws SpotifyException RATE_LIMITED with the remaining pause, rounded up to whole seconds
     */
    public void acquire(String label) throws SpotifyException {
        Duration waited = Duration.ZERO;
        while (true) {
            Optional<Duration> remaining = remaining();
            if (remaining.isEmpty()) {
                return;
            }
            Duration left = remaining.get();
            if (waited.plus(left).compareTo(maxWait) > 0) {
                throw rateLimited(label, left);
            }
            Duration pause = left.plusMillis(spread(left));
            try {
                sleeper.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw rateLimited(label, left);
            }
            // Another 429 may have closed the gate again meanwhile: look again.
            waited = waited.plus(pause);
        }
    }

    /**
     * Spotify answered 429: closes the gate for {@code retryAfter} from now (or keeps a longer pause already set).
     *
     * @param retryAfter Spotify's {@code Retry-After}, or null when absent or unreadable ({@link #DEFAULT_PAUSE})
     * @return the pause applied for this answer, to pass on to the caller
     */
    public Duration close(Duration retryAfter) {
        Duration pause = pauseFor(retryAfter);
        Instant now = clock.instant();
        Instant until = now.plus(pause);
        Instant before = closedUntil.getAndAccumulate(until, (a, b) -> a.isAfter(b) ? a : b);
        if (!before.isAfter(now) && until.isAfter(now)) {
            // Once per pause, not once per caller that ran into it.
            log.warn("Spotify rate limit for {}: pausing all its calls for {} s", name, seconds(pause));
        }
        return pause;
    }

    /** The pause still ahead; empty when calls may go. */
    public Optional<Duration> remaining() {
        Instant until = closedUntil.get();
        Instant now = clock.instant();
        return until.isAfter(now) ? Optional.of(Duration.between(now, until)) : Optional.empty();
    }

    /** {@code retryAfter} made sane: the default when missing or negative, at most {@link #MAX_PAUSE}. */
    static Duration pauseFor(Duration retryAfter) {
        if (retryAfter == null || retryAfter.isNegative()) {
            return DEFAULT_PAUSE;
        }
        return retryAfter.compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : retryAfter;
    }

    /** Whole seconds, rounded up: "try again in 0 s" would be a lie. */
    static long seconds(Duration duration) {
        long s = duration.getSeconds();
        return duration.getNano() > 0 ? s + 1 : s;
    }

    private long spread(Duration left) {
        long bound = Math.min(MAX_SPREAD_MILLIS, left.toMillis() / 10);
        return bound <= 0 ? 0 : random.nextLong(bound + 1);
    }

    private SpotifyException rateLimited(String label, Duration left) {
        long s = Math.max(1, seconds(left));
        return new SpotifyException(Reason.RATE_LIMITED,
                label + " not sent: Spotify asked " + name + " to pause, " + s + " s left",
                Duration.ofSeconds(s), null);
    }

    @Override
    public String toString() {
        return "RateLimitGate[" + name + "]";
    }
}
