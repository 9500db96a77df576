package dev.spotlink.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The database: opened from a JDBC URL, migrated with Flyway on open, SQLite tuned (WAL, foreign keys,
 * busy timeout). Hands out connections; callers close them.
 */
public final class Database implements AutoCloseable {

    /** Opens (creating the file and parent folder if needed) and migrates the database. */
    public static Database open(String jdbcUrl) {
        throw new UnsupportedOperationException("store helper");
    }

    /** A new connection with the session pragmas applied. */
    public Connection connection() throws SQLException {
        throw new UnsupportedOperationException("store helper");
    }

    /** Runs {@code work} in one transaction, retrying on SQLITE_BUSY within the busy timeout; commits or rolls back. */
    public <T> T inTransaction(SqlWork<T> work) {
        throw new UnsupportedOperationException("store helper");
    }

    /** True while open: {@code /health} uses it. */
    public boolean isOpen() {
        throw new UnsupportedOperationException("store helper");
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException("store helper");
    }

    /** Work done with a connection inside a transaction. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }
}
