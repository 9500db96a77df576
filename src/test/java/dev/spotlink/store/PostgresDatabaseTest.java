package dev.spotlink.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlink.config.DatabaseConfig;
import dev.spotlink.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PostgreSQL specifics: the vendor V1 schema, migrations run once, rotate-key refused. */
class PostgresDatabaseTest {

    @Test
    void migratesWithThePostgresSchema() throws Exception {
        DatabaseConfig config = TestDatabases.emptyPostgres();
        try (Database db = Database.open(config)) {
            assertEquals(DatabaseEngine.POSTGRESQL, db.engine());
        }
        try (Connection c = TestDatabases.connect(config); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT column_name, data_type FROM information_schema.columns"
                     + " WHERE table_name = 'linked_accounts' AND column_name IN ('id', 'access_token_enc')"
                     + " ORDER BY column_name")) {
            List<String> columns = new ArrayList<>();
            while (rs.next()) {
                columns.add(rs.getString(1) + ":" + rs.getString(2));
            }
            assertEquals(List.of("access_token_enc:bytea", "id:bigint"), columns);
        }
    }

    @Test
    void rotateKeyRefusesPostgresWithoutTouchingTheKey(@TempDir Path dir) throws Exception {
        DatabaseConfig config = TestDatabases.freshPostgres();
        Path key = dir.resolve("spotlink.key");
        TokenCipher.loadOrCreate(key);
        byte[] before = Files.readAllBytes(key);

        StoreException e = assertThrows(StoreException.class,
                () -> KeyRotation.rotate(config.url(), key, Clock.systemUTC()));

        assertTrue(e.getMessage().contains("SQLite databases only"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(key));
    }

    @Test
    void reopeningRunsNoMigrationTwice() throws Exception {
        DatabaseConfig config = TestDatabases.emptyPostgres();
        Database.open(config).close();
        Database.open(config).close();
        try (Connection c = TestDatabases.connect(config); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT script FROM flyway_schema_history WHERE success ORDER BY installed_rank")) {
            assertTrue(rs.next());
            assertEquals("V1__initial_schema.sql", rs.getString(1));
        }
    }
}
