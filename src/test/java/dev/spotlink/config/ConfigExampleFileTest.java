package dev.spotlink.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shipped {@code config.example.properties} must stay in step with the loader. */
class ConfigExampleFileTest {

    static final Path EXAMPLE = Path.of("config.example.properties");

    @Test
    void loadsCleanlyOnceTheRequiredValuesAreGiven() throws Exception {
        SpotlinkConfig c = ConfigLoader.load(EXAMPLE, Map.of(
                "SPOTLINK_SPOTIFY_CLIENT_ID", "id",
                "SPOTLINK_SPOTIFY_CLIENT_SECRET", "secret",
                "SPOTLINK_SPOTIFY_REDIRECT_URI", "http://127.0.0.1:8080/callback"));

        assertEquals(8080, c.server().port());
        assertTrue(c.discord().isEmpty());
        assertTrue(c.telegram().isEmpty());
    }

    @Test
    void copiedAsIsItAsksForExactlyTheRequiredKeys() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(EXAMPLE, Map.of()));

        assertFalse(e.isFirstRun());
        assertEquals(3, e.problems().size(), e.getMessage());
        for (String problem : e.problems()) {
            assertTrue(problem.contains("is required but not set"), problem);
        }
    }

    @Test
    void documentsEveryKeyWithItsDefaultAndEnvironmentVariable() throws Exception {
        String text = Files.readString(EXAMPLE, StandardCharsets.UTF_8);
        for (ConfigKey key : ConfigKey.values()) {
            assertTrue(text.contains(key.key() + "="), key.key());
            assertTrue(text.contains("Env: " + key.envName()), key.envName());
            key.defaultValue().ifPresent(d -> assertTrue(text.contains("Default: " + d), key + " default " + d));
        }
        assertTrue(text.contains("localhost"), "explains that Spotify refuses localhost");
    }
}
