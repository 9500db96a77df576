package dev.spotlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlink.config.SpotlinkConfig;
import dev.spotlink.store.StoreException;
import dev.spotlink.testing.FakeSpotify;
import dev.spotlink.testing.TestConfigs;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplicationTest {

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void createdApplicationListensOnlyOnceItsServerStarts() throws Exception {
        try (FakeSpotify spotify = FakeSpotify.start()) {
            SpotlinkConfig config = TestConfigs.config(spotify, dir);
            try (Application app = Application.create(config, Clock.systemUTC())) {
                assertTrue(app.core().database().isOpen());
                assertThrows(ConnectException.class, () -> health(config));

                app.startServer();

                HttpResponse<String> health = health(config);
                assertEquals(200, health.statusCode());
                assertTrue(health.body().contains("\"status\":\"UP\""), health.body());
            }
        }
    }

    @Test
    void databaseThatCannotOpenFailsTheStartWithTheStoresMessage() throws IOException {
        // the database opens on a thread of its own while the clients are built: its failure must still reach the
        // caller as the StoreException Main turns into a one-line message
        Path notAFolder = Files.writeString(dir.resolve("file"), "x");
        try (FakeSpotify spotify = FakeSpotify.start()) {
            SpotlinkConfig config = TestConfigs.config(spotify, notAFolder);
            StoreException created = assertThrows(StoreException.class,
                    () -> Application.create(config, Clock.systemUTC()));
            assertTrue(created.getMessage().contains(notAFolder.toString()), created.getMessage());
            assertThrows(StoreException.class, () -> Application.start(config, Clock.systemUTC()));
        }
    }

    private HttpResponse<String> health(SpotlinkConfig config) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + config.server().port() + "/health"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
