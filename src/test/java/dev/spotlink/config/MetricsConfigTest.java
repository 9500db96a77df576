package dev.spotlink.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code metrics.enabled} and {@code metrics.token}: default, values, environment, errors and printing. */
class MetricsConfigTest {

    private static final String TOKEN = "0123456789abcdef-scrape";

    @TempDir
    Path dir;

    private SpotlinkConfig load(String extra, Map<String, String> env) throws Exception {
        return ConfigLoaderTest.loadWithRequired(dir, extra, env);
    }

    @Test
    void offByDefault() throws Exception {
        SpotlinkConfig c = load("", Map.of());
        assertEquals(MetricsConfig.DISABLED, c.metrics());
        assertTrue(ConfigPrinter.lines(c).contains("metrics.enabled = false"));
        assertTrue(ConfigPrinter.lines(c).contains("metrics.token = (not set)"));
    }

    @Test
    void enabledWithATokenFromTheEnvironmentThatIsNeverPrinted() throws Exception {
        SpotlinkConfig c = load("metrics.enabled=TRUE\n", Map.of("SPOTLINK_METRICS_TOKEN", TOKEN));
        assertTrue(c.metrics().enabled());
        assertEquals(TOKEN, c.metrics().token().orElseThrow().reveal());
        assertTrue(ConfigPrinter.lines(c).contains("metrics.enabled = true -> GET /metrics"));
        assertTrue(ConfigPrinter.lines(c).contains("metrics.token = <masked>"));
        assertFalse(ConfigPrinter.describe(c).contains(TOKEN));
    }

    @Test
    void theEnvironmentCanTurnItOff() throws Exception {
        assertFalse(load("metrics.enabled=true\n", Map.of("SPOTLINK_METRICS_ENABLED", "false")).metrics().enabled());
    }

    @ParameterizedTest
    @ValueSource(strings = {"short", "has spaces in the token value", "123456789012345"})
    void refusesWeakTokensWithoutEchoingThem(String value) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> load("metrics.enabled=true\nmetrics.token=" + value + "\n", Map.of()));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).startsWith("`metrics.token`"), e.getMessage());
        assertFalse(e.getMessage().contains(value), "a secret is never echoed");
    }

    @Test
    void reportsBothProblemsAtOnce() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> load("metrics.enabled=yes\nmetrics.token=x\n", Map.of()));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).startsWith("`metrics.enabled` = \"yes\": must be true or false"));
    }
}
