package dev.spotlink.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlink.config.TrustedProxies;
import dev.spotlink.domain.ChatUser;
import dev.spotlink.domain.Platform;
import dev.spotlink.testing.ConsoleHarness;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17: made-up callbacks cannot lock members out of linking. Every request comes from 127.0.0.1, as it does
 * for everyone behind a reverse proxy, and the server runs with its real default limits.
 */
class CallbackFloodTest {

    private static final int REAL = 100;
    private static final int GARBAGE = 1_000;

    @TempDir
    Path dataDir;

    private ConsoleHarness bot;

    @AfterEach
    void stop() {
        bot.close();
    }

    @Test
    void aThousandGarbageCallbacksInterleavedWithAHundredRealOnesFromOneAddressLinkAllHundred() throws Exception {
        bot = new ConsoleHarness(dataDir, ServerLimits.DEFAULT);
        List<URI> redirects = new ArrayList<>();
        for (int i = 0; i < REAL; i++) {
            bot.spotify.addUser("account-" + i, "Member " + i);
            URI authorize = bot.app().core().links().startLink(member(i), Locale.ENGLISH);
            redirects.add(bot.spotify.consent(authorize, "account-" + i));
        }
        bot.spotify.clearRequests();

        List<Future<Integer>> real = new ArrayList<>();
        List<Future<Integer>> garbage = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int i = 0; i < GARBAGE; i++) {
                String url = garbageCallback(i);
                garbage.add(pool.submit(() -> bot.get(url, Map.of()).status()));
                if (i % (GARBAGE / REAL) == GARBAGE / REAL - 1) {
                    URI redirect = redirects.get(real.size());
                    real.add(pool.submit(() -> bot.get(redirect.toString(), Map.of()).status()));
                }
            }
            for (int i = 0; i < REAL; i++) {
                assertEquals(200, real.get(i).get(), "member " + i + " linked despite the flood");
            }
            int limited = 0;
            for (Future<Integer> answer : garbage) {
                int status = answer.get();
                assertTrue(status >= 400 && status < 500, "garbage gets a 4xx: " + status);
                limited += status == 429 ? 1 : 0;
            }
            assertTrue(limited > GARBAGE / 2, "the flood still runs out of budget: " + limited + " times 429");
        } finally {
            pool.shutdownNow();
        }
        for (int i = 0; i < REAL; i++) {
            assertTrue(bot.app().core().accounts().find(member(i)).isPresent(), "member " + i + " stored");
        }
        assertEquals(REAL, bot.spotify.tokenRequests(), "one code exchange per real callback, none for garbage");
    }

    @Test
    void aLiveStateGetsThroughEvenWhenItsAddressIsAlreadyOverTheLimit() {
        bot = new ConsoleHarness(dataDir, ServerLimits.DEFAULT.withCallbackRate(2, Duration.ofHours(1)));
        bot.spotify.addUser("alice-account", "Alice");
        String made = bot.serverUrl() + "/callback?code=x&state=" + "C".repeat(43);
        assertEquals(400, bot.get(made, Map.of()).status());
        assertEquals(400, bot.get(made, Map.of()).status());
        assertEquals(429, bot.get(made, Map.of()).status(), "the address is over its budget");

        ConsoleHarness.Page page = bot.linkAs("alice-account");
        assertEquals(200, page.status(), page.body());
        assertEquals(429, bot.get(made, Map.of()).status(), "and the garbage is still held back");
    }

    @Test
    void aFloodFromManyAddressesThatFillsTheLimitersTableStillLetsANewcomerLink() {
        ServerLimits small = new ServerLimits(8 * 1024, 16 * 1024, 2, Duration.ofHours(1), 3,
                TrustedProxies.parse("127.0.0.1"), Duration.ofSeconds(10));
        bot = new ConsoleHarness(dataDir, small);
        String made = bot.serverUrl() + "/callback?code=x&state=" + "E".repeat(43);
        for (int i = 0; i < 20; i++) {
            for (int j = 0; j < 3; j++) {
                assertTrue(bot.get(made, Map.of("X-Forwarded-For", "198.51.100." + i)).status() >= 400);
            }
        }
        Map<String, String> newcomer = Map.of("X-Forwarded-For", "192.0.2.99");
        assertEquals(429, bot.get(made, newcomer).status(),
                "past the table's bound, unknown addresses share one budget for failures");
        bot.spotify.addUser("alice-account", "Alice");
        URI redirect = bot.spotify.consent(bot.link(), "alice-account");
        assertEquals(200, bot.get(redirect.toString(), newcomer).status(), "but a live state is never held back");
    }

    /** Unknown states, malformed ones (SQL included), missing parameters and a cancel with a made-up state. */
    private String garbageCallback(int i) {
        String base = bot.serverUrl() + "/callback";
        return switch (i % 5) {
            case 0 -> base + "?code=made-up&state=" + String.format("%043d", i);
            case 1 -> base + "?code=made-up&state=short" + i;
            case 2 -> base;
            case 3 -> base + "?error=access_denied&state=" + "Z".repeat(43);
            default -> base + "?code=x&state=%27%20OR%201%3D1%20--";
        };
    }

    private static ChatUser member(int i) {
        return new ChatUser(Platform.CONSOLE, "member-" + i);
    }
}
