package dev.spotlink.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Brings a database's schema to this release's version with Flyway, unless its history already ends there. Flyway
 * scans the class path for migrations and loads some 400 classes: a third of a second of every start, for nothing
 * once the schema is current. The trade-off: an already migrated file that a developer edited afterwards is not
 * re-validated on such a start (Flyway still catches it at the next migration).
 */
final class SchemaMigration {

    /**
     * The newest migration shipped ({@code V<n>__*.sql} under {@code db/migration} and {@code db/vendor/*}).
     * {@code SchemaMigrationTest} fails when a migration is added without raising it.
     */
    static final int CURRENT_VERSION = 4;

    private SchemaMigration() {
    }

    /** Migrates {@code dataSource} unless {@link #isCurrent} says there is nothing to do. */
    static void migrate(DataSource dataSource, DatabaseEngine engine) {
        if (isCurrent(dataSource)) {
            return;
        }
        Flyway.configure(Database.class.getClassLoader())
                .dataSource(dataSource)
                .locations(engine.migrationLocations())
                .validateMigrationNaming(true)
                .load()
                .migrate();
    }

    /**
     * True when Flyway's history holds only successful migrations and the newest is {@link #CURRENT_VERSION}.
     * Anything else — no history yet, a failed or an unknown entry, an older or a newer version — is left to
     * Flyway, which migrates or explains.
     */
    static boolean isCurrent(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT version, success FROM flyway_schema_history")) {
            int newest = -1;
            while (rows.next()) {
                String version = rows.getString("version");
                if (!rows.getBoolean("success") || version == null) {
                    return false;
                }
                newest = Math.max(newest, Integer.parseInt(version.strip()));
            }
            return newest == CURRENT_VERSION;
        } catch (SQLException | NumberFormatException e) {
            return false; // a new database has no history table: Flyway creates it
        }
    }
}
