package dev.spotlink.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code cache.*} keys: sizes with units, the disk switch, defaults, problems and printing. */
class CacheConfigTest {

    @TempDir
    Path dir;

    SpotlinkConfig load(Map<String, String> extra) throws ConfigException {
        Map<String, String> env = new HashMap<>(Map.of(
                "SPOTLINK_SPOTIFY_CLIENT_ID", "id",
                "SPOTLINK_SPOTIFY_CLIENT_SECRET", "secret",
                "SPOTLINK_SPOTIFY_REDIRECT_URI", "http://127.0.0.1:8080/callback",
                "SPOTLINK_SECURITY_KEY_FILE", dir.resolve("data/spotlink.key").toString()));
        env.putAll(extra);
        return ConfigLoader.load(dir.resolve("absent.properties"), env);
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "1048576, 1048576", "512KiB, 524288", "32MiB, 33554432", "32 mib, 33554432",
            "1GiB, 1073741824", "32m, 33554432", "64k, 65536", "2G, 2147483648", "1MB, 1000000", "5kb, 5000",
            "100B, 100", "1TiB, 1099511627776"})
    void readsSizes(String text, long bytes) {
        assertEquals(bytes, ConfigValues.bytes(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"lots", "-1", "1.5MiB", "32 megabytes", "MiB", "99999999999999MiB", "10XB"})
    void refusesWhatIsNotASize(String text) {
        assertThrows(IllegalArgumentException.class, () -> ConfigValues.bytes(text));
    }

    @Test
    void formatsSizesInTheLargestExactUnit() {
        assertEquals("32MiB", ConfigValues.formatBytes(32L << 20));
        assertEquals("512KiB", ConfigValues.formatBytes(512L << 10));
        assertEquals("1000000B", ConfigValues.formatBytes(1_000_000));
        assertEquals("0B", ConfigValues.formatBytes(0));
        assertEquals("2TiB", ConfigValues.formatBytes(2L << 40));
        for (long bytes : List.of(0L, 1L, 1536L, 32L << 20, 3L << 30)) {
            assertEquals(bytes, ConfigValues.bytes(ConfigValues.formatBytes(bytes)), "round trip " + bytes);
        }
    }

    @Test
    void defaultsAre32MiBInMemoryAndNoDisk() throws Exception {
        SpotlinkConfig c = load(Map.of());

        assertEquals(CacheConfig.DEFAULT, c.cache());
        assertEquals(new CacheConfig(32L << 20, false, 256L << 20), c.cache());
        assertEquals(dir.resolve("data/cache").toAbsolutePath(), c.imageCacheDirectory());
    }

    @Test
    void valuesComeFromTheEnvironment() throws Exception {
        SpotlinkConfig c = load(Map.of("SPOTLINK_CACHE_MEMORY_BYTES", "8MiB", "SPOTLINK_CACHE_DISK", "TRUE",
                "SPOTLINK_CACHE_DISK_BYTES", "1GiB"));

        assertEquals(new CacheConfig(8L << 20, true, 1L << 30), c.cache());
        List<String> lines = ConfigPrinter.lines(c);
        assertTrue(lines.contains("cache.memory-bytes = 8MiB"), String.join("\n", lines));
        assertTrue(lines.contains("cache.disk = true -> " + dir.resolve("data/cache").toAbsolutePath()));
        assertTrue(lines.contains("cache.disk-bytes = 1GiB"));
    }

    @Test
    void badValuesAreAllReportedWithTheirKeys() {
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of(
                "SPOTLINK_CACHE_MEMORY_BYTES", "5GiB", "SPOTLINK_CACHE_DISK", "yes",
                "SPOTLINK_CACHE_DISK_BYTES", "100KiB")));

        assertEquals(3, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).startsWith("`cache.memory-bytes` = \"5GiB\""), e.problems().get(0));
        assertTrue(e.problems().get(0).contains("at most 4GiB"), e.problems().get(0));
        assertTrue(e.problems().get(1).contains("must be true or false"), e.problems().get(1));
        assertTrue(e.problems().get(2).contains("between 1MiB and 1TiB"), e.problems().get(2));
    }

    @Test
    void zeroMemoryIsAllowedAndMisspeltKeysAreSuggested() throws Exception {
        assertEquals(0, load(Map.of("SPOTLINK_CACHE_MEMORY_BYTES", "0")).cache().memoryBytes());
        assertEquals("cache.disk-bytes", KeySuggestions.suggest("cache.disk-byte").orElseThrow());
        assertFalse(KeySuggestions.suggest("cache.everything-please").isPresent());
    }
}
