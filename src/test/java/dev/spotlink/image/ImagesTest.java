package dev.spotlink.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlink.config.CacheConfig;
import dev.spotlink.spotify.CodeStyle;
import dev.spotlink.spotify.HttpClients;
import dev.spotlink.spotify.SpotifyCodesClient;
import dev.spotlink.spotify.SpotifyUri;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class ImagesTest {

    static final SpotifyUri TRACK = new SpotifyUri(SpotifyUri.Type.TRACK, "4uLU6hMCjMI75M1A2tKUQC");
    static final CodeStyle STYLE = new CodeStyle(CodeStyle.Format.PNG, "000000", CodeStyle.Bars.WHITE, 576);
    static final byte[] COVER = {(byte) 0xff, (byte) 0xd8, 1};
    static final byte[] CODE = {(byte) 0x89, 'P', 'N', 'G'};

    @TempDir
    Path dir;

    final FakeImageServer server = new FakeImageServer();
    final OkHttpClient http = HttpClients.create(Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(5));
    final SpotifyCodesClient codes = new SpotifyCodesClient(http, server.url(""));

    Images images(ImageCache cache, Duration wait) {
        return new Images(cache, new ImageFetcher(http), codes, 2, wait);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void fetchesCoverAndCodeAtTheSameTime() {
        Duration latency = Duration.ofMillis(400);
        server.on("/cover", FakeImageServer.Answer.image("image/jpeg", COVER).slow(latency));
        server.on("/uri/plain/png/000000/white/576/", FakeImageServer.Answer.image("image/png", CODE).slow(latency));

        try (Images images = images(ImageCache.inMemory(1 << 20), Duration.ofSeconds(5))) {
            CoverAndCode both = images.coverAndCode(server.url("/cover/1"), TRACK, STYLE);

            assertArrayEquals(COVER, both.cover().orElseThrow());
            assertArrayEquals(CODE, both.code().orElseThrow());
        }
        // both requests were in flight together: proven at the server, not by a stopwatch
        assertEquals(2, server.maxConcurrent());
        assertTrue(server.requests().contains("/uri/plain/png/000000/white/576/spotify:track:4uLU6hMCjMI75M1A2tKUQC"),
                server.requests().toString());
    }

    @Test
    void secondCommandIsServedFromTheCache() {
        server.on("/cover", FakeImageServer.Answer.image("image/jpeg", COVER));
        server.on("/uri/plain", FakeImageServer.Answer.image("image/png", CODE));

        try (Images images = images(ImageCache.inMemory(1 << 20), Duration.ofSeconds(5))) {
            images.coverAndCode(server.url("/cover/1"), TRACK, STYLE);
            images.coverAndCode(server.url("/cover/1"), TRACK, STYLE);
            assertEquals(2, server.requests().size());
            assertEquals(2, images.stats().hits());

            // another style is another image
            images.code(TRACK, new CodeStyle(CodeStyle.Format.PNG, "1db954", CodeStyle.Bars.BLACK, 576));
            assertEquals(3, server.requests().size());
        }
    }

    @Test
    void upstreamFailuresDegradeToEmpty() {
        server.on("/cover", new FakeImageServer.Answer(500, "text/plain", "boom".getBytes(), Duration.ZERO, false));
        server.on("/uri/plain", new FakeImageServer.Answer(500, "text/plain", "boom".getBytes(), Duration.ZERO,
                false));

        try (Images images = images(ImageCache.inMemory(1 << 20), Duration.ofSeconds(5))) {
            CoverAndCode both = images.coverAndCode(server.url("/cover/1"), TRACK, STYLE);

            assertEquals(Optional.empty(), both.cover());
            assertEquals(Optional.empty(), both.code());
            assertEquals(Optional.empty(), images.cover("not a url"));
            assertEquals(Optional.empty(), images.cover(null));
            assertEquals(Optional.empty(), images.code(null, STYLE));
            assertEquals(Optional.empty(),
                    images.code(TRACK, new CodeStyle(CodeStyle.Format.PNG, "nothex", CodeStyle.Bars.WHITE, 576)));
            assertEquals(3, images.stats().failures()); // cover, code, and the bad URL
        }
    }

    @Test
    void aCoverSlowerThanTheWaitIsLeftOutAndStillCached() throws Exception {
        server.on("/cover", FakeImageServer.Answer.image("image/jpeg", COVER).slow(Duration.ofMillis(800)));
        server.on("/uri/plain", FakeImageServer.Answer.image("image/png", CODE));

        try (Images images = images(ImageCache.inMemory(1 << 20), Duration.ofMillis(100))) {
            CoverAndCode both = images.coverAndCode(server.url("/cover/1"), TRACK, STYLE);

            assertEquals(Optional.empty(), both.cover());
            assertTrue(both.code().isPresent());
            // the fetch went on and filled the cache for the next command
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (images.stats().entries() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(images.cover(server.url("/cover/1")).isPresent());
            assertEquals(2, server.requests().size());
        }
    }

    @Test
    void nothingAskedNothingFetched() {
        try (Images images = images(ImageCache.inMemory(1 << 20), Duration.ofSeconds(1))) {
            CoverAndCode none = images.coverAndCode(null, null, STYLE);
            assertEquals(Optional.empty(), none.cover());
            assertEquals(Optional.empty(), none.code());
        }
        assertEquals(0, server.requests().size());
    }

    @Test
    void wiringFallsBackToMemoryWhenTheDiskFolderIsUnusable() throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("file"), "x");
        server.on("/cover", FakeImageServer.Answer.image("image/jpeg", COVER));

        try (Images images = Images.create(http, codes, new CacheConfig(1 << 20, true, 1 << 20),
                notAFolder.resolve("cache"))) {
            assertTrue(images.cover(server.url("/cover/1")).isPresent());
            assertEquals(0, images.stats().diskBytes());
        }
        try (Images images = Images.create(http, codes, new CacheConfig(1 << 20, true, 1 << 20),
                dir.resolve("cache"))) {
            assertTrue(images.cover(server.url("/cover/1")).isPresent());
            assertEquals(COVER.length, images.stats().diskBytes());
        }
    }
}
