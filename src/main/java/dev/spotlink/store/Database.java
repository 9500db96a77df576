package dev.spotlink.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The database: opened from a JDBC URL, migrated with Flyway on open, SQLite tuned (WAL, foreign keys,
 * busy timeout). Hands out connections; callers close them.
 *
 * <p>Writes go through {@link #inTransaction}, reads through {@link #withConnection}. Each call opens its own
 * SQLite connection: opening one is a local file open plus a few pragmas (about 0.5 ms measured), SQLite lets
 * only one writer in at a time whatever the pool size, and a hand-made pool would need a {@code Connection} proxy
 * to intercept {@code close()}. One "keeper" connection stays open for the lifetime of this object so the WAL and
 * its index are not checkpointed and deleted every time the last short-lived connection closes.
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
    private static final String PREFIX = "jdbc:sqlite:";

    private final String url;
    private final SQLiteDataSource dataSource;
    private final Connection keeper;
    private final InUseLock inUse;
    /*
     * Writers of this process queue here, first come first served, instead of sleep-polling in SQLite's busy
     * handler, where a waiter sleeps past the moment the lock frees and an unlucky one can run out of
     * busy_timeout during a burst. busy_timeout + retries still cover other processes.
     */
    private final ReentrantLock writeLock = new ReentrantLock(true);
    private volatile boolean open = true;

    private Database(String url, SQLiteDataSource dataSource, Connection keeper, InUseLock inUse) {
        this.url = url;
        this.dataSource = dataSource;
        this.keeper = keeper;
        this.inUse = inUse;
    }

    /** Opens (creating the file and parent folder if needed) and migrates the database. */
    public static Database open(String jdbcUrl) {
        return open(jdbcUrl, BUSY_TIMEOUT_MILLIS);
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
        SQLiteDataSource dataSource = new SQLiteDataSource(connectionConfig(busyTimeoutMillis));
        dataSource.setUrl(jdbcUrl);
        InUseLock inUse = shareLock ? InUseLock.shared(file) : null;
        Connection keeper = null;
        try {
            keeper = dataSource.getConnection();
            String journalMode = enableWal(keeper);
            migrate(dataSource);
            holdWalOpen(keeper);
            log.info("Opened database {} (journal_mode={})", file.toAbsolutePath(), journalMode);
            return new Database(jdbcUrl, dataSource, keeper, inUse);
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

    /** The JDBC URL this database was opened with, for messages to the admin. */
    public String url() {
        return url;
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
        for (int attempt = 1; ; attempt++) {
            lockForWrite();
            try {
                return runTransaction(work);
            } catch (SQLException e) {
                if (!isBusy(e) || attempt == MAX_ATTEMPTS) {
                    throw failure(e, attempt);
                }
                retrying(e, attempt);
            } finally {
                writeLock.unlock();
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
                if (!isBusy(e) || attempt == MAX_ATTEMPTS) {
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
     * the WAL from being copied (the commits are still safe in the WAL).
     */
    public boolean checkpoint() {
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

    /** Work done with a connection inside a transaction. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T runTransaction(SqlWork<T> work) throws SQLException {
        try (Connection connection = connection()) {
            connection.setAutoCommit(false); // BEGIN IMMEDIATE, waiting up to busy_timeout for the write lock
            boolean committed = false;
            try {
                T result = work.run(connection);
                // Not commit(): sqlite-jdbc's commit() issues the next BEGIN IMMEDIATE right away, which can fail
                // with SQLITE_BUSY after our data is already committed and would make the retry apply it twice.
                connection.setAutoCommit(true);
                committed = true;
                return result;
            } finally {
                if (!committed) {
                    rollbackQuietly(connection);
                }
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
        if (isBusy(e)) {
            return new StoreException("Database " + url + " stayed locked (busy) through " + attempts
                    + " attempts: is another process holding a long transaction?", e);
        }
        return new StoreException("Database error on " + url + ": " + e.getMessage(), e);
    }

    static boolean isBusy(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            // extended codes (BUSY_RECOVERY, BUSY_SNAPSHOT, BUSY_TIMEOUT) share the primary code in the low byte
            if (t instanceof SQLiteException se
                    && (se.getResultCode().code & 0xFF) == SQLiteErrorCode.SQLITE_BUSY.code) {
                return true;
            }
        }
        return false;
    }

    private static void rollbackQuietly(Connection connection) {
        // a plain ROLLBACK, not rollback(): sqlite-jdbc's rollback() also opens the next BEGIN IMMEDIATE
        try (Statement statement = connection.createStatement()) {
            statement.execute("ROLLBACK");
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

    private static SQLiteConfig connectionConfig(int busyTimeoutMillis) {
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

    private static String enableWal(Connection connection) throws SQLException {
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
    private static void holdWalOpen(Connection keeper) throws SQLException {
        try (Statement statement = keeper.createStatement();
             var rs = statement.executeQuery("SELECT COUNT(*) FROM sqlite_master")) {
            rs.next();
        }
    }

    private static void migrate(SQLiteDataSource dataSource) {
        Flyway.configure(Database.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .validateMigrationNaming(true)
                .load()
                .migrate();
    }

    /** The database file named by a {@code jdbc:sqlite:} URL; in-memory and non-SQLite URLs are refused. */
    static Path databaseFile(String jdbcUrl) {
        if (jdbcUrl == null || !jdbcUrl.startsWith(PREFIX)) {
            throw new StoreException("Unsupported database URL " + jdbcUrl + ": only " + PREFIX + "<file> is supported");
        }
        String rest = jdbcUrl.substring(PREFIX.length());
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
                    + PREFIX + "data/spotlink.db");
        }
        return Path.of(location);
    }
}
