package dev.spotlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlink.testing.ConsoleHarness;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
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

/**
 * The whole product through the console transport's command path: the real callback server, store and Spotify
 * clients against a fake Spotify on 127.0.0.1 — /link → consent → callback → /nowplaying → /share.
 */
class EndToEndTest {

    static final String TRACK_ID = "6rqhFgbbKwnb9MLmUQDhG6";

    @TempDir
    Path dataDir;

    private ConsoleHarness bot;

    @BeforeEach
    void start() {
        bot = new ConsoleHarness(dataDir);
        bot.spotify.addUser("alice-account", "Alice <Admin>");
    }

    @AfterEach
    void stop() {
        bot.close();
    }

    @Test
    void linkThenNowPlayingThenShare() throws IOException {
        URI authorize = bot.link();
        ConsoleHarness.Page page = bot.get(bot.spotify.consent(authorize, "alice-account"));

        assertEquals(200, page.status());
        assertTrue(page.body().contains("Alice &lt;Admin&gt;"), page.body());
        assertFalse(page.body().contains("Alice <Admin>"), "echoed names are escaped");
        assertTrue(bot.drainOutput().contains("Linked as Alice <Admin> on Spotify"), "chat confirmation");

        bot.spotify.setPlaying("alice-account", bot.spotify.trackJson(TRACK_ID, "Blinding Lights",
                List.of("The Weeknd"), "After Hours", 61_000, 200_040, true));
        bot.run("/nowplaying");
        String nowPlaying = bot.drainOutput();
        assertTrue(nowPlaying.contains("Blinding Lights"), nowPlaying);
        assertTrue(nowPlaying.contains("The Weeknd · After Hours"), nowPlaying);
        assertTrue(nowPlaying.contains("1:01") && nowPlaying.contains("3:20"), nowPlaying);
        assertDecodableImageSaved(nowPlaying);

        bot.run("/share https://open.spotify.com/intl-de/album/4yP0hdKOZPNshxUOjY0cZj?si=abc bars:black");
        String shared = bot.drainOutput();
        assertTrue(shared.contains("https://open.spotify.com/album/4yP0hdKOZPNshxUOjY0cZj"), shared);
        BufferedImage code = assertDecodableImageSaved(shared);
        assertEquals(640, code.getWidth());
        // background:auto takes the cover's colour; the asked bar colour and size are passed on
        assertTrue(bot.spotify.requests().stream().anyMatch(r -> r.path().matches(
                "/uri/plain/png/[0-9a-f]{6}/black/640/spotify:album:4yP0hdKOZPNshxUOjY0cZj")), "code style passed on");

        bot.run("/share");
        assertTrue(bot.drainOutput().contains("https://open.spotify.com/track/" + TRACK_ID), "current track");
    }

    @Test
    void nothingPlayingShowsTheLastPlayedAndSaysSo() {
        bot.linkAs("alice-account");
        bot.spotify.setRecentlyPlayed("alice-account",
                bot.spotify.trackObjectJson(TRACK_ID, "Yesterday", List.of("The Beatles"), "Help!", 125_000),
                bot.clock.instant().minus(Duration.ofHours(1)));
        bot.run("/nowplaying");
        String out = bot.drainOutput();
        assertTrue(out.contains("Nothing is playing now. Last played:"), out);
        assertTrue(out.contains("Yesterday"), out);
    }

    @Test
    void episodesAdsAndLocalFilesAreDescribed() {
        bot.linkAs("alice-account");
        bot.spotify.setPlaying("alice-account", bot.spotify.episodeJson("512ojhOuo1ktJprKbVcKyQ", "Episode 12",
                "The Daily Show", "Comedy Central"));
        bot.run("/nowplaying");
        String episode = bot.drainOutput();
        assertTrue(episode.contains("Episode 12") && episode.contains("The Daily Show"), episode);

        bot.spotify.setPlaying("alice-account", bot.spotify.adJson());
        bot.run("/nowplaying");
        assertTrue(bot.drainOutput().contains("advertisement"));

        bot.spotify.setPlaying("alice-account", bot.spotify.localTrackJson("Demo tape", "Me", "Garage"));
        bot.run("/nowplaying");
        String local = bot.drainOutput();
        assertTrue(local.contains("Demo tape") && local.contains("local file"), local);
        assertTrue(local.contains("Image saved"), "a card, without a code");
        assertFalse(bot.spotify.requests().stream().anyMatch(r -> r.path().contains("spotify:local")),
                "no code requested for a local file");
    }

    @Test
    void badShareInputGetsAClearMessage() {
        bot.run("/share https://example.org/track/123");
        assertTrue(bot.drainOutput().contains("not a Spotify link"));
        bot.run("/share spotify:track:6rqhFgbbKwnb9MLmUQDhG6 bars:green");
        assertTrue(bot.drainOutput().contains("Valid values: white, black, auto"));
        bot.run("/share spotify:track:6rqhFgbbKwnb9MLmUQDhG6 format:png");
        assertTrue(bot.drainOutput().contains("Valid options"));
        bot.run("/share spotify:track:6rqhFgbbKwnb9MLmUQDhG6 size:99999");
        assertTrue(bot.drainOutput().contains("160 to 2000"));
    }

    @Test
    void healthReportsUpWithTheDatabaseOpen() {
        ConsoleHarness.Page health = bot.get(URI.create(bot.serverUrl() + "/health"));
        assertEquals(200, health.status());
        assertTrue(health.body().contains("\"status\":\"UP\""), health.body());
        assertTrue(health.body().contains("\"database\":\"UP\""), health.body());
    }

    @Test
    void aRestartBetweenLinkAndCallbackKeepsTheLinkWorking() {
        URI authorize = bot.link();
        bot.stopApp();
        bot.startApp();
        ConsoleHarness.Page page = bot.get(bot.spotify.consent(authorize, "alice-account"));
        assertEquals(200, page.status(), page.body());
    }

    @Test
    void unlinkDeletesTheTokensAndNowPlayingThenAsksToLink() {
        bot.linkAs("alice-account");
        bot.run("/unlink");
        assertTrue(bot.drainOutput().contains("https://www.spotify.com/account/apps/"));
        bot.run("/nowplaying");
        assertTrue(bot.drainOutput().contains("You have not linked Spotify yet"));
    }

    private static BufferedImage assertDecodableImageSaved(String out) throws IOException {
        Matcher saved = Pattern.compile("Image saved: (\\S+)").matcher(out);
        assertTrue(saved.find(), "an image was saved: " + out);
        BufferedImage image = ImageIO.read(Path.of(saved.group(1)).toFile());
        assertNotNull(image, "saved file is a decodable image");
        return image;
    }
}
