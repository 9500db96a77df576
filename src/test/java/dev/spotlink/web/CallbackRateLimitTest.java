package dev.spotlink.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlink.config.ServerConfig;
import dev.spotlink.config.SpotlinkConfig;
import dev.spotlink.config.TrustedProxies;
import dev.spotlink.testing.ConsoleHarness;
import dev.spotlink.testing.FakeSpotify;
import dev.spotlink.testing.TestConfigs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-address rate limit of the callback over real HTTP: 429 with Retry-After, and nothing else limited. */
class CallbackRateLimitTest {

    @TempDir
    Path dataDir;

    private ConsoleHarness bot;

    @AfterEach
    void stop() {
        bot.close();
    }

    @Test
    void anAddressOverItsBudgetGets429WithRetryAfter() {
        bot = new ConsoleHarness(dataDir, ServerLimits.DEFAULT.withCallbackRate(3, Duration.ofMinutes(2)));
        String callback = bot.serverUrl() + "/callback?code=x&state=" + "A".repeat(43);
        for (int i = 0; i < 3; i++) {
            assertEquals(400, bot.get(callback, Map.of()).status(), "within the budget: the normal page");
        }
        ConsoleHarness.Page limited = bot.get(callback, Map.of("Accept-Language", "ru"));
        assertEquals(429, limited.status(), limited.body());
        long retryAfter = Long.parseLong(limited.header("Retry-After"));
        assertTrue(retryAfter >= 100 && retryAfter <= 120, "about one refill away: " + retryAfter);
        assertTrue(limited.body().contains("Слишком много попыток"), limited.body());
        assertEquals("nosniff", limited.header("X-Content-Type-Options"));

        assertEquals(200, bot.get(bot.serverUrl() + "/health", Map.of()).status(), "health is not limited");
        assertEquals(0, bot.spotify.tokenRequests());
    }

    @Test
    void completedLinksDoNotCountSoUsersBehindOneAddressAreNeverThrottled() {
        bot = new ConsoleHarness(dataDir, ServerLimits.DEFAULT.withCallbackRate(2, Duration.ofMinutes(2)));
        for (int i = 0; i < 6; i++) {
            bot.spotify.addUser("user-" + i, "User " + i);
            assertEquals(200, bot.linkAs("user-" + i).status(), "link " + i + " from the same address");
        }
        String made = bot.serverUrl() + "/callback?code=x&state=" + "B".repeat(43);
        assertEquals(400, bot.get(made, Map.of()).status());
        assertEquals(400, bot.get(made, Map.of()).status());
        assertEquals(429, bot.get(made, Map.of()).status(), "made-up callbacks still run out");
    }

    @Test
    void behindATrustedProxyEachForwardedAddressHasItsOwnBudget() {
        bot = new ConsoleHarness(dataDir, ServerLimits.DEFAULT.withCallbackRate(2, Duration.ofMinutes(2))
                .withTrustedProxies(TrustedProxies.parse("127.0.0.1, ::1")));
        bot.spotify.addUser("alice-account", "Alice");
        String callback = bot.serverUrl() + "/callback";
        Map<String, String> mallory = Map.of("X-Forwarded-For", "198.51.100.66");
        assertEquals(400, bot.get(callback, mallory).status());
        assertEquals(400, bot.get(callback, mallory).status());
        assertEquals(429, bot.get(callback, mallory).status());
        assertEquals(429, bot.get(callback, Map.of("X-Forwarded-For", "203.0.113.1, 198.51.100.66")).status(),
                "a forged first entry does not help");

        var redirect = bot.spotify.consent(bot.link(), "alice-account");
        assertEquals(200, bot.get(redirect.toString(), Map.of("X-Forwarded-For", "192.0.2.10")).status(),
                "another user behind the same proxy still links");
    }

    @Test
    void serverTrustProxyFromTheConfigGivesEachVisitorBehindTheProxyTheirOwnBudget() {
        FakeSpotify spotify = FakeSpotify.start();
        SpotlinkConfig base = TestConfigs.config(spotify, dataDir);
        SpotlinkConfig config = TestConfigs.withServer(base,
                new ServerConfig(base.server().host(), base.server().port(), TrustedProxies.parse("127.0.0.0/8")));
        bot = new ConsoleHarness(dataDir, spotify, config);
        String made = bot.serverUrl() + "/callback?code=x&state=" + "D".repeat(43);
        Map<String, String> mallory = Map.of("X-Forwarded-For", "198.51.100.66");
        int status = 400;
        for (int i = 0; i < 21 && status == 400; i++) {
            status = bot.get(made, mallory).status();
        }
        assertEquals(429, status, "the default budget of 20 runs out for the flooding visitor");
        assertEquals(400, bot.get(made, Map.of("X-Forwarded-For", "192.0.2.10")).status(),
                "another visitor behind the same proxy keeps their own budget");
    }

    @Test
    void withoutATrustedProxyForgedForwardingHeadersChangeNothing() {
        bot = new ConsoleHarness(dataDir, ServerLimits.DEFAULT.withCallbackRate(2, Duration.ofMinutes(2))
                .withTrustedProxies(TrustedProxies.parse("10.0.0.0/8")));
        String callback = bot.serverUrl() + "/callback";
        assertEquals(400, bot.get(callback, Map.of("X-Forwarded-For", "198.51.100.1")).status());
        assertEquals(400, bot.get(callback, Map.of("X-Forwarded-For", "198.51.100.2")).status());
        assertEquals(429, bot.get(callback, Map.of("X-Forwarded-For", "198.51.100.3")).status(),
                "127.0.0.1 is not a trusted proxy: a new forged address each time buys no new budget");
    }
}
