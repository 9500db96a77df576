package dev.spotlink.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlink.spotify.HttpClients;
import dev.spotlink.testing.TestConfigs;
import java.time.Duration;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ImageFetcherTest {

    static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 1, 2, 3};

    final FakeImageServer server = new FakeImageServer();
    final OkHttpClient http = HttpClients.create(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(3));
    final ImageFetcher fetcher = new ImageFetcher(http, 1000);

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void fetchesAnImage() throws Exception {
        server.on("/cover", FakeImageServer.Answer.image("image/jpeg", JPEG));

        assertArrayEquals(JPEG, fetcher.fetch(server.url("/cover/abc")));
    }

    @Test
    void refusesErrorsPagesAndWrongTypes() {
        server.on("/500", new FakeImageServer.Answer(500, "image/jpeg", JPEG, Duration.ZERO, false));
        server.on("/html", FakeImageServer.Answer.image("text/html; charset=utf-8", "<html>".getBytes()));
        server.on("/svg", FakeImageServer.Answer.image("image/svg+xml", "<svg/>".getBytes()));
        server.on("/untyped", new FakeImageServer.Answer(200, null, JPEG, Duration.ZERO, false));
        server.on("/empty", FakeImageServer.Answer.image("image/png", new byte[0]));

        for (String path : new String[] {"/500", "/html", "/svg", "/untyped", "/empty", "/missing"}) {
            ImageUnavailableException e = assertThrows(ImageUnavailableException.class,
                    () -> fetcher.fetch(server.url(path)), path);
            assertTrue(e.getMessage().contains("127.0.0.1"), e.getMessage());
        }
    }

    @Test
    void refusesImagesOverTheCapWithOrWithoutALength() {
        server.on("/big", FakeImageServer.Answer.image("image/png", new byte[1001]));
        server.on("/chunked", FakeImageServer.Answer.image("image/png", new byte[5000]).chunkedBody());
        server.on("/fits", FakeImageServer.Answer.image("image/png", new byte[1000]).chunkedBody());

        assertThrows(ImageUnavailableException.class, () -> fetcher.fetch(server.url("/big")));
        assertThrows(ImageUnavailableException.class, () -> fetcher.fetch(server.url("/chunked")));
        assertEquals(1000, assertDoesNotThrow(() -> fetcher.fetch(server.url("/fits"))).length);
    }

    @Test
    void badUrlsTimeoutsAndDeadHostsAreUnavailableNotCrashes() {
        server.on("/slow", FakeImageServer.Answer.image("image/png", JPEG).slow(Duration.ofSeconds(5)));

        assertThrows(ImageUnavailableException.class, () -> fetcher.fetch(null));
        assertThrows(ImageUnavailableException.class, () -> fetcher.fetch("ftp://example.org/a.png"));
        assertThrows(ImageUnavailableException.class, () -> fetcher.fetch("not a url"));
        assertThrows(ImageUnavailableException.class, () -> fetcher.fetch(server.url("/slow")));
        int deadPort = TestConfigs.freePort();
        assertThrows(ImageUnavailableException.class, () -> fetcher.fetch("http://127.0.0.1:" + deadPort + "/a"));
    }

}
