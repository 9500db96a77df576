package dev.spotlink.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlink.config.DatabaseConfig;
import dev.spotlink.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteDataSource;

/** Flyway runs only when the schema history does not already end at this release's version. */
class SchemaMigrationTest {

    private static final Pattern MIGRATION = Pattern.compile("V(\\d+)__.+\\.sql");

    @TempDir
    Path dir;

    @Test
    void theCurrentVersionIsTheNewestShippedMigration() throws Exception {
        int newest;
        try (Stream<Path> files = Files.walk(Path.of("src/main/resources/db"))) {
            newest = files.map(f -> MIGRATION.matcher(f.getFileName().toString()))
                    .filter(Matcher::matches)
                    .mapToInt(m -> Integer.parseInt(m.group(1)))
                    .max().orElseThrow();
        }
        assertEquals(newest, SchemaMigration.CURRENT_VERSION,
                "a migration was added: raise SchemaMigration.CURRENT_VERSION with it");
    }

    @Test
    void anSqliteDatabaseIsCurrentOnlyOnceMigratedAndOnlyWithAClearHistory() throws Exception {
        String url = StoreFixtures.url(dir);
        SQLiteDataSource dataSource = new SQLiteDataSource();
        dataSource.setUrl(url);
        assertHistoryDecides(dataSource, () -> Database.open(url).close());
    }

    @Test
    void aPostgresDatabaseIsCurrentOnlyOnceMigratedAndOnlyWithAClearHistory() throws Exception {
        DatabaseConfig config = TestDatabases.emptyPostgres();
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(config.url());
        dataSource.setUser(config.user().orElseThrow());
        assertHistoryDecides(dataSource, () -> Database.open(config).close());
    }

    private static void assertHistoryDecides(DataSource dataSource, Runnable open) throws Exception {
        assertFalse(SchemaMigration.isCurrent(dataSource), "a new database: no history yet");
        open.run();
        assertTrue(SchemaMigration.isCurrent(dataSource), "migrated");
        open.run(); // opens again without Flyway, with everything in place
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            assertEquals(1, s.executeUpdate("UPDATE flyway_schema_history SET success = false WHERE version = '4'"));
            assertFalse(SchemaMigration.isCurrent(dataSource), "a failed migration is Flyway's to report");
            s.executeUpdate("UPDATE flyway_schema_history SET success = true WHERE version = '4'");
            s.executeUpdate("UPDATE flyway_schema_history SET version = '5' WHERE version = '4'");
            assertFalse(SchemaMigration.isCurrent(dataSource), "written by a newer release: Flyway explains");
            s.executeUpdate("UPDATE flyway_schema_history SET version = '4' WHERE version = '5'");
        }
        assertTrue(SchemaMigration.isCurrent(dataSource));
    }
}
