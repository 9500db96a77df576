package dev.spotlink.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * V1 moved from {@code db/migration} to {@code db/vendor/sqlite} unchanged: a database migrated by a release
 * before the move (V1 in the old folder) must open, validate and keep its data with the new layout.
 */
class LegacyLayoutTest {

    /** Flyway's checksum of V1 as released; a changed V1 would fail every existing database's validation. */
    private static final int RELEASED_V1_CHECKSUM = -1611319044;

    @TempDir
    Path dir;

    @Test
    void aDatabaseMigratedFromTheOldFolderStillValidates() throws Exception {
        Path oldFolder = Files.createDirectories(dir.resolve("old/db/migration"));
        try (InputStream v1 = getClass().getResourceAsStream("/db/vendor/sqlite/V1__initial_schema.sql")) {
            Files.copy(v1, oldFolder.resolve("V1__initial_schema.sql"));
        }
        String url = StoreFixtures.url(dir);
        SQLiteDataSource oldRelease = new SQLiteDataSource();
        oldRelease.setUrl(url);
        Flyway.configure().dataSource(oldRelease).locations("filesystem:" + oldFolder).load().migrate();
        try (Connection c = oldRelease.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO bot_state (key, value, updated_at) VALUES ('kept', 'yes', 1)");
        }

        try (Database db = Database.open(url)) {
            assertEquals(Optional.of("yes"), new BotStateRepository(db).get("kept"));
            try (Connection c = db.connection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(*), MIN(checksum) FROM flyway_schema_history"
                         + " WHERE version = '1'")) {
                rs.next();
                assertEquals(1, rs.getInt(1));
                assertEquals(RELEASED_V1_CHECKSUM, rs.getInt(2));
            }
        }
    }
}
