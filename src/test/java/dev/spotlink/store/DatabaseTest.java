package dev.spotlink.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

    @TempDir
    Path dir;

    @Test
    void createsParentFolderMigratesAndSetsPragmas() throws Exception {
        Path file = dir.resolve("nested/data/spotlink.db");
        try (Database db = Database.open("jdbc:sqlite:" + file)) {
            assertTrue(Files.isRegularFile(file));
            assertTrue(db.isOpen());
            try (Connection c = db.connection()) {
                assertEquals("wal", pragma(c, "journal_mode"));
                assertEquals("1", pragma(c, "foreign_keys"));
                assertEquals(String.valueOf(Database.BUSY_TIMEOUT_MILLIS), pragma(c, "busy_timeout"));
                assertEquals("1", pragma(c, "synchronous")); // NORMAL
                assertEquals(Set.of("linked_accounts", "pending_links", "bot_state", "leases"), appTables(c));
                assertEquals("1", query(c, "SELECT version FROM flyway_schema_history WHERE success = 1"));
            }
        }
    }

    @Test
    void reopeningAMigratedDatabaseKeepsItsData() {
        try (Database db = Database.open(StoreFixtures.url(dir))) {
            new BotStateRepository(db).put("k", "v");
        }
        try (Database db = Database.open(StoreFixtures.url(dir))) {
            assertEquals(Optional.of("v"), new BotStateRepository(db).get("k"));
        }
    }

    @Test
    void refusesInMemoryAndForeignUrls() {
        for (String url : List.of("jdbc:sqlite:", "jdbc:sqlite::memory:", "jdbc:sqlite:file:x?mode=memory",
                "jdbc:mysql://localhost/spotlink")) {
            StoreException e = assertThrows(StoreException.class, () -> Database.open(url), url);
            assertTrue(e.getMessage().contains(url), e.getMessage());
        }
    }

    @Test
    void findsTheFileOfUriStyleUrls() {
        assertEquals(Path.of("/srv/bot/x.db"), Database.databaseFile("jdbc:sqlite:file:/srv/bot/x.db?cache=private"));
        assertEquals(Path.of("/srv/bot/x.db"), Database.databaseFile("jdbc:sqlite:file:///srv/bot/x.db"));
        assertEquals(Path.of("data/spotlink.db"), Database.databaseFile("jdbc:sqlite:data/spotlink.db"));
    }

    @Test
    void failedWorkIsRolledBackAndItsExceptionPropagates() {
        try (Database db = Database.open(StoreFixtures.url(dir))) {
            IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> db.inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("INSERT INTO bot_state (key, value, updated_at) VALUES ('k', 'v', 0)");
                }
                throw new IllegalStateException("boom");
            }));
            assertEquals("boom", thrown.getMessage());
            assertEquals(Optional.empty(), new BotStateRepository(db).get("k"));
            // the database is still usable for writers afterwards
            new BotStateRepository(db).put("k", "v2");
            assertEquals(Optional.of("v2"), new BotStateRepository(db).get("k"));
        }
    }

    @Test
    void sqlErrorsBecomeStoreExceptions() {
        try (Database db = Database.open(StoreFixtures.url(dir))) {
            StoreException e = assertThrows(StoreException.class,
                    () -> db.inTransaction(c -> c.createStatement().executeUpdate("INSERT INTO nowhere VALUES (1)")));
            assertTrue(e.getCause() instanceof SQLException);
        }
    }

    @Test
    void nestedTransactionsAreRefusedInsteadOfDeadlocking() {
        try (Database db = Database.open(StoreFixtures.url(dir))) {
            assertThrows(IllegalStateException.class, () -> db.inTransaction(c -> db.inTransaction(inner -> 1)));
        }
    }

    @Test
    void closeIsIdempotentAndStopsNewConnections() {
        Database db = Database.open(StoreFixtures.url(dir));
        db.close();
        db.close();
        assertFalse(db.isOpen());
        assertThrows(SQLException.class, db::connection);
        assertThrows(StoreException.class, () -> new BotStateRepository(db).get("k"));
    }

    /**
     * Two Database objects on one file stand for two processes: they do not share the in-process write lock, so
     * SQLite's own locking (BEGIN IMMEDIATE + busy_timeout) must serialise the read-modify-write transactions.
     */
    @Test
    void concurrentReadModifyWriteFromTwoOpenersLosesNoUpdate() throws Exception {
        int threads = 200;
        try (Database first = Database.open(StoreFixtures.url(dir));
             Database second = Database.open(StoreFixtures.url(dir))) {
            new BotStateRepository(first).put("counter", "0");
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Database db = i % 2 == 0 ? first : second;
                futures.add(pool.submit(() -> {
                    start.await();
                    return db.inTransaction(c -> {
                        int value = Integer.parseInt(query(c, "SELECT value FROM bot_state WHERE key = 'counter'"));
                        try (var ps = c.prepareStatement("UPDATE bot_state SET value = ? WHERE key = 'counter'")) {
                            ps.setString(1, String.valueOf(value + 1));
                            return ps.executeUpdate();
                        }
                    });
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS); // rethrows any StoreException (e.g. SQLITE_BUSY) from a worker
            }
            pool.shutdown();
            assertEquals(Optional.of(String.valueOf(threads)), new BotStateRepository(second).get("counter"));
        }
    }

    /** Another process holding the write lock past the busy timeout: the transaction is retried, then succeeds. */
    @Test
    void aWriterBlockedPastTheBusyTimeoutIsRetried() throws Exception {
        try (Database holder = Database.open(StoreFixtures.url(dir));
             Database impatient = Database.open(StoreFixtures.url(dir), 100)) {
            Future<Integer> done;
            try (Connection lock = holder.connection()) {
                lock.setAutoCommit(false); // BEGIN IMMEDIATE: holds the write lock until released below
                ExecutorService pool = Executors.newSingleThreadExecutor();
                done = pool.submit(() -> impatient.inTransaction(c -> c.createStatement().executeUpdate(
                        "INSERT INTO bot_state (key, value, updated_at) VALUES ('k', 'v', 0)")));
                pool.shutdown();
                Thread.sleep(250); // longer than the busy timeout: the first attempt fails with SQLITE_BUSY
                lock.rollback();
                lock.setAutoCommit(true);
            }
            assertEquals(1, done.get(30, TimeUnit.SECONDS));
            assertEquals(Optional.of("v"), new BotStateRepository(holder).get("k"));
        }
    }

    @Test
    void aWriterBlockedForGoodGetsAClearError() throws Exception {
        try (Database holder = Database.open(StoreFixtures.url(dir));
             Database impatient = Database.open(StoreFixtures.url(dir), 50);
             Connection lock = holder.connection()) {
            lock.setAutoCommit(false);
            StoreException e = assertThrows(StoreException.class, () -> new BotStateRepository(impatient).put("k", "v"));
            assertTrue(e.getMessage().contains("busy"), e.getMessage());
            lock.rollback();
            lock.setAutoCommit(true);
        }
    }

    static String pragma(Connection c, String name) throws SQLException {
        return query(c, "PRAGMA " + name);
    }

    static String query(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }

    private static Set<String> appTables(Connection c) throws SQLException {
        Set<String> tables = new java.util.HashSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'"
                        + " AND name NOT LIKE 'flyway%'")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }
}
