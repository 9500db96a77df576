package dev.spotlink.spotify;

import static dev.spotlink.spotify.SpotifyApiClientTest.assertReason;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlink.spotify.SpotifyException.Reason;
import dev.spotlink.spotify.SpotifyUri.Type;
import dev.spotlink.testing.FakeSpotify;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SpotifyCodesClientTest {

    private static final SpotifyUri TRACK = new SpotifyUri(Type.TRACK, "4cOdK2wGLETKBW3PvgPWqT");

    private FakeSpotify fake;
    private SpotifyCodesClient client;

    @BeforeEach
    void setUp() {
        fake = FakeSpotify.start();
        client = new SpotifyCodesClient(HttpClients.create(), fake.codesUrl(), new RateLimitGate("codes"),
                SpotifyTestSupport.recordingBackoff(new ArrayList<>()));
    }

    @AfterEach
    void tearDown() {
        fake.close();
    }

    @Test
    void fetchesPngOfRequestedSizeAndColours() throws Exception {
        CodeStyle style = new CodeStyle(CodeStyle.Format.PNG, "1DB954", CodeStyle.Bars.BLACK, 320);

        byte[] bytes = client.fetch(TRACK, style);

        assertEquals("/uri/plain/png/1db954/black/320/spotify:track:4cOdK2wGLETKBW3PvgPWqT",
                fake.requests().get(0).path());
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
        assertEquals(320, image.getWidth());
        assertEquals(80, image.getHeight());
        assertEquals(0x1db954, image.getRGB(0, 0) & 0xffffff, "background colour");
        boolean hasBars = false;
        for (int x = 0; x < image.getWidth(); x++) {
            hasBars |= (image.getRGB(x, image.getHeight() / 2) & 0xffffff) == 0x000000;
        }
        assertTrue(hasBars, "black bars drawn");
    }

    @Test
    void rawColonsInPath() {
        String url = client.url(new SpotifyUri(Type.USER, "wiz.zler"), CodeStyle.DEFAULT).toString();
        assertEquals(fake.codesUrl() + "/uri/plain/png/000000/white/640/spotify:user:wiz.zler", url);
    }

    @Test
    void fetchesJpegAndSvg() throws Exception {
        byte[] jpeg = client.fetch(TRACK, new CodeStyle(CodeStyle.Format.JPEG, "ffffff", CodeStyle.Bars.BLACK, 640));
        assertEquals(640, ImageIO.read(new ByteArrayInputStream(jpeg)).getWidth());

        byte[] svg = client.fetch(TRACK, new CodeStyle(CodeStyle.Format.SVG, "000000", CodeStyle.Bars.WHITE, 640));
        String text = new String(svg, StandardCharsets.UTF_8);
        assertTrue(text.contains("<svg") && text.contains("fill=\"#ffffff\""), text);
    }

    @Test
    void unknownEntityIsNotFound() {
        assertReason(Reason.NOT_FOUND,
                () -> client.fetch(new SpotifyUri(Type.ALBUM, "missing000000000000000"), CodeStyle.DEFAULT));
    }

    @Test
    void serverErrorIsUnavailable() {
        for (int i = 0; i < 3; i++) {
            fake.failNext("/uri/plain", 502, Map.of(), "bad gateway");
        }
        assertReason(Reason.UNAVAILABLE, () -> client.fetch(TRACK, CodeStyle.DEFAULT));
        assertEquals(3, fake.requests("/uri/plain"), "first try and two retries");
    }

    @Test
    void nonImageOrEmptyAnswerIsBadResponse() {
        fake.failNext("/uri/plain", 200, Map.of("Content-Type", "text/html"), "<html>login</html>");
        assertReason(Reason.BAD_RESPONSE, () -> client.fetch(TRACK, CodeStyle.DEFAULT));
        fake.failNext("/uri/plain", 200, Map.of("Content-Type", "image/png"), "");
        assertReason(Reason.BAD_RESPONSE, () -> client.fetch(TRACK, CodeStyle.DEFAULT));
    }

    @Test
    void oversizedImageIsBadResponse() {
        fake.failNext("/uri/plain", 200, Map.of("Content-Type", "image/png"),
                "x".repeat(SpotifyCodesClient.MAX_IMAGE_BYTES + 1));
        assertReason(Reason.BAD_RESPONSE, () -> client.fetch(TRACK, CodeStyle.DEFAULT));
    }

    @Test
    void invalidStyleIsRefusedBeforeAnyRequest() {
        assertThrows(IllegalArgumentException.class,
                () -> client.fetch(TRACK, new CodeStyle(CodeStyle.Format.PNG, "zzzzzz", CodeStyle.Bars.WHITE, 640)));
        assertThrows(IllegalArgumentException.class,
                () -> client.fetch(TRACK, new CodeStyle(CodeStyle.Format.PNG, "000000", CodeStyle.Bars.WHITE, 0)));
        assertTrue(fake.requests().isEmpty());
    }
}
