package dev.spotlink.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.spotlink.config.DatabaseConfig;
import dev.spotlink.testing.TestDatabases;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The refresh lock across two pools on one PostgreSQL database, as two processes hold it. */
class PostgresAdvisoryLockTest {

    private DatabaseConfig config;
    private Database first;
    private Database second;
    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @BeforeEach
    void open() {
        config = TestDatabases.freshPostgres();
        first = Database.open(config);
        second = Database.open(config);
    }

    @AfterEach
    void close() {
        pool.shutdownNow();
        second.close();
        first.close();
    }

    @Test
    void aSecondHolderOfTheSameAccountWaitsUntilTheFirstIsDone() throws Exception {
        RefreshLock a = RefreshLock.forDatabase(first);
        RefreshLock b = RefreshLock.forDatabase(second);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean secondRan = new AtomicBoolean();
        Future<?> holder = pool.submit(() -> a.underLock(7, () -> {
            holding.countDown();
            return release.await(30, TimeUnit.SECONDS);
        }));
        holding.await(30, TimeUnit.SECONDS);
        Future<?> waiter = pool.submit(() -> b.underLock(7, () -> secondRan.getAndSet(true)));
        awaitOneWaiter();

        assertFalse(secondRan.get(), "ran while the other process held the lock");
        assertEquals("other account", b.underLock(8, () -> "other account"), "other accounts are not blocked");
        release.countDown();
        holder.get(30, TimeUnit.SECONDS);
        waiter.get(30, TimeUnit.SECONDS);
        assertEquals(true, secondRan.get());
    }

    @Test
    void theWorksExceptionPassesThroughAndTheLockIsFreedAfterIt() throws Exception {
        RefreshLock a = RefreshLock.forDatabase(first);
        IOException thrown = new IOException("upstream down");

        assertSame(thrown, assertThrows(IOException.class, () -> a.underLock(9, () -> {
            throw thrown;
        })));
        // freed: the other pool gets it at once (a held lock would make this wait forever)
        assertEquals("next", pool.submit(() -> RefreshLock.forDatabase(second).underLock(9, () -> "next"))
                .get(30, TimeUnit.SECONDS));
    }

    @Test
    void sqliteHasNoCrossProcessLock(@TempDir Path dir) {
        try (Database sqlite = Database.open(StoreFixtures.url(dir))) {
            assertInstanceOf(RefreshLock.None.class, RefreshLock.forDatabase(sqlite));
        }
    }

    private void awaitOneWaiter() throws Exception {
        try (Connection c = TestDatabases.connect(config); Statement s = c.createStatement()) {
            while (true) {
                try (ResultSet rs = s.executeQuery(
                        "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")) {
                    rs.next();
                    if (rs.getInt(1) == 1) {
                        return;
                    }
                }
                Thread.sleep(10);
            }
        }
    }
}
