package dev.spotlink.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlink.config.TrustedProxies;
import java.time.Duration;
import java.util.List;
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
        TrustedProxies proxy = TrustedProxies.parse("192.0.2.7");
        assertEquals("192.0.2.7", key("192.0.2.7", "203.0.113.9", TrustedProxies.NONE), "proxy headers ignored");
        assertEquals("203.0.113.9", key("192.0.2.7", "198.51.100.1, 203.0.113.9", proxy),
                "the entry our proxy appended, not the client-supplied ones before it");
        assertEquals(key("2001:db8:1:2::1", null, TrustedProxies.NONE),
                key("[2001:db8:1:2:ffff::9]", null, TrustedProxies.NONE), "one IPv6 /64, one bucket");
        assertNotEquals(key("2001:db8:1:2::1", null, TrustedProxies.NONE),
                key("2001:db8:1:3::1", null, TrustedProxies.NONE));
        assertEquals("192.0.2.7", key("::ffff:192.0.2.7", null, TrustedProxies.NONE));
        assertEquals("other:evil.example", key("192.0.2.7", "evil.example", proxy), "names are never resolved");
        assertTrue(key("192.0.2.7", "x".repeat(10_000), proxy).length() < 80, "keys stay short");
    }

    @Test
    void theRightMostForwardedEntryThatIsNotATrustedProxyIsTheClient() {
        TrustedProxies proxies = TrustedProxies.parse("10.0.0.0/8, fd00::/8");
        assertEquals("203.0.113.9", ClientAddress.client("10.0.0.2",
                List.of("6.6.6.6, 203.0.113.9, 10.1.1.1", "10.0.0.3"), proxies),
                "two trusted hops (over two headers) are skipped; the forged first entry is never reached");
        assertEquals("2001:db8::5", ClientAddress.client("fd00::1", List.of("2001:db8::5"), proxies), "IPv6 peer");
        assertEquals("10.0.0.2", ClientAddress.client("10.0.0.2", List.of(), proxies),
                "no header: the proxy itself (its health checks)");
        assertEquals("10.9.9.9", ClientAddress.client("10.0.0.2", List.of("10.9.9.9, 10.0.0.5"), proxies),
                "every hop trusted: the left-most");
        assertEquals("198.51.100.1", ClientAddress.client("198.51.100.1", List.of("10.0.0.5, 1.2.3.4"), proxies),
                "an untrusted peer's header changes nothing");
        assertEquals("10.0.0.2", ClientAddress.key("10.0.0.2", List.of(", ,"), proxies),
                "empty entries are skipped");
        assertEquals("203.0.113.9", ClientAddress.key("10.0.0.2", List.of("203.0.113.9:51234, 10.0.0.7:443"),
                proxies), "ports some proxies add are dropped: they change with every connection");
        assertEquals("20010db800000000::/64", ClientAddress.key("10.0.0.2", List.of("[2001:db8::1]:443"), proxies));
    }

    private static String key(String remote, String forwardedFor, TrustedProxies proxies) {
        return ClientAddress.key(remote, forwardedFor == null ? List.of() : List.of(forwardedFor), proxies);
    }
}
