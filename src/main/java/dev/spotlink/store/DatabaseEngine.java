package dev.spotlink.store;

import dev.spotlink.config.DatabaseConfig;
import java.sql.SQLException;
import java.util.Set;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The database engines Spotlink runs on. Both run the same migrations from {@code db/migration}; the first
 * schema is spelled per engine in {@code db/vendor/<engine>} (SQLite's AUTOINCREMENT and BLOB have no portable
 * spelling), and everything after it is written once, portably.
 */
enum DatabaseEngine {
    /** One file, zero setup; one writer at a time. The default. */
    SQLITE("sqlite"),
    /** A server that several Spotlink processes share. */
    POSTGRESQL("postgresql");

    /** Migrations that run unchanged on every engine. */
    static final String COMMON_MIGRATIONS = "classpath:db/migration";
    // serialization_failure and deadlock_detected: the transaction did nothing and may simply run again
    private static final Set<String> POSTGRES_RETRYABLE = Set.of("40001", "40P01");

    private final String folder;

    DatabaseEngine(String folder) {
        this.folder = folder;
    }

    static DatabaseEngine of(String jdbcUrl) {
        return jdbcUrl != null && jdbcUrl.startsWith(DatabaseConfig.POSTGRESQL_PREFIX) ? POSTGRESQL : SQLITE;
    }

    /** Flyway locations: the common folder plus this engine's own. */
    String[] migrationLocations() {
        return new String[] {COMMON_MIGRATIONS, "classpath:db/vendor/" + folder};
    }

    /** True when the failed statement lost a race for a lock and the whole transaction may run again. */
    boolean isRetryable(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (this == SQLITE && t instanceof SQLiteException se
                    // extended codes (BUSY_RECOVERY, BUSY_SNAPSHOT, BUSY_TIMEOUT) share the primary code's low byte
                    && (se.getResultCode().code & 0xFF) == SQLiteErrorCode.SQLITE_BUSY.code) {
                return true;
            }
            if (this == POSTGRESQL && t instanceof SQLException sql && POSTGRES_RETRYABLE.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
