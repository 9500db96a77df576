package dev.spotlink.spotify;

import static dev.spotlink.spotify.SpotifyApiClientTest.assertReason;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlink.spotify.SpotifyException.Reason;
import dev.spotlink.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RateLimitGateTest {

    private final MutableClock time = new MutableClock(Instant.parse("2026-05-01T00:00:00Z"));
    private final List<Duration> waits = new ArrayList<>();
    private final RateLimitGate gate = SpotifyTestSupport.gate(time, Duration.ofSeconds(5), waits);

    @Test
    void anOpenGateLetsCallsThroughAtOnce() throws Exception {
        gate.acquire("GET /me");
        assertEquals(Optional.empty(), gate.remaining());
        assertTrue(waits.isEmpty());
    }

    @Test
    void aShortPauseIsWaitedOutWithALittleSpread() throws Exception {
        RateLimitGate spread = new RateLimitGate("app", time, Duration.ofSeconds(5), d -> {
            waits.add(d);
            time.advance(d);
        }, new Random(3));
        assertEquals(Duration.ofSeconds(3), spread.close(Duration.ofSeconds(3)));

        spread.acquire("GET /me");

        assertEquals(1, waits.size());
        Duration waited = waits.get(0);
        assertTrue(waited.compareTo(Duration.ofSeconds(3)) >= 0
                && waited.compareTo(Duration.ofMillis(3250)) <= 0, waited.toString());
        assertEquals(Optional.empty(), spread.remaining());
    }

    @Test
    void aPauseLongerThanTheWaitBoundFailsFastWithWholeSecondsLeft() {
        gate.close(Duration.ofSeconds(30));
        time.advance(Duration.ofMillis(200));

        SpotifyException e = refused(gate);

        assertEquals(Duration.ofSeconds(30), e.retryAfter().orElseThrow(), "29.8 s rounds up");
        assertTrue(e.getMessage().contains("GET /me"), e.getMessage());
        assertTrue(waits.isEmpty());
    }

    @Test
    void aShorter429NeverShortensALongerPause() {
        gate.close(Duration.ofSeconds(30));
        gate.close(Duration.ofSeconds(1));
        assertEquals(Optional.of(Duration.ofSeconds(30)), gate.remaining());
    }

    @Test
    void aGateClosedAgainWhileWaitingFailsOnceTheBoundIsUsedUp() {
        AtomicReference<RateLimitGate> self = new AtomicReference<>();
        AtomicBoolean reclosed = new AtomicBoolean();
        RateLimitGate reclosing = new RateLimitGate("app", time, Duration.ofSeconds(5), d -> {
            waits.add(d);
            time.advance(d);
            if (reclosed.compareAndSet(false, true)) {
                self.get().close(Duration.ofSeconds(4)); // another caller got a 429 meanwhile
            }
        }, () -> 0L);
        self.set(reclosing);
        reclosing.close(Duration.ofSeconds(3));

        SpotifyException e = refused(reclosing);

        assertEquals(List.of(Duration.ofSeconds(3)), waits, "waited once; 3 + 4 s more would pass the 5 s bound");
        assertEquals(Duration.ofSeconds(4), e.retryAfter().orElseThrow());
    }

    @Test
    void anInterruptedWaitGivesUpAndKeepsTheInterrupt() {
        RateLimitGate interrupted = new RateLimitGate("app", time, Duration.ofSeconds(5), d -> {
            throw new InterruptedException();
        }, () -> 0L);
        interrupted.close(Duration.ofSeconds(2));
        try {
            refused(interrupted);
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }

    private static SpotifyException refused(RateLimitGate gate) {
        return assertReason(Reason.RATE_LIMITED, () -> {
            gate.acquire("GET /me");
            return null;
        });
    }

    @Test
    void retryAfterIsMadeSane() {
        assertEquals(RateLimitGate.DEFAULT_PAUSE, RateLimitGate.pauseFor(null));
        assertEquals(RateLimitGate.DEFAULT_PAUSE, RateLimitGate.pauseFor(Duration.ofSeconds(-1)));
        assertEquals(Duration.ZERO, RateLimitGate.pauseFor(Duration.ZERO));
        assertEquals(RateLimitGate.MAX_PAUSE, RateLimitGate.pauseFor(Duration.ofDays(400)));
        assertEquals(Duration.ofSeconds(7), HttpSupport.retryAfter("7"));
        assertEquals(RateLimitGate.MAX_PAUSE, HttpSupport.retryAfter("99999999999"));
        assertNull(HttpSupport.retryAfter("99999999999999999999999"));
        assertNull(HttpSupport.retryAfter("-3"));
        assertNull(HttpSupport.retryAfter("in a bit"));
        assertEquals(Duration.ZERO, HttpSupport.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT"), "a past date");
    }

    @Test
    void wholeSecondsRoundUp() {
        assertEquals(0, RateLimitGate.seconds(Duration.ZERO));
        assertEquals(1, RateLimitGate.seconds(Duration.ofMillis(1)));
        assertEquals(2, RateLimitGate.seconds(Duration.ofMillis(2000)));
        assertEquals(3, RateLimitGate.seconds(Duration.ofMillis(2001)));
    }
}
