package dev.spotlink.spotify;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlink.testing.Fuzz;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Properties of the retry waits and of reading {@code Retry-After}: always bounded, never an exception. */
class BackoffPropertiesTest {

    @Test
    void everyBackOffLiesBetweenHalfAndAllOfItsCappedStep() {
        Fuzz.forAll("back-off bounds", 1000, f -> new RetryPolicy(f.between(1, 10),
                Duration.ofMillis(f.between(0, 5_000)), Duration.ofMillis(f.between(5_000, 60_000)),
                Duration.ofSeconds(15)), policy -> {
            Random random = new Random(policy.hashCode());
            for (int retry = 1; retry <= policy.maxRetries(); retry++) {
                long step = policy.base().toMillis() << (retry - 1);
                long full = Math.min(policy.cap().toMillis(), step);
                long delay = policy.delay(retry, random).toMillis();
                assertTrue(delay >= full / 2 && delay <= full, "retry " + retry + ": " + delay + " of " + full);
            }
        });
    }

    @Test
    void anyRetryAfterHeaderReadsAsNothingOrASanePause() {
        Fuzz.forAll("Retry-After values", 1000, f -> f.chance(0.3) ? Long.toString(f.between(-5, 1_000_000))
                : f.chance(0.3) ? f.mutate("Wed, 21 Oct 2026 07:28:00 GMT") : f.anyString(), header -> {
            Duration read = HttpSupport.retryAfter(header);
            assertTrue(read == null || (!read.isNegative() && read.compareTo(RateLimitGate.MAX_PAUSE) <= 0),
                    String.valueOf(read));
            Duration pause = RateLimitGate.pauseFor(read);
            assertTrue(!pause.isNegative() && pause.compareTo(RateLimitGate.MAX_PAUSE) <= 0, pause.toString());
        });
    }
}
