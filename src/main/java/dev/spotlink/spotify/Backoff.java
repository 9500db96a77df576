package dev.spotlink.spotify;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * A {@link RetryPolicy} with the means to follow it: how to wait, where the jitter comes from, and the clock
 * that measures the budget. Tests pass a recording sleeper and a seeded random, so retries take no time and
 * always wait the same.
 */
public final class Backoff {

    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final Clock clock;

    public Backoff(RetryPolicy policy, Sleeper sleeper, RandomGenerator random, Clock clock) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.random = Objects.requireNonNull(random, "random");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** {@link RetryPolicy#DEFAULT}, really sleeping, measured with the system clock. */
    public static Backoff standard() {
        // ThreadLocalRandom.current() per draw: one shared generator would be touched by many threads.
        return new Backoff(RetryPolicy.DEFAULT, Sleeper.system(), () -> ThreadLocalRandom.current().nextLong(),
                Clock.systemUTC());
    }

    /** Never retries. */
    public static Backoff none() {
        return new Backoff(RetryPolicy.NONE, Sleeper.system(), () -> 0L, Clock.systemUTC());
    }

    public RetryPolicy policy() {
        return policy;
    }

    Clock clock() {
        return clock;
    }

    Duration delay(int retry) {
        return policy.delay(retry, random);
    }

    void sleep(Duration duration) throws InterruptedException {
        sleeper.sleep(duration);
    }
}
