package dev.spotlink.store;

import com.zaxxer.hikari.HikariDataSource;
import dev.spotlink.config.DatabaseConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteDataSource;

/**
 * The database: opened from a JDBC URL, migrated with Flyway on open, SQLite tuned (WAL, foreign keys,
 * busy timeout) or PostgreSQL through a HikariCP pool (several processes may share it). Hands out connections;
 * callers close them.
 *
 * <p>Writes go through {@link #inTransaction}, reads through {@link #withConnection}. Each call opens its own
 * SQLite connection: opening one is a local file open plus a few pragmas (about 0.5 ms measured), SQLite lets
 * only one writer in at a time whatever the pool size, and a hand-made pool would need a {@code Connection} proxy
 * to intercept {@code close()}. One "keeper" connection stays open for the lifetime of this object so the WAL and
 * its index are not checkpointed and deleted every time the last short-lived connection closes.
 *
 * <p>On PostgreSQL, connections come from the pool, transactions run side by side (row locks and the guarded
 * statements of the repositories decide races), and serialization failures or deadlocks are retried.
 */
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);

    /** How long a writer waits for another one (this process or another) before SQLITE_BUSY. */
    static final int BUSY_TIMEOUT_MILLIS = 10_000;
    /**
     * How long a writer may queue behind the other writers of this process. Longer than the busy timeout: the
     * queue moves one transaction at a time, so a burst of writers is progress, not a stuck lock.
     */
    private static final long WRITE_QUEUE_TIMEOUT_MILLIS = 60_000;
    /** How long {@link #close()} lets a transaction in progress finish: well inside a stop timeout (Docker: 10 s). */
    private static final long CLOSE_WAIT_MILLIS = 5_000;
    /** Attempts of one transaction when SQLITE_BUSY still surfaces (e.g. another process held the lock > 10 s). */
    private static final int MAX_ATTEMPTS = 4;

    private final String url;
    private final DatabaseEngine engine;
    private final DataSource dataSource;
    /** SQLite only (null on PostgreSQL): the connection that keeps the WAL, and the file lock. */
    private final Connection keeper;
    private final InUseLock inUse;
    /** PostgreSQL only (null on SQLite). */
    private final HikariDataSource pool;
    private final int poolSize;
    /*
     * Writers of this process queue here, first come first served, instead of sleep-polling in SQLite's busy
     * handler, where a waiter sleeps past the moment the lock frees and an unlucky one can run out of
     * busy_timeout during a burst. busy_timeout + retries still cover other processes.
     */
    private final ReentrantLock writeLock = new ReentrantLock(true);
    private volatile boolean open = true;

    private Database(String url, DatabaseEngine engine, DataSource dataSource, Connection keeper, InUseLock inUse,
                     HikariDataSource pool, int poolSize) {
        this.url = url;
        this.engine = engine;
        this.dataSource = dataSource;
        this.keeper = keeper;
        this.inUse = inUse;
        this.pool = pool;
        this.poolSize = poolSize;
    }

    /**
     * Opens and migrates the database: an SQLite file (created with its parent folder if needed) or a PostgreSQL
     * database (which must exist; its tables are created by the migrations).
     */
    public static Database open(String jdbcUrl) {
        return open(new DatabaseConfig(jdbcUrl));
    }

    /** As {@link #open(String)}, with the PostgreSQL login and pool size of {@code config}. */
    public static Database open(DatabaseConfig config) {
        if (DatabaseEngine.of(config.url()) == DatabaseEngine.POSTGRESQL) {
            return openPostgres(config);
        }
        return open(config.url(), BUSY_TIMEOUT_MILLIS);
    }

    private static Database openPostgres(DatabaseConfig config) {
        String shown = config.redactedUrl();
        HikariDataSource pool = null;
        try {
            pool = PostgresPool.open(config);
            SchemaMigration.migrate(pool, DatabaseEngine.POSTGRESQL);
            log.info("Opened database {} (PostgreSQL, up to {} connections)", shown, config.poolSize());
            return new Database(shown, DatabaseEngine.POSTGRESQL, pool, null, null, pool, config.poolSize());
        } catch (RuntimeException e) { // pool start-up and Flyway failures are RuntimeExceptions
            if (pool != null) {
                pool.close();
            }
            throw new StoreException("Cannot open database " + shown + ": " + e.getMessage(), e);
        }
    }

    /** As {@link #open(String)}, with another busy timeout (tests of lock contention). */
    static Database open(String jdbcUrl, int busyTimeoutMillis) {
        return open(jdbcUrl, busyTimeoutMillis, true);
    }

    /**
     * @param shareLock take the shared {@link InUseLock}; false only for a caller that holds it exclusively
     */
    static Database open(String jdbcUrl, int busyTimeoutMillis, boolean shareLock) {
        Path file = databaseFile(jdbcUrl);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (java.io.IOException e) {
            throw new StoreException("Cannot create the folder of database " + file.toAbsolutePath(), e);
        }
        SQLiteDataSource dataSource = new SQLiteDataSource(SqliteFiles.connectionConfig(busyTimeoutMillis));
        dataSource.setUrl(jdbcUrl);
        InUseLock inUse = shareLock ? InUseLock.shared(file) : null;
        Connection keeper = null;
        try {
            keeper = dataSource.getConnection();
            String journalMode = SqliteFiles.enableWal(keeper);
            SchemaMigration.migrate(dataSource, DatabaseEngine.SQLITE);
            SqliteFiles.holdWalOpen(keeper);
            log.info("Opened database {} (journal_mode={})", file.toAbsolutePath(), journalMode);
            return new Database(jdbcUrl, DatabaseEngine.SQLITE, dataSource, keeper, inUse, null, 1);
        } catch (SQLException | RuntimeException e) { // Flyway and lock failures are RuntimeExceptions
            closeQuietly(keeper);
            if (inUse != null) {
                inUse.close();
            }
            if (e instanceof StoreException se) {
                throw se;
            }
            throw new StoreException("Cannot open database " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /** The JDBC URL this database was opened with (any password masked), for messages to the admin. */
    public String url() {
        return url;
    }

    /** Which engine this is. */
    DatabaseEngine engine() {
        return engine;
    }

    /** Most connections open at once (1 for SQLite, whose writers queue in this process anyway). */
    int poolSize() {
        return poolSize;
    }

    /** A new connection with the session pragmas applied. */
    public Connection connection() throws SQLException {
        if (!open) {
            throw new SQLException("Database " + url + " is closed");
        }
        return dataSource.getConnection();
    }

    /**
     * Runs {@code work} in one transaction, retrying on SQLITE_BUSY within the busy timeout; commits or rolls back.
     * The transaction takes SQLite's write lock at its start (BEGIN IMMEDIATE), so it never fails half-way on a lock
     * upgrade. {@code work} may run more than once: keep side effects other than SQL out of it. Must not be nested.
     *
     * @throws StoreException on an SQL error; exceptions thrown by {@code work} propagate unchanged
     */
    public <T> T inTransaction(SqlWork<T> work) {
        if (writeLock.isHeldByCurrentThread()) {
            // the inner BEGIN IMMEDIATE would wait for the outer transaction of this same thread, then time out
            throw new IllegalStateException("inTransaction must not be nested");
        }
        // SQLite lets one writer in at a time: queue here. PostgreSQL writers run side by side.
        boolean queue = engine == DatabaseEngine.SQLITE;
        for (int attempt = 1; ; attempt++) {
            // Opened before queueing: opening is a file open plus pragmas, no lock of SQLite's, and every writer
            // holding the write slot meanwhile would make all the others wait for it.
            try (Connection connection = connection()) {
                if (queue) {
                    lockForWrite();
                }
                try {
                    return runTransaction(connection, work);
                } finally {
                    if (queue) {
                        writeLock.unlock();
                    }
                }
            } catch (SQLException e) {
                if (!engine.isRetryable(e) || attempt == MAX_ATTEMPTS) {
                    throw failure(e, attempt);
                }
                retrying(e, attempt);
            }
            pause(attempt);
        }
    }

    /**
     * Runs read-only {@code work} (it may run more than once) on an auto-commit connection (no write lock: WAL
     * readers never wait for writers), retrying on SQLITE_BUSY like {@link #inTransaction}.
     */
    public <T> T withConnection(SqlWork<T> work) {
        for (int attempt = 1; ; attempt++) {
            try (Connection connection = connection()) {
                return work.run(connection);
            } catch (SQLException e) {
                if (!engine.isRetryable(e) || attempt == MAX_ATTEMPTS) {
                    throw failure(e, attempt);
                }
                retrying(e, attempt);
            }
            pause(attempt);
        }
    }

    /** True while open: {@code /health} uses it. */
    public boolean isOpen() {
        return open;
    }

    /**
     * Copies the WAL into the database file and empties it ({@code wal_checkpoint(TRUNCATE)}), syncing both: after
     * it, every commit so far is in the main file on disk. False when a reader of another connection kept part of
     * the WAL from being copied (the commits are still safe in the WAL). Always true on PostgreSQL (its server
     * owns durability).
     */
    public boolean checkpoint() {
        if (keeper == null) {
            return true;
        }
        synchronized (keeper) {
            try (Statement statement = keeper.createStatement();
                 var rs = statement.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
                return rs.next() && rs.getInt(1) == 0;
            } catch (SQLException e) {
                throw failure(e, 1);
            }
        }
    }

    /**
     * Closes cleanly: refuses new work, lets a transaction in progress commit (waiting up to 5 s), checkpoints
     * the WAL into the database file, then closes the last connection (SQLite then removes the WAL and
     * shared-memory files) and releases the in-use lock.
     */
    @Override
    public synchronized void close() {
        if (!open) {
            return;
        }
        open = false;
        if (pool != null) {
            closePool();
            return;
        }
        boolean drained = false;
        try {
            drained = writeLock.tryLock(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            if (!drained) {
                log.warn("Database {}: a transaction still runs after {} ms; closing anyway (it rolls back)", url,
                        CLOSE_WAIT_MILLIS);
            }
            if (!checkpoint()) {
                log.info("Database {}: WAL not fully checkpointed (a reader was active); it is replayed on next"
                        + " open", url);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (StoreException e) {
            log.warn("Checkpoint of database {} on close failed; the WAL is replayed on next open", url, e);
        } finally {
            closeQuietly(keeper);
            if (drained) {
                writeLock.unlock();
            }
            if (inUse != null) {
                inUse.close();
            }
        }
        log.info("Closed database {}", url);
    }

    /** PostgreSQL: lets borrowed connections come back (up to 5 s), then closes the pool. */
    private void closePool() {
        try {
            if (!PostgresPool.awaitIdle(pool, CLOSE_WAIT_MILLIS)) {
                log.warn("Database {}: work still runs after {} ms; closing anyway (it rolls back)", url,
                        CLOSE_WAIT_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            pool.close();
        }
        log.info("Closed database {}", url);
    }

    /** Work done with a connection inside a transaction. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T runTransaction(Connection connection, SqlWork<T> work) throws SQLException {
        connection.setAutoCommit(false); // BEGIN IMMEDIATE, waiting up to busy_timeout for the write lock
        boolean committed = false;
        try {
            T result = work.run(connection);
            if (engine == DatabaseEngine.SQLITE) {
                // Not commit(): sqlite-jdbc's commit() issues the next BEGIN IMMEDIATE right away, which can
                // fail with SQLITE_BUSY after our data is already committed and would make the retry apply it
                // twice.
                connection.setAutoCommit(true);
            } else {
                connection.commit();
            }
            committed = true;
            return result;
        } finally {
            if (!committed) {
                rollbackQuietly(connection, engine);
            }
        }
    }

    private void lockForWrite() {
        try {
            if (!writeLock.tryLock(WRITE_QUEUE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
                throw new StoreException("Database " + url + " busy: no write slot within "
                        + WRITE_QUEUE_TIMEOUT_MILLIS + " ms (is a transaction doing slow work?)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("Interrupted while waiting for database " + url, e);
        }
    }

    private void retrying(SQLException e, int attempt) {
        // no stack trace: a retry is routine; the final failure carries the exception to whoever handles it
        log.warn("Database {} busy ({}), retrying (attempt {} of {})", url, e.getMessage(), attempt, MAX_ATTEMPTS);
    }

    private void pause(int attempt) {
        try {
            Thread.sleep(50L * attempt + ThreadLocalRandom.current().nextLong(50));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("Interrupted while waiting for database " + url, e);
        }
    }

    private StoreException failure(SQLException e, int attempts) {
        if (engine.isRetryable(e)) {
            return new StoreException("Database " + url + " stayed locked (busy) through " + attempts
                    + " attempts: is another process holding a long transaction?", e);
        }
        return new StoreException("Database error on " + url + ": " + e.getMessage(), e);
    }

    static boolean isBusy(SQLException e) {
        return DatabaseEngine.SQLITE.isRetryable(e);
    }

    private static void rollbackQuietly(Connection connection, DatabaseEngine engine) {
        // SQLite: a plain ROLLBACK, not rollback(): sqlite-jdbc's rollback() also opens the next BEGIN IMMEDIATE
        try (Statement statement = connection.createStatement()) {
            if (engine == DatabaseEngine.SQLITE) {
                statement.execute("ROLLBACK");
            } else {
                connection.rollback();
            }
        } catch (SQLException e) {
            // no transaction left to roll back (it failed in BEGIN or COMMIT); closing discards anything else
            log.debug("Rollback found no open transaction", e);
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            log.warn("Closing a database connection failed", e);
        }
    }

    /** The database file named by a {@code jdbc:sqlite:} URL; in-memory and non-SQLite URLs are refused. */
    static Path databaseFile(String jdbcUrl) {
        return SqliteFiles.databaseFile(jdbcUrl);
    }
}
