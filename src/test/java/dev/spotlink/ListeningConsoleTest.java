package dev.spotlink;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlink.testing.ConsoleHarness;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /listening}, {@code /recent} and {@code /top} through the console: one local user, always private. */
class ListeningConsoleTest {

    private static final Pattern SAVED = Pattern.compile("Image saved: (.+)");

    @TempDir
    Path dataDir;

    private ConsoleHarness bot;

    @BeforeEach
    void start() {
        bot = new ConsoleHarness(dataDir);
        bot.spotify.addUser("alice-account", "Alice");
        bot.linkAs("alice-account");
        bot.drainOutput();
    }

    @AfterEach
    void stop() {
        bot.close();
    }

    @Test
    void listeningRecentAndTopForTheLocalUser() throws Exception {
        bot.run("/listening");
        assertTrue(bot.drainOutput().startsWith("You are not playing anything on Spotify right now."));

        bot.spotify.setPlaying("alice-account", bot.spotify.trackJson("6rqhFgbbKwnb9MLmUQDhG6", "Blinding Lights",
                List.of("The Weeknd"), "After Hours", 61_000, 200_040, true));
        bot.run("/listening");
        String listening = bot.drainOutput();
        assertTrue(listening.startsWith("Listening now · 1\nAlice — Blinding Lights · The Weeknd · After Hours\n"
                + "Alice: Blinding Lights: https://open.spotify.com/track/6rqhFgbbKwnb9MLmUQDhG6"), listening);
        assertImage(listening);

        bot.spotify.history().setRecent("alice-account", 3, bot.clock.instant().minus(Duration.ofHours(2)),
                Duration.ofDays(1));
        bot.run("/recent");
        String recent = bot.drainOutput();
        assertTrue(recent.startsWith("Recently played · Alice\n1. Song 1 — Artist 1 · Album 1 · 2 h ago\n"
                + "2. Song 2 — Artist 2 · Album 2 · 1 d ago"), recent);
        assertImage(recent);

        bot.spotify.history().setTopArtists("alice-account", 1);
        bot.run("/top artists period:all");
        String top = bot.drainOutput();
        assertTrue(top.startsWith("Top artists · Alice · all time\n1. Top artist 1"), top);
        assertImage(top);

        bot.run("/top albums");
        String wrong = bot.drainOutput();
        assertTrue(wrong.startsWith("! ") && wrong.contains("tracks, artists"), wrong);
        assertFalse(wrong.contains("Image saved"), wrong);
    }

    private static void assertImage(String output) throws Exception {
        Matcher saved = SAVED.matcher(output);
        assertTrue(saved.find(), output);
        BufferedImage image = ImageIO.read(Path.of(saved.group(1).strip()).toFile());
        assertNotNull(image, "a decodable PNG");
    }
}
