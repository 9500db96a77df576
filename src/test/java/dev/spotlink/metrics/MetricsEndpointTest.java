package dev.spotlink.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlink.config.MetricsConfig;
import dev.spotlink.config.Secret;
import dev.spotlink.config.SpotlinkConfig;
import dev.spotlink.testing.ConsoleHarness;
import dev.spotlink.testing.FakeSpotify;
import dev.spotlink.testing.TestConfigs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /metrics} over real HTTP, after real commands against the fake Spotify. */
class MetricsEndpointTest {

    private static final String TOKEN = "scrape-token-0123456789abcdef";
    private static final String TRACK_ID = "6rqhFgbbKwnb9MLmUQDhG6";

    @TempDir
    Path dataDir;

    @Test
    void countsCommandsSpotifyCallsRefreshesAndCacheLookups() {
        try (ConsoleHarness bot = harness(new MetricsConfig(true, Optional.empty()))) {
            bot.linkAs("alice-account");
            bot.spotify.setPlaying("alice-account", bot.spotify.trackJson(TRACK_ID, "Blinding Lights",
                    "The Weeknd", "After Hours"));
            bot.run("/nowplaying");
            bot.run("/nowplaying");
            // an hour later the access token has expired: the next command refreshes it first
            bot.clock.advance(Duration.ofHours(2));
            bot.run("/nowplaying");
            bot.run("/share spotify:track:nope bars:green");
            assertTrue(bot.drainOutput().contains("Valid values"), "the bad option was refused");

            ConsoleHarness.Page page = bot.get(bot.serverUrl() + "/metrics", Map.of());

            assertEquals(200, page.status());
            assertTrue(page.headers().get("content-type").get(0).startsWith("text/plain; version=0.0.4"));
            String text = page.body();
            assertEquals(3.0, value(text, "spotlink_commands_seconds_count",
                    "command=\"nowplaying\",outcome=\"ok\""), text);
            assertTrue(text.contains("spotlink_commands_seconds_bucket{command=\"nowplaying\",outcome=\"ok\",le="),
                    "a latency histogram");
            assertEquals(3.0, value(text, "spotlink_spotify_calls_seconds_count",
                    "endpoint=\"/me/player/currently-playing\",method=\"GET\",status=\"200\",upstream=\"api\""));
            assertEquals(1.0, value(text, "spotlink_spotify_calls_seconds_count",
                    "endpoint=\"/me\",method=\"GET\",status=\"200\",upstream=\"api\""), "the link's profile call");
            assertEquals(1.0, value(text, "spotlink_token_refreshes_total", "outcome=\"success\""));
            assertEquals(2.0, value(text, "spotlink_spotify_calls_seconds_count",
                    "endpoint=\"/api/token\",method=\"POST\",status=\"200\",upstream=\"accounts\""),
                    "code exchange and refresh");
            // cover and code fetched once, then served from memory twice each
            assertEquals(2.0, value(text, "spotlink_image_cache_lookups_total", "result=\"miss\""));
            assertEquals(4.0, value(text, "spotlink_image_cache_lookups_total", "result=\"memory_hit\""));
            assertTrue(value(text, "spotlink_image_cache_hit_ratio", "") > 0.6);
            // the first card drawn whole, the next two finished from it (only their progress bars drawn)
            assertEquals(1.0, value(text, "spotlink_card_cache_lookups_total", "result=\"miss\""));
            assertEquals(2.0, value(text, "spotlink_card_cache_lookups_total", "result=\"hit\""));
            assertEquals(1.0, value(text, "spotlink_card_cache_entries", ""));
            assertTrue(text.contains("spotlink_rate_limit_pause_seconds{gate=\"app\"} 0.0"), text);
            assertTrue(text.contains("jvm_memory_used_bytes"), "JVM meters");
            assertFalse(text.contains(TRACK_ID), "no catalogue ids in metric names or tags");
            assertFalse(text.contains("alice"), "no user names or ids");
        }
    }

