package dev.spotlink.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code command.cooldown}: default, off, bounds, environment and printing. */
class CommandConfigTest {

    @TempDir
    Path dir;

    private SpotlinkConfig load(String extra, Map<String, String> env) throws Exception {
        return ConfigLoaderTest.loadWithRequired(dir, extra, env);
    }

    @Test
    void defaultsToTwoSeconds() throws Exception {
        assertEquals(CommandConfig.DEFAULT, load("", Map.of()).command());
        assertEquals(Duration.ofSeconds(2), CommandConfig.DEFAULT.cooldown());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0s", "PT0S", "3 s", "PT0.5S", "60s", "1m", "60"})
    void acceptsZeroToSixtySeconds(String value) throws Exception {
        Duration cooldown = load("command.cooldown=" + value + "\n", Map.of()).command().cooldown();
        assertTrue(!cooldown.isNegative() && cooldown.compareTo(Duration.ofSeconds(60)) <= 0, cooldown.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"61s", "500 s", "2m", "PT-1S", "-1", "soon", "1h"})
    void refusesTheRestNamingKeyAndRange(String value) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> load("command.cooldown=" + value + "\n", Map.of()));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).startsWith("`command.cooldown` = \"" + value + "\""), e.getMessage());
    }

    @Test
    void zeroTurnsItOffAndTheEnvironmentWins() throws Exception {
        SpotlinkConfig c = load("command.cooldown=5s\n", Map.of("SPOTLINK_COMMAND_COOLDOWN", "0"));
        assertEquals(Duration.ZERO, c.command().cooldown());
        assertTrue(ConfigPrinter.lines(c).contains("command.cooldown = 0s (off)"));
        assertTrue(ConfigPrinter.lines(load("command.cooldown=PT1.5S\n", Map.of()))
                .contains("command.cooldown = PT1.5S"));
        assertTrue(ConfigPrinter.lines(load("", Map.of())).contains("command.cooldown = 2s"));
    }

    @Test
    void aNegativeCooldownCannotBeBuilt() {
        assertThrows(IllegalArgumentException.class, () -> new CommandConfig(Duration.ofSeconds(-1)));
    }
}
