package dev.spotlink.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Closing the database: work in progress commits first, the WAL is folded into the file, the lock is released. */
class DatabaseShutdownTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(20)
    void closeLetsTheTransactionInProgressCommitThenCheckpoints() throws Exception {
        Database db = Database.open(StoreFixtures.url(dir));
        CountDownLatch inside = new CountDownLatch(1);
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO bot_state (key, value, updated_at) VALUES ('in-flight', 'v', 0)")) {
                ps.executeUpdate();
            }
            inside.countDown();
            sleep(300); // a slow transaction, still running when the shutdown comes
            return null;
        }));
        assertTrue(inside.await(5, TimeUnit.SECONDS));

        db.close();

        assertTrue(writer.isDone() && !writer.isCompletedExceptionally(), "it committed before the close");
        assertFalse(Files.exists(dir.resolve("spotlink.db-wal")), "WAL checkpointed and removed");
        assertThrows(StoreException.class, () -> db.withConnection(c -> null), "closed for new work");
        try (Database again = Database.open(StoreFixtures.url(dir))) {
            assertEquals("v", new BotStateRepository(again).get("in-flight").orElseThrow());
        }
    }

    @Test
    void theInUseLockIsHeldWhileOpenAndReleasedOnClose() {
        Path file = Database.databaseFile(StoreFixtures.url(dir));
        Database db = Database.open(StoreFixtures.url(dir));
        assertThrows(StoreException.class, () -> InUseLock.exclusive(file).close());
        db.close();
        InUseLock.exclusive(file).close();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
