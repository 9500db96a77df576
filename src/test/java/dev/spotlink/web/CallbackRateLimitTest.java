package dev.spotlink.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlink.testing.ConsoleHarness;
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
                .withTrustForwardedFor(true));
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
}
