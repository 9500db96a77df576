package dev.spotlink.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import dev.spotlink.testing.RecordingAppender;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * {@code command.burst} and {@code command.refill}: defaults, off, bounds, environment and printing; and the old
 * {@code command.cooldown}, which existing files still use.
 */
class CommandConfigTest {

    @TempDir
    Path dir;

    private SpotlinkConfig load(String extra, Map<String, String> env) throws Exception {
        return ConfigLoaderTest.loadWithRequired(dir, extra, env);
    }

    @Test
    void defaultsToFiveAtOnceThenOneEveryTwoSeconds() throws Exception {
        assertEquals(CommandConfig.DEFAULT, load("", Map.of()).command());
        assertEquals(5, CommandConfig.DEFAULT.burst());
        assertEquals(Duration.ofSeconds(2), CommandConfig.DEFAULT.refill());
        assertTrue(ConfigPrinter.lines(load("", Map.of())).contains("command.burst = 5"));
        assertTrue(ConfigPrinter.lines(load("", Map.of())).contains("command.refill = 2s"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0s", "PT0S", "3 s", "PT0.5S", "60s", "1m", "60"})
    void refillAcceptsZeroToSixtySeconds(String value) throws Exception {
        Duration refill = load("command.refill=" + value + "\n", Map.of()).command().refill();
        assertTrue(!refill.isNegative() && refill.compareTo(Duration.ofSeconds(60)) <= 0, refill.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"61s", "500 s", "2m", "PT-1S", "-1", "soon", "1h"})
    void refillRefusesTheRestNamingKeyAndRange(String value) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> load("command.refill=" + value + "\n", Map.of()));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).startsWith("`command.refill` = \"" + value + "\""), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "101", "-1", "five", "2.5", "99999"})
    void burstIsAWholeNumberFromOneToAHundred(String value) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> load("command.burst=" + value + "\n", Map.of()));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).startsWith("`command.burst` = \"" + value + "\": must be a whole number"),
                e.getMessage());
    }

    @Test
    void zeroTurnsItOffAndTheEnvironmentWins() throws Exception {
        SpotlinkConfig c = load("command.refill=5s\ncommand.burst=3\n",
                Map.of("SPOTLINK_COMMAND_REFILL", "0", "SPOTLINK_COMMAND_BURST", "10"));
        assertEquals(new CommandConfig(10, Duration.ZERO), c.command());
        assertTrue(ConfigPrinter.lines(c).contains("command.refill = 0s (off)"));
        assertTrue(ConfigPrinter.lines(load("command.refill=PT1.5S\n", Map.of()))
                .contains("command.refill = PT1.5S"));
    }

    @Test
    void anExistingFileWithCommandCooldownStillLoadsAsTheRefillWithAWarning() throws Exception {
        Logger binderLog = (Logger) LoggerFactory.getLogger(ConfigBinder.class);
        RecordingAppender logged = new RecordingAppender();
        logged.start();
        binderLog.addAppender(logged);
        try {
            assertEquals(new CommandConfig(5, Duration.ofSeconds(3)),
                    load("command.cooldown=3s\n", Map.of()).command());
            assertEquals(new CommandConfig(5, Duration.ZERO),
                    load("", Map.of("SPOTLINK_COMMAND_COOLDOWN", "0")).command(), "its env variable too");
        } finally {
            binderLog.detachAppender(logged);
        }
        assertEquals(2, logged.lines().size(), logged.lines().toString());
        assertTrue(logged.lines().get(0).contains("`command.cooldown` = \"3s\": deprecated, read as "
                + "command.refill=3s"), logged.lines().get(0));
        assertTrue(ConfigPrinter.lines(load("command.cooldown=3s\n", Map.of()))
                .contains("command.refill = 3s"));
    }

    @Test
    void theOldAndTheNewNameTogetherAreAClearProblem() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> load("command.cooldown=3s\ncommand.refill=2s\n", Map.of()));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).contains("old name of `command.refill`"), e.getMessage());
        ConfigException bad = assertThrows(ConfigException.class, () -> load("command.cooldown=soon\n", Map.of()));
        assertTrue(bad.problems().get(0).startsWith("`command.cooldown` = \"soon\""), bad.getMessage());
    }

    @Test
    void invalidValuesCannotBeBuilt() {
        assertThrows(IllegalArgumentException.class, () -> new CommandConfig(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> new CommandConfig(0, Duration.ofSeconds(2)));
    }
}
