package dev.spotlink.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code pg_advisory_xact_lock(namespace, key)} held on a connection of its own for as long as the work runs;
 * committing releases it, and the server releases it too if this process dies. An advisory lock, not a row lock
 * ({@code SELECT ... FOR UPDATE}): the work updates the locked account through other connections, which a row
 * lock held here would block.
 *
 * <p>Each holder keeps one pooled connection idle in a transaction while the work (an HTTP call) runs, so at most
 * half the pool holds locks at once: the work and everyone else always find a connection.
 */
final class PostgresAdvisoryLock extends RefreshLock {

    /** Namespace (first key) of the token refresh locks; the two-int form never collides with one-bigint locks. */
    static final int TOKEN_REFRESH = 0x53504c31; // "SPL1"

    private static final Logger log = LoggerFactory.getLogger(PostgresAdvisoryLock.class);

    private final Database database;
    private final int namespace;
    private final Semaphore holders;

    PostgresAdvisoryLock(Database database, int namespace) {
        this.database = database;
        this.namespace = namespace;
        this.holders = new Semaphore(Math.max(1, database.poolSize() / 2), true);
    }

    @Override
    public <T, E extends Exception> T underLock(long accountId, Work<T, E> work) throws E {
        try {
            holders.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("Interrupted while waiting for the refresh lock of account " + accountId, e);
        }
        try (Connection connection = lock(accountId)) {
            try {
                return work.run();
            } finally {
                release(connection, accountId);
            }
        } catch (SQLException e) {
            throw new StoreException("Closing the lock connection of account " + accountId + " failed", e);
        } finally {
            holders.release();
        }
    }

    private Connection lock(long accountId) {
        Connection connection = null;
        try {
            connection = database.connection();
            connection.setAutoCommit(false);
            try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_xact_lock(?, ?)")) {
                ps.setInt(1, namespace);
                // ids past 2^31 share a lock with a smaller id now and then: a wait, never a wrong result
                ps.setInt(2, (int) accountId);
                ps.execute();
            }
            return connection;
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new StoreException("Cannot take the refresh lock of account " + accountId + " on "
                    + database.url() + ": " + e.getMessage(), e);
        }
    }

    private static void release(Connection connection, long accountId) {
        try {
            connection.rollback(); // ends the transaction, which frees the lock; nothing else was done in it
        } catch (SQLException e) {
            // closing the connection below hands it back to the pool, which discards a broken one
            log.warn("Releasing the refresh lock of account {} failed", accountId, e);
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            log.debug("Closing a lock connection failed", e);
        }
    }
}