    @Test
    void timesRateLimitWaits() throws Exception {
        try (ConsoleHarness bot = harness(new MetricsConfig(true, Optional.empty()))) {
            bot.linkAs("alice-account");
            bot.spotify.setPlaying("alice-account", bot.spotify.trackJson(TRACK_ID, "Song", "Artist", "Album"));
            // Retry-After: 1 closes the app's gate; a second command during that pause waits at the gate
            bot.spotify.failNext("/v1/me/player", 429);
            Thread first = new Thread(() -> bot.run("/nowplaying"));
            first.start();
            // the second command starts only once the 429 has closed the gate (its pause gauge shows it)
            while (first.isAlive() && value(bot.get(bot.serverUrl() + "/metrics", Map.of()).body(),
                    "spotlink_rate_limit_pause_seconds", "gate=\"app\"") == 0.0) {
                Thread.sleep(10);
            }
            bot.run("/nowplaying");
            first.join();
            assertEquals(2, bot.drainOutput().split("Song", -1).length - 1, "both answered after the pause");

            String text = bot.get(bot.serverUrl() + "/metrics", Map.of()).body();

            assertEquals(1.0, value(text, "spotlink_spotify_calls_seconds_count",
                    "endpoint=\"/me/player/currently-playing\",method=\"GET\",status=\"429\",upstream=\"api\""));
            assertEquals(1.0, value(text, "spotlink_rate_limit_waits_seconds_count", "gate=\"app\""), text);
            assertTrue(value(text, "spotlink_rate_limit_waits_seconds_sum", "gate=\"app\"") > 0.1);
        }
    }

    @Test
    void disabledByDefaultIsNotFound() {
        try (ConsoleHarness bot = harness(MetricsConfig.DISABLED)) {
            ConsoleHarness.Page page = bot.get(bot.serverUrl() + "/metrics", Map.of());
            assertEquals(404, page.status());
            assertFalse(page.body().contains("spotlink_"));
        }
    }

    @Test
    void aConfiguredTokenIsRequired() {
        try (ConsoleHarness bot = harness(new MetricsConfig(true, Optional.of(new Secret(TOKEN))))) {
            String url = bot.serverUrl() + "/metrics";
            ConsoleHarness.Page none = bot.get(url, Map.of());
            ConsoleHarness.Page wrong = bot.get(url, Map.of("Authorization", "Bearer " + TOKEN + "x"));
            ConsoleHarness.Page basic = bot.get(url, Map.of("Authorization", "Basic " + TOKEN));
            ConsoleHarness.Page right = bot.get(url, Map.of("Authorization", "Bearer " + TOKEN));

            for (ConsoleHarness.Page refused : List.of(none, wrong, basic)) {
                assertEquals(401, refused.status());
                assertEquals("Bearer realm=\"metrics\"", refused.headers().get("www-authenticate").get(0));
                assertFalse(refused.body().contains("jvm_"));
            }
            assertEquals(200, right.status());
            assertTrue(right.body().contains("jvm_memory_used_bytes"));
        }
    }

    private ConsoleHarness harness(MetricsConfig metrics) {
        FakeSpotify spotify = FakeSpotify.start();
        spotify.addUser("alice-account", "Alice");
        SpotlinkConfig base = TestConfigs.config(spotify, dataDir);
        SpotlinkConfig config = new SpotlinkConfig(base.source(), base.spotify(), base.server(), base.database(),
                base.security(), base.link(), base.discord(), base.telegram(), base.cache(), base.command(), metrics);
        return new ConsoleHarness(dataDir, spotify, config);
    }

    /** The sample of {@code name} whose labels are exactly {@code labels} (sorted, as Prometheus writes them). */
    private static double value(String text, String name, String labels) {
        String series = labels.isEmpty() ? name : name + "{" + labels + "}";
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(text);
        assertTrue(m.find(), series + " in\n" + text);
        return Double.parseDouble(m.group(1));
    }
}
