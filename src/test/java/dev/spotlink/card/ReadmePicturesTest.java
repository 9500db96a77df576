package dev.spotlink.card;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.spotlink.i18n.Messages;
import dev.spotlink.image.ImageCache;
import dev.spotlink.image.ImageFetcher;
import dev.spotlink.image.Images;
import dev.spotlink.spotify.Backoff;
import dev.spotlink.spotify.HttpClients;
import dev.spotlink.spotify.RateLimitGate;
import dev.spotlink.spotify.SpotifyCodesClient;
import dev.spotlink.spotify.SpotifyUri;
import dev.spotlink.testing.FakeSpotify;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import javax.imageio.ImageIO;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The README's pictures, {@code docs/images/*.png}, are what the bot posts for fixed fixtures: a now-playing card and
 * the code image of {@code /share <link>}, made by {@link Cards} exactly as {@code NowPlayingCommand} and
 * {@code ShareCommand} call it, with the images fetched through the real HTTP clients (the cover from a local
 * server, the code from the fake Spotify codes service). So the front page cannot show a card the code no longer
 * draws: this test fails when a fresh rendering differs from the committed picture, and
 * {@code -Dspotlink.update-images=true} rewrites the pictures instead.
 */
@Timeout(60)
class ReadmePicturesTest {

    /** {@code -Dspotlink.update-images=true} writes docs/images/*.png instead of comparing with them. */
    static final String UPDATE = "spotlink.update-images";
    static final Path IMAGES = Path.of("docs/images");
    /**
     * Most a picture may differ: the mean absolute difference per channel over all pixels, on a 0–255 scale. Another
     * JDK's anti-aliasing moves some edge pixels by a few levels; measured on the card, one letter less in the title
     * moves the mean by 0.075, a progress bar one second further by 0.020, a changed layout or colour by far more.
     */
    static final double MEAN_TOLERANCE = 0.05;

    static final SpotifyUri TRACK = new SpotifyUri(SpotifyUri.Type.TRACK, "6rqhFgbbKwnb9MLmUQDhG6");
    static final CardContent.Progress PROGRESS = new CardContent.Progress(102_000, 238_000);

    final FakeSpotify spotify = FakeSpotify.start();
    final HttpServer coverHost = coverHost();
    final OkHttpClient http = HttpClients.create(Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(5));
    final Images images = new Images(ImageCache.inMemory(8 << 20), new ImageFetcher(http),
            new SpotifyCodesClient(http, spotify.codesUrl(), new RateLimitGate("test codes"), Backoff.none()));
    final Cards cards = new Cards(images, new CardRenderer(), 8 << 20);
    final String coverUrl = "http://127.0.0.1:" + coverHost.getAddress().getPort() + "/cover.png";

    /** Serves the fixture cover, as Spotify's image host would serve a track's album art. */
    static HttpServer coverHost() {
        byte[] cover = CardFixtures.png(CardFixtures.artwork(640));
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/cover.png", exchange -> {
                exchange.getResponseHeaders().set("Content-Type", "image/png");
                exchange.sendResponseHeaders(200, cover.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(cover);
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stop() {
        images.close();
        coverHost.stop(0);
        spotify.close();
    }

    @Test
    void theNowPlayingCardIsWhatTheBotDraws() throws IOException {
        String label = new Messages().get(Locale.ENGLISH, "card.label.now-playing");
        CardContent content = new CardContent(label, "Harbour Lights", "Mira Vale, The Lanterns", "Coastal Nights",
                PROGRESS);

        CardImage card = cards.card(content, coverUrl, TRACK, ShareStyle.Options.defaultCard());

        assertTrue(card.hasCover() && card.hasCode(), "cover and code were fetched: " + card);
        assertMatchesPicture("nowplaying-card.png", Pixels.decode(card.bytes()));
    }

    @Test
    void theShareCodeIsWhatTheBotPostsForALink() throws IOException {
        // `/share <link>` without options: the code alone, on the cover's colour, bars in the better contrast
        ShareStyle.Result style = ShareStyle.parse(option -> Optional.empty(), true);
        assertEquals(ShareStyle.Mode.CODE, style.options().mode());

        CardImage code = cards.code(TRACK, coverUrl, style.options()).orElseThrow();

        assertEquals("image/png", code.mimeType());
        assertMatchesPicture("share-code.png", Pixels.decode(code.bytes()));
    }

    static void assertMatchesPicture(String file, BufferedImage actual) throws IOException {
        Path committed = IMAGES.resolve(file);
        if (Boolean.getBoolean(UPDATE)) {
            Files.createDirectories(IMAGES);
            ImageIO.write(actual, "png", committed.toFile());
            return;
        }
        String update = "look at the new rendering in target/readme-pictures/" + file + "; if it is right, run "
                + "mvn -B -q test -Dtest=ReadmePicturesTest -D" + UPDATE + "=true and commit " + committed;
        assertTrue(Files.isRegularFile(committed), committed + " is missing; " + update);
        BufferedImage expected = ImageIO.read(committed.toFile());
        double difference = meanDifference(expected, actual);
        if (difference > MEAN_TOLERANCE) {
            Path out = Path.of("target/readme-pictures");
            Files.createDirectories(out);
            ImageIO.write(actual, "png", out.resolve(file).toFile());
        }
        assertTrue(difference <= MEAN_TOLERANCE, String.format("%s differs from the fresh rendering: mean %.3f per "
                + "channel (at most %.2f); %s", committed, difference, MEAN_TOLERANCE, update));
    }

    /** Mean absolute difference per channel (0–255); a picture of another size differs by the maximum. */
    static double meanDifference(BufferedImage a, BufferedImage b) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
            return 255;
        }
        long sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    sum += Math.abs(((p >> shift) & 0xff) - ((q >> shift) & 0xff));
                }
            }
        }
        return sum / (3.0 * a.getWidth() * a.getHeight());
    }
}
