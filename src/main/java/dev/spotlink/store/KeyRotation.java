package dev.spotlink.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code rotate-key}: re-encrypts every stored token and PKCE verifier under a new key.
 *
 * <p>Order, chosen so that a crash at any point leaves the old key with the old data or the new key with the
 * new data (never a mix), and the bot repairs the in-between state on its next start ({@link KeyCheck}):
 * <ol>
 *   <li>take the database's in-use lock exclusively: no bot may run (it would keep writing with the old key);
 *   <li>check the current key against the database (and finish any earlier interrupted rotation);
 *   <li>copy the current key to {@code <key>.bak-<UTC time>} (0600, synced);
 *   <li>write the new key to {@code <key>.new} (0600, synced, folder synced);
 *   <li>one transaction: re-encrypt every value and replace the key-check marker — the commit point;
 *   <li>checkpoint the WAL so the commit is in the database file on disk;
 *   <li>rename {@code <key>.new} over the key file (atomic, folder synced).
 * </ol>
 * A crash before 5 commits leaves {@code .new} beside an unchanged database: the next start deletes it. A crash
 * after 5 leaves the database on the new key and {@code .new} not yet renamed: the next start renames it.
 */
public final class KeyRotation {

    private static final Logger log = LoggerFactory.getLogger(KeyRotation.class);

    /**
     * What a rotation did.
     *
     * @param accounts     linked accounts re-encrypted (two tokens each)
     * @param pendingLinks pending links whose PKCE verifier was re-encrypted
     */
    public record Result(Path keyFile, Path backupFile, int accounts, int pendingLinks) {
    }

    private KeyRotation() {
    }

    /**
     * Rotates the key of the database at {@code jdbcUrl}, whose current key is in {@code keyFile}.
     *
     * @throws StoreException when the database is in use, the key does not fit it, or a step fails (the message
     *                        says what state things are in)
     */
    public static Result rotate(String jdbcUrl, Path keyFile, Clock clock) {
        if (DatabaseEngine.of(jdbcUrl) == DatabaseEngine.POSTGRESQL) {
            // the SQLite file lock is what proves no bot runs; PostgreSQL has no such proof from here
            throw new StoreException("rotate-key works on SQLite databases only: on PostgreSQL it cannot make sure"
                    + " that no Spotlink process still writes with the old key. Keep the key file as it is.");
        }
        Path databaseFile = Database.databaseFile(jdbcUrl).toAbsolutePath();
        Path file = keyFile.toAbsolutePath();
        if (Files.notExists(databaseFile)) {
            throw new StoreException("No database at " + databaseFile + ": nothing to re-encrypt (check database.url)");
        }
        if (Files.notExists(file) && Files.notExists(KeyFiles.pendingFile(file))) {
            throw new StoreException("Key file " + file + " does not exist: nothing to rotate (check"
                    + " security.key-file; the bot creates the key on its first start)");
        }
        try (InUseLock exclusive = InUseLock.exclusive(databaseFile);
             Database database = Database.open(jdbcUrl, Database.BUSY_TIMEOUT_MILLIS, false)) {
            TokenCipher current = KeyCheck.open(database, file, clock);
            Path backup = KeyFiles.backup(file, clock.instant());
            byte[] newKey = KeyFiles.writePending(file);
            TokenCipher next;
            try {
                next = new TokenCipher(newKey, file);
            } finally {
                Arrays.fill(newKey, (byte) 0);
            }
            long now = clock.millis();
            Counts counts = database.inTransaction(c -> {
                int accounts = LinkedAccountRepository.reencrypt(c, current, next);
                int pending = PendingLinkRepository.reencrypt(c, current, next);
                KeyCheck.storeMarker(c, next, now);
                return new Counts(accounts, pending);
            });
            if (!database.checkpoint()) {
                throw new StoreException("Re-encrypted " + databaseFile + ", but could not checkpoint it to disk; the"
                        + " new key stays in " + KeyFiles.pendingFile(file) + " and the next start puts it in place");
            }
            KeyFiles.promotePending(file);
            verify(database, file, clock);
            log.info("Rotated the token key {}: {} account(s), {} pending link(s); old key in {}", file,
                    counts.accounts(), counts.pending(), backup);
            return new Result(file, backup, counts.accounts(), counts.pending());
        }
    }

    private record Counts(int accounts, int pending) {
    }

    /** Everything must now decrypt with the key file as it is on disk. */
    private static void verify(Database database, Path file, Clock clock) {
        TokenCipher rotated = KeyCheck.open(database, file, clock);
        new LinkedAccountRepository(database, rotated, clock).findAll();
    }
}
