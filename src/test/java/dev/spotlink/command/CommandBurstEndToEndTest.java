package dev.spotlink.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlink.config.CommandConfig;
import dev.spotlink.testing.ConsoleHarness;
import dev.spotlink.testing.FakeSpotify;
import dev.spotlink.testing.TestConfigs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default command limit (5 at once, then one per 2 s) through the real application and a fake Spotify, on
 * the harness's hand-moved clock: a person typing a few commands in a row never meets it, a script does, and a
 * held-back command costs no Spotify call.
 */
class CommandBurstEndToEndTest {

    private static final String TRACK_ID = "0VjIjW4GlUZAMYd2vXMi3b";
    private static final String NOW_PLAYING = "/v1/me/player/currently-playing";
    private static final String TOO_FAST = "Not so fast: wait ";

    @TempDir
    Path dataDir;

    private ConsoleHarness bot;

    @BeforeEach
    void start() {
        FakeSpotify spotify = FakeSpotify.start();
        bot = new ConsoleHarness(dataDir, spotify,
                TestConfigs.withCommands(TestConfigs.config(spotify, dataDir), CommandConfig.DEFAULT));
        bot.spotify.addUser("alice-account", "Alice");
        bot.linkAs("alice-account");
        bot.spotify.setPlaying("alice-account", bot.spotify.trackJson(TRACK_ID, "Blinding Lights",
                List.of("The Weeknd"), "After Hours", 61_000, 200_040, true));
    }

    @AfterEach
    void stop() {
        bot.close();
    }

    @Test
    void fiveDifferentCommandsWithinOneSecondGetFiveRealAnswers() {
        bot.spotify.history().setRecent("alice-account", 3, bot.clock.instant().minus(Duration.ofHours(1)),
                Duration.ofMinutes(5));
        bot.spotify.history().setTopTracks("alice-account", 3);
        // five different commands, each asking Spotify, so each spends from the same allowance; with what it shows
        List<Map.Entry<String, String>> answers = List.of(
                Map.entry("/nowplaying", "Blinding Lights"),
                Map.entry("/share spotify:track:6rqhFgbbKwnb9MLmUQDhG6",
                        "https://open.spotify.com/track/6rqhFgbbKwnb9MLmUQDhG6"),
                Map.entry("/recent", "Recently played · Alice"),
                Map.entry("/top tracks", "Top tracks · Alice"),
                Map.entry("/listening", "Listening now · 1"));
        for (Map.Entry<String, String> expected : answers) {
            String command = expected.getKey();
            bot.run(command);
            String answer = bot.drainOutput();
            assertFalse(answer.contains(TOO_FAST), command + ": " + answer);
            assertTrue(answer.contains(expected.getValue()), command + " answered: " + answer);
            bot.clock.advance(Duration.ofMillis(190));
        }
    }

    @Test
    void thirtyCommandsInTenSecondsReachSpotifyAtMostBurstPlusRefillTimesAndTheRestAreToldWhen() {
        bot.spotify.clearRequests();
        int answered = 0;
        int heldBack = 0;
        for (int i = 0; i < 30; i++) {
            bot.run("/nowplaying");
            String answer = bot.drainOutput();
            if (answer.contains(TOO_FAST)) {
                heldBack++;
                assertTrue(answer.matches("(?s).*Not so fast: wait [12] s before the next Spotify command\\..*"),
                        answer);
            } else {
                answered++;
                assertTrue(answer.contains("Blinding Lights"), answer);
            }
            bot.clock.advance(Duration.ofMillis(333));
        }
        int burstPlusRefill = CommandConfig.DEFAULT.burst()
                + (int) (Duration.ofSeconds(10).toMillis() / CommandConfig.DEFAULT.refill().toMillis());
        assertEquals(30, answered + heldBack);
        assertTrue(answered >= CommandConfig.DEFAULT.burst() && answered <= burstPlusRefill, "answered " + answered);
        assertTrue(heldBack >= 30 - burstPlusRefill, "held back " + heldBack);
        assertEquals(answered, bot.spotify.requests(NOW_PLAYING), "one Spotify call per answer, none per refusal");
        assertEquals(answered, bot.spotify.requests("/v1/"), "and no other Web API call either");
    }
}
