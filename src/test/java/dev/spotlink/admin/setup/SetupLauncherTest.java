package dev.spotlink.admin.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlink.config.ConfigException;
import dev.spotlink.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When a config that does not load opens the set-up page, and when it keeps the all-problems message. */
class SetupLauncherTest {

    private static final Map<String, String> DOCKER_ENV = Map.of("SPOTLINK_SERVER_HOST", "0.0.0.0");

    @TempDir
    Path dir;

    @Test
    void nothingOrTooLittleConfiguredOpensTheSetupPage() throws Exception {
        assertTrue(SetupLauncher.offers(problem(null, Map.of()), Map.of(), true));
        assertTrue(SetupLauncher.offers(problem(null, Map.of()), Map.of(), false), "a service with a file");
        assertTrue(SetupLauncher.offers(problem("spotify.client-id=abc\nserver.port=9000\n", Map.of()),
                Map.of(), true));
    }

    @Test
    void wrongValuesAndHeadlessEnvironmentConfigsKeepTheMessage() throws Exception {
        String invalid = "spotify.client-id=abc\nspotify.client-secret=def\n"
                + "spotify.redirect-uri=http://localhost/cb\n";
        assertFalse(SetupLauncher.offers(problem(invalid, Map.of()), Map.of(), true), "complete but invalid");
        assertFalse(SetupLauncher.offers(problem(null, DOCKER_ENV), DOCKER_ENV, false), "container, no terminal");
        assertTrue(SetupLauncher.offers(problem(null, DOCKER_ENV), DOCKER_ENV, true), "same, in a terminal");
    }

    @Test
    void theSetupPageUsesTheBotsPort() {
        assertEquals(8080, SetupLauncher.port(Map.of(), Map.of()));
        assertEquals(9000, SetupLauncher.port(Map.of("server.port", "9000"), Map.of()));
        assertEquals(9100, SetupLauncher.port(Map.of("server.port", "9000"),
                Map.of("SPOTLINK_SERVER_PORT", "9100")));
        assertEquals(8080, SetupLauncher.port(Map.of("server.port", "eighty"), Map.of()));
        assertEquals(8080, SetupLauncher.port(Map.of("server.port", "70000"), Map.of()));
    }

    private ConfigException problem(String file, Map<String, String> env) throws Exception {
        Path path = dir.resolve("config.properties");
        Files.deleteIfExists(path);
        if (file != null) {
            Files.writeString(path, file);
        }
        return assertThrows(ConfigException.class, () -> ConfigLoader.load(path, env));
    }
}
