package dev.spotlink.card;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlink.image.ImageCache;
import dev.spotlink.image.ImageFetcher;
import dev.spotlink.image.Images;
import dev.spotlink.spotify.Backoff;
import dev.spotlink.spotify.HttpClients;
import dev.spotlink.spotify.RateLimitGate;
import dev.spotlink.spotify.SpotifyCodesClient;
import dev.spotlink.testing.FakeSpotify;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The cover grid of /listening and the strip of /recent and /top, with covers from the fake Spotify. */
class CoverGridTest {

    final FakeSpotify spotify = FakeSpotify.start();
    final OkHttpClient http = HttpClients.create(Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(5));
    final Images images = new Images(ImageCache.inMemory(8 << 20), new ImageFetcher(http),
            new SpotifyCodesClient(http, spotify.codesUrl(), new RateLimitGate("test codes"), Backoff.none()));
    final CoverGrid grid = new CoverGrid(images, new CardRenderer());

    @AfterEach
    void stop() {
        images.close();
        spotify.close();
    }

    @Test
    void columnsStayBalanced() {
        assertEquals(List.of(1, 2, 3, 2, 3, 3, 4, 4, 5, 5), List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10).stream()
                .map(n -> CoverGrid.columns(n, CoverGrid.Shape.GRID)).toList());
        assertEquals(5, CoverGrid.columns(10, CoverGrid.Shape.STRIP));
        assertEquals(3, CoverGrid.columns(3, CoverGrid.Shape.STRIP));
    }

    @Test
    void aGridOfTenHasEveryCoverInItsPlaceAndAPlaceholderForTheMissingOne() throws Exception {
        List<CoverGrid.Tile> tiles = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            String cover = i == 4 ? null : spotify.baseUrl() + "/images/cover-" + i + ".png";
            tiles.add(new CoverGrid.Tile(cover, "Member " + i, "A rather long track title number " + i,
                    "Artist " + i + ", Другой исполнитель"));
        }
        CardImage image = grid.render("Listening now · 12", tiles, "and 2 more", CoverGrid.Shape.GRID, "grid.png");
        assertTrue(image.hasCover());
        assertEquals("image/png", image.mimeType());
        BufferedImage png = Pixels.decode(image.bytes());
        save(image, "grid");
        // 5 columns of 240 px with 24 px gaps and 32 px margins; two rows
        assertEquals(32 * 2 + 5 * 240 + 4 * 24, png.getWidth());
        assertTrue(png.getHeight() > 2 * 240 && png.getHeight() < png.getWidth(), "two rows: " + png.getHeight());
        Color firstCover = new Color(png.getRGB(32 + 120, 32 + 64 + 120));
        Color background = new Color(png.getRGB(8, png.getHeight() / 2));
        assertTrue(Pixels.differs(background.getRGB(), firstCover.getRGB(), 10), "a cover over the background");
        Color placeholder = new Color(png.getRGB(32 + 3 * (240 + 24) + 20, 32 + 64 + 20));
        assertTrue(Math.abs(placeholder.getRed() - placeholder.getBlue()) < 40, "the grey-blue placeholder");
    }

    @Test
    void aStripOfThreeIsOneRow() throws Exception {
        List<CoverGrid.Tile> tiles = List.of(
                new CoverGrid.Tile(spotify.baseUrl() + "/images/cover-a.png", "3 min ago", "Song 1", "Artist 1"),
                new CoverGrid.Tile(spotify.baseUrl() + "/images/cover-b.png", "8 min ago", "Song 2", null),
                new CoverGrid.Tile(null, null, "Song 3", "Artist 3"));
        CardImage image = grid.render("Recently played · Ann", tiles, null, CoverGrid.Shape.STRIP, "strip.png");
        BufferedImage png = Pixels.decode(image.bytes());
        save(image, "strip");
        assertEquals(32 * 2 + 3 * 176 + 2 * 24, png.getWidth());
        assertTrue(png.getHeight() < 176 + 250, "one row: " + png.getHeight());
    }

    /** Left in target/ for a look (what reviewers open); not compared. */
    private static void save(CardImage image, String name) throws Exception {
        Path dir = Path.of("target", "cover-grid");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name + ".png"), image.bytes());
    }
}
