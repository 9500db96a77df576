package dev.spotlink.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlink.testing.ConsoleHarness;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a callback can go wrong, over real HTTP: the right page and status, and no token request. */
class CallbackTest {

    @TempDir
    Path dataDir;

    private ConsoleHarness bot;

    @BeforeEach
    void start() {
        bot = new ConsoleHarness(dataDir);
        bot.spotify.addUser("alice-account", "Alice");
    }

    @AfterEach
    void stop() {
        bot.close();
    }

    @Test
    void everyPageIsLockedDownWithSecurityHeaders() {
        ConsoleHarness.Page page = bot.get(bot.spotify.consent(bot.link(), "alice-account"));
        assertEquals(200, page.status());
        assertEquals("no-referrer", page.header("Referrer-Policy"));
        assertTrue(page.header("Content-Security-Policy").startsWith("default-src 'none'"));
        assertEquals("nosniff", page.header("X-Content-Type-Options"));
        assertEquals(null, page.header("Server"), "no server version leaked");
        assertFalse(page.body().matches("(?s).*(src|href)=\"https?://.*"), "nothing loaded from other hosts");
    }

    @Test
    void missingParametersAreA400WithoutATokenRequest() {
        assertRejected(bot.serverUrl() + "/callback", 400, "Incomplete link");
        assertRejected(bot.serverUrl() + "/callback?code=abc", 400, "Incomplete link");
    }

    @Test
    void anUnknownStateNeverLeadsToATokenRequest() {
        assertRejected(bot.serverUrl() + "/callback?code=abc&state=" + "A".repeat(43), 400, "Unknown link");
    }

    @Test
    void aUsedStateIsRefusedTheSecondTime() {
        URI redirect = bot.spotify.consent(bot.link(), "alice-account");
        assertEquals(200, bot.get(redirect).status());
        int tokenRequests = bot.spotify.tokenRequests();
        ConsoleHarness.Page replay = bot.get(redirect);
        assertEquals(400, replay.status());
        assertTrue(replay.body().contains("already used"), replay.body());
        assertEquals(tokenRequests, bot.spotify.tokenRequests(), "no token request for a replay");
    }

    @Test
    void anExpiredStateIsRefused() {
        URI redirect = bot.spotify.consent(bot.link(), "alice-account");
        bot.clock.advance(Duration.ofMinutes(11));
        assertRejected(redirect.toString(), 400, "Link expired");
    }

    @Test
    void cancellingOnSpotifyShowsTheDeniedPage() {
        ConsoleHarness.Page page = bot.get(bot.spotify.deny(bot.link()));
        assertEquals(400, page.status());
        assertTrue(page.body().contains("Linking cancelled"), page.body());
        assertEquals(0, bot.spotify.tokenRequests());
    }

    @Test
    void tokenExchangeFailuresAreExplained() {
        bot.spotify.failNext("/api/token", 503);
        ConsoleHarness.Page unavailable = bot.get(bot.spotify.consent(bot.link(), "alice-account"));
        assertEquals(502, unavailable.status());
        assertTrue(unavailable.body().contains("did not answer"), unavailable.body());

        URI redirect = bot.spotify.consent(bot.link(), "alice-account");
        ConsoleHarness.Page refused = bot.get(redirect.toString().replaceAll("code=[^&]+", "code=forged-code"),
                Map.of());
        assertEquals(400, refused.status());
        assertTrue(refused.body().contains("did not accept"), refused.body());
        bot.run("/nowplaying");
        assertTrue(bot.drainOutput().contains("not linked"), "nothing stored");
    }

    @Test
    void aUserNotOnTheAllowListIsToldWhatToAsk() {
        bot.spotify.setNotAllowlisted("alice-account");
        ConsoleHarness.Page page = bot.get(bot.spotify.consent(bot.link(), "alice-account"));
        assertEquals(403, page.status());
        assertTrue(page.body().contains("User Management"), page.body());
    }

    @Test
    void profileFailureIsA502() {
        for (int attempt = 0; attempt < 3; attempt++) { // the first try and both retries of an idempotent GET
            bot.spotify.failNext("/v1/me", 500);
        }
        ConsoleHarness.Page page = bot.get(bot.spotify.consent(bot.link(), "alice-account"));
        assertEquals(502, page.status());
        assertTrue(page.body().contains("did not return your profile"), page.body());
    }

    @Test
    void echoedValuesAreEscapedAndHostileInputIsHarmless() {
        String hostile = "%3Cscript%3Ealert(1)%3C%2Fscript%3E";
        ConsoleHarness.Page page = bot.get(bot.serverUrl() + "/callback?error=" + hostile + "&state=" + hostile,
                Map.of());
        assertEquals(400, page.status());
        assertFalse(page.body().contains("<script>"), page.body());
        assertEquals(0, bot.spotify.tokenRequests());
    }

    @Test
    void thePageSpeaksTheBrowsersLanguageWhenTheUserIsUnknown() {
        ConsoleHarness.Page page = bot.get(bot.serverUrl() + "/callback", Map.of("Accept-Language", "ru-RU,ru;q=0.9"));
        assertTrue(page.body().contains("Неполная ссылка"), page.body());
        assertTrue(page.body().contains("lang=\"ru\""));
    }

    @Test
    void concurrentCallbacksForOneStateHaveExactlyOneWinner() throws Exception {
        URI redirect = bot.spotify.consent(bot.link(), "alice-account");
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                calls.add(() -> bot.get(redirect).status());
            }
            int ok = 0;
            for (Future<Integer> status : pool.invokeAll(calls)) {
                ok += status.get() == 200 ? 1 : 0;
            }
            assertEquals(1, ok, "exactly one callback completes the link");
            assertEquals(1, bot.spotify.tokenRequests("authorization_code"), "the code is exchanged once");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void unknownPathsAre404() {
        assertEquals(404, bot.get(bot.serverUrl() + "/../../etc/passwd", Map.of()).status());
        assertEquals(404, bot.get(bot.serverUrl() + "/admin", Map.of()).status());
    }

    private void assertRejected(String url, int status, String title) {
        int before = bot.spotify.tokenRequests();
        ConsoleHarness.Page page = bot.get(url, Map.of());
        assertEquals(status, page.status(), page.body());
        assertTrue(page.body().contains(title), page.body());
        assertEquals(before, bot.spotify.tokenRequests(), "no token request");
    }
}
