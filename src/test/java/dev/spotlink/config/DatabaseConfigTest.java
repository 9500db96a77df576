package dev.spotlink.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code database.*} keys: SQLite or PostgreSQL URLs, the PostgreSQL login and pool size. */
class DatabaseConfigTest {

    private static final String PG_URL = "jdbc:postgresql://db.internal:5432/spotlink";
    private static final String PASSWORD = "pg-Secret-Value-42";

    @TempDir
    Path dir;

    SpotlinkConfig load(String file, Map<String, String> extra) throws ConfigException {
        Map<String, String> env = new HashMap<>(Map.of(
                "SPOTLINK_SPOTIFY_CLIENT_ID", "id",
                "SPOTLINK_SPOTIFY_CLIENT_SECRET", "secret",
                "SPOTLINK_SPOTIFY_REDIRECT_URI", "http://127.0.0.1:8080/callback"));
        env.putAll(extra);
        Path path = dir.resolve("config.properties");
        try {
            Files.writeString(path, file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return ConfigLoader.load(path, env);
    }

    @Test
    void sqliteIsTheDefaultWithoutLogin() throws Exception {
        DatabaseConfig db = load("", Map.of()).database();

        assertEquals("jdbc:sqlite:data/spotlink.db", db.url());
        assertFalse(db.isPostgres());
        assertEquals(Optional.empty(), db.user());
        assertEquals(Optional.empty(), db.password());
        assertEquals(DatabaseConfig.DEFAULT_POOL_SIZE, db.poolSize());
    }

    @Test
    void postgresTakesLoginAndPoolSizeFromFileAndEnvironment() throws Exception {
        DatabaseConfig db = load("database.url=" + PG_URL + "\ndatabase.user=spot\ndatabase.pool-size=6\n",
                Map.of("SPOTLINK_DATABASE_PASSWORD", PASSWORD, "SPOTLINK_DATABASE_POOL_SIZE", "8")).database();

        assertTrue(db.isPostgres());
        assertEquals(PG_URL, db.url());
        assertEquals(Optional.of("spot"), db.user());
        assertEquals(PASSWORD, db.password().orElseThrow().reveal());
        assertEquals(8, db.poolSize(), "environment wins over the file");
        assertFalse(db.toString().contains(PASSWORD), db.toString());
    }

    @Test
    void thePasswordIsNeverPrinted() throws Exception {
        SpotlinkConfig c = load("database.url=" + PG_URL + "\ndatabase.password=" + PASSWORD + "\n", Map.of());

        String printed = ConfigPrinter.describe(c);
        assertTrue(printed.contains("database.password = <masked>"), printed);
        assertTrue(printed.contains("database.pool-size = 10"), printed);
        assertFalse(printed.contains(PASSWORD), printed);
    }

    @Test
    void everyBadValueIsReportedAtOnceWithoutEchoingThePassword() {
        ConfigException e = assertThrows(ConfigException.class, () -> load(
                "database.url=jdbc:mysql://db/spotlink\ndatabase.pool-size=1\n", Map.of()));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("`database.url`"), e.getMessage());
        assertTrue(e.getMessage().contains("`database.pool-size`"), e.getMessage());

        ConfigException sqlite = assertThrows(ConfigException.class, () -> load(
                "database.user=spot\ndatabase.password=" + PASSWORD + "\ndatabase.pool-size=5\n", Map.of()));
        assertEquals(3, sqlite.problems().size(), sqlite.getMessage());
        for (String problem : sqlite.problems()) {
            assertTrue(problem.contains("only used with a PostgreSQL"), problem);
        }
        assertFalse(sqlite.getMessage().contains(PASSWORD), sqlite.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "10", "100"})
    void acceptsPoolSizesInRange(String value) {
        assertEquals(Integer.parseInt(value), DatabaseValues.poolSize(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "101", "-3", "ten", "4.5", ""})
    void refusesOtherPoolSizes(String value) {
        assertThrows(IllegalArgumentException.class, () -> DatabaseValues.poolSize(value));
    }

    @Test
    void acceptsOnlySqliteAndPostgresUrls() {
        for (String url : List.of("jdbc:sqlite:data/x.db", PG_URL, "jdbc:postgresql:spotlink")) {
            assertEquals(url, DatabaseValues.url(url));
        }
        for (String url : List.of("sqlite:data/x.db", "jdbc:mysql://h/db", "jdbc:h2:mem:x", "postgres://h/db")) {
            assertThrows(IllegalArgumentException.class, () -> DatabaseValues.url(url), url);
        }
    }
}
