package dev.spotlink.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The token buckets and the client keys they hang on, with a hand-moved clock. */
class ClientRateLimiterTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @Test
    void failuresDrainTheBucketThenTheClientWaitsForTheRefill() {
        ClientRateLimiter limiter = new ClientRateLimiter(3, Duration.ofSeconds(10), 100, nanos::get);
        for (int i = 0; i < 3; i++) {
            assertEquals(Duration.ZERO, limiter.admit("10.0.0.1"));
            limiter.charge("10.0.0.1");
        }
        assertEquals(Duration.ofSeconds(10), limiter.admit("10.0.0.1"));
        assertEquals(Duration.ZERO, limiter.admit("10.0.0.2"), "others have their own bucket");

        nanos.addAndGet(Duration.ofSeconds(4).toNanos());
        assertEquals(Duration.ofSeconds(6), limiter.admit("10.0.0.1"), "a refused try costs nothing");
        nanos.addAndGet(Duration.ofSeconds(6).toNanos());
        assertEquals(Duration.ZERO, limiter.admit("10.0.0.1"));
        limiter.charge("10.0.0.1");
        assertNotEquals(Duration.ZERO, limiter.admit("10.0.0.1"));
    }

    @Test
    void successesCostNothingAndConcurrentFailuresOnlyLengthenTheWait() {
        ClientRateLimiter limiter = new ClientRateLimiter(2, Duration.ofSeconds(10), 100, nanos::get);
        for (int i = 0; i < 50; i++) {
            assertEquals(Duration.ZERO, limiter.admit("10.0.0.1"), "completion " + i);
        }
        for (int i = 0; i < 10; i++) {
            limiter.charge("10.0.0.1"); // ten failures that were all admitted at once
        }
        assertEquals(Duration.ofSeconds(30), limiter.admit("10.0.0.1"), "overdrawn to -2: three refills away");
    }

    @Test
    void memoryStaysBoundedWhenManyAddressesAppear() {
        ClientRateLimiter limiter = new ClientRateLimiter(2, Duration.ofSeconds(10), 50, nanos::get);
        int refused = 0;
        for (int i = 0; i < 10_000; i++) {
            String client = "10.1." + (i / 256) + "." + (i % 256);
            if (limiter.admit(client).isZero()) {
                limiter.charge(client);
            } else {
                refused++;
            }
        }
        assertTrue(limiter.trackedClients() <= 51, "at most the limit plus the shared bucket: "
                + limiter.trackedClients());
        assertTrue(refused > 9_000, "untracked newcomers share one bucket: " + refused);
    }

    @Test
    void idleBucketsMakeRoomForNewClients() {
        ClientRateLimiter limiter = new ClientRateLimiter(2, Duration.ofSeconds(10), 3, nanos::get);
        for (int i = 0; i < 3; i++) {
            limiter.charge("10.0.0." + i);
        }
        nanos.addAndGet(Duration.ofSeconds(30).toNanos()); // every bucket full again: forgetting them loses nothing
        for (int i = 3; i < 20; i++) {
            assertEquals(Duration.ZERO, limiter.admit("10.0.0." + i), "client " + i);
            limiter.charge("10.0.0." + i);
            nanos.addAndGet(Duration.ofSeconds(30).toNanos());
        }
        assertEquals(3, limiter.trackedClients());
    }

    @Test
    void clientKeys() {
        assertEquals("192.0.2.7", ClientAddress.key("192.0.2.7", "203.0.113.9", false), "proxy headers ignored");
        assertEquals("203.0.113.9", ClientAddress.key("192.0.2.7", "198.51.100.1, 203.0.113.9", true),
                "the entry our proxy appended, not the client-supplied ones before it");
        assertEquals(ClientAddress.key("2001:db8:1:2::1", null, false),
                ClientAddress.key("[2001:db8:1:2:ffff::9]", null, false), "one IPv6 /64, one bucket");
        assertNotEquals(ClientAddress.key("2001:db8:1:2::1", null, false),
                ClientAddress.key("2001:db8:1:3::1", null, false));
        assertEquals("192.0.2.7", ClientAddress.key("::ffff:192.0.2.7", null, false));
        assertEquals("other:evil.example", ClientAddress.key("192.0.2.7", "evil.example", true),
                "names are never resolved");
        assertTrue(ClientAddress.key("1.1.1.1", "x".repeat(10_000), true).length() < 80, "keys stay short");
    }
}
