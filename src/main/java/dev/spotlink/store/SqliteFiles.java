package dev.spotlink.store;

import dev.spotlink.config.DatabaseConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/** SQLite specifics of {@link Database}: the file a URL names, the session settings, WAL mode. */
final class SqliteFiles {

    private static final Logger log = LoggerFactory.getLogger(SqliteFiles.class);

    private SqliteFiles() {
    }

    static SQLiteConfig connectionConfig(int busyTimeoutMillis) {
        SQLiteConfig config = new SQLiteConfig();
        config.enforceForeignKeys(true);
        config.setBusyTimeout(busyTimeoutMillis);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        // NORMAL with WAL: a commit is in the WAL file (the OS's page cache) when it returns, so it survives a
        // crash or SIGKILL of this process; only an OS crash or power loss can drop the last commits (never corrupt
        // the file), and the cost of that is a /link to redo. FULL adds an fsync per commit: measured 4-30 ms on
        // these VMs against 0.6 ms, and all writers queue behind it.
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        // journal_mode is not set here: WAL is a property of the file, so open() sets it once instead of every
        // short-lived connection re-issuing it.
        return config;
    }

    static String enableWal(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             var rs = statement.executeQuery("PRAGMA journal_mode=WAL")) {
            String mode = rs.next() ? rs.getString(1) : "unknown";
            if (!"wal".equalsIgnoreCase(mode)) {
                log.warn("Database could not switch to WAL (journal_mode={}); concurrent access will be slower", mode);
            }
            return mode;
        }
    }

    /** A connection only keeps the WAL open once it has read through it; switching the mode alone is not enough. */
    static void holdWalOpen(Connection keeper) throws SQLException {
        try (Statement statement = keeper.createStatement();
             var rs = statement.executeQuery("SELECT COUNT(*) FROM sqlite_master")) {
            rs.next();
        }
    }

    /** The database file named by a {@code jdbc:sqlite:} URL; in-memory and non-SQLite URLs are refused. */
    static Path databaseFile(String jdbcUrl) {
        if (jdbcUrl == null || !jdbcUrl.startsWith(DatabaseConfig.SQLITE_PREFIX)) {
            throw new StoreException("Unsupported database URL " + DatabaseConfig.redact(jdbcUrl) + ": use "
                    + DatabaseConfig.SQLITE_PREFIX + "<file> or " + DatabaseConfig.POSTGRESQL_PREFIX + "//<host>/<database>");
        }
        String rest = jdbcUrl.substring(DatabaseConfig.SQLITE_PREFIX.length());
        int query = rest.indexOf('?');
        String params = query < 0 ? "" : rest.substring(query + 1);
        String location = query < 0 ? rest : rest.substring(0, query);
        if (location.startsWith("file:")) {
            location = location.substring("file:".length());
            if (location.startsWith("//")) {
                int slash = location.indexOf('/', 2); // skip the (empty or localhost) authority
                location = slash < 0 ? "" : location.substring(slash);
            }
        }
        if (location.isBlank() || location.equals(":memory:") || params.contains("mode=memory")) {
            // every connection would get its own empty database: nothing written would be seen again
            throw new StoreException("In-memory database URL " + jdbcUrl + " is not supported: use a file, e.g. "
                    + DatabaseConfig.SQLITE_PREFIX + "data/spotlink.db");
        }
        return Path.of(location);
    }
}
