package dev.spotlink.store;

import dev.spotlink.domain.ChatUser;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rotate-key}: every token and verifier re-encrypted under a new key in one transaction, the old key kept
 * as a 0600 backup, and a rotation cut off at any step repaired on the next start.
 */
class KeyRotationTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);
    private static final ChatUser ALICE = StoreFixtures.discord("alice");
    private static final ChatUser BOB = StoreFixtures.discord("bob");

    @TempDir
    Path dir;

    private Path keyFile;
    private String url;

    @BeforeEach
    void setUp() {
        keyFile = dir.resolve("spotlink.key");
        url = StoreFixtures.url(dir);
        try (Database db = Database.open(url)) {
            TokenCipher cipher = TokenCipher.openFor(db, keyFile);
            LinkedAccountRepository accounts = new LinkedAccountRepository(db, cipher, CLOCK);
            accounts.save(StoreFixtures.newLink(ALICE, "alice-access", "alice-refresh"), StoreFixtures.NOW);
            accounts.save(StoreFixtures.newLink(BOB, "bob-access", "bob-refresh"), StoreFixtures.NOW);
            PendingLinkRepository pending = new PendingLinkRepository(db, cipher);
            Instant expires = StoreFixtures.NOW.plusSeconds(600);
            pending.insert(StoreFixtures.pendingLink("hash-1", ALICE, "verifier-one", expires));
            pending.insert(StoreFixtures.pendingLink("hash-2", BOB, "verifier-two", expires));
        }
    }

    @Test
    void everyValueMovesToTheNewKeyAndTheOldKeyIsKeptAsA0600Backup() throws Exception {
        byte[] oldKey = Files.readAllBytes(keyFile);

        KeyRotation.Result result = KeyRotation.rotate(url, keyFile, CLOCK);

        assertEquals(2, result.accounts());
        assertEquals(2, result.pendingLinks());
        assertEquals(keyFile.toAbsolutePath(), result.keyFile());
        assertEquals(dir.resolve("spotlink.key.bak-20261128T120000Z").toAbsolutePath(), result.backupFile());
        assertArrayEquals(oldKey, Files.readAllBytes(result.backupFile()), "the backup is the old key");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(result.backupFile())));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
        assertFalse(java.util.Arrays.equals(oldKey, Files.readAllBytes(keyFile)), "a new key");
        assertFalse(Files.exists(KeyFiles.pendingFile(keyFile)), "no leftover");

        try (Database db = Database.open(url)) {
            TokenCipher rotated = TokenCipher.openFor(db, keyFile);
            LinkedAccountRepository accounts = new LinkedAccountRepository(db, rotated, CLOCK);
            assertEquals("alice-refresh", accounts.find(ALICE).orElseThrow().refreshToken());
            assertEquals("bob-access", accounts.find(BOB).orElseThrow().accessToken());
            assertEquals("verifier-two", claim(db, rotated, "hash-2").codeVerifier());

            TokenCipher old = new TokenCipher(oldKey, keyFile);
            assertThrows(StoreException.class, () -> new LinkedAccountRepository(db, old, CLOCK).findAll(),
                    "the old key no longer reads anything");
            assertThrows(StoreException.class, () -> claim(db, old, "hash-1"));
        }
    }

    @Test
    void aDatabaseInUseIsRefusedAndNothingChanges() throws Exception {
        byte[] key = Files.readAllBytes(keyFile);
        try (Database running = Database.open(url)) {
            StoreException e = assertThrows(StoreException.class, () -> KeyRotation.rotate(url, keyFile, CLOCK));
            assertTrue(e.getMessage().contains("in use") && e.getMessage().contains("stop the bot"), e.getMessage());
        }
        assertArrayEquals(key, Files.readAllBytes(keyFile));
        assertEquals(List.of("spotlink.db", "spotlink.key"), dataFiles(), "no backup, no new key");
    }

    @Test
    void cutOffAfterTheCommitTheNextStartPutsTheNewKeyInPlace() throws Exception {
        byte[] newKey = rotateWithoutTheFinalRename();

        try (Database db = Database.open(url)) {
            TokenCipher cipher = TokenCipher.openFor(db, keyFile); // finishes the rotation
            assertEquals("alice-access", new LinkedAccountRepository(db, cipher, CLOCK).find(ALICE).orElseThrow()
                    .accessToken());
        }
        assertArrayEquals(newKey, Files.readAllBytes(keyFile));
        assertFalse(Files.exists(KeyFiles.pendingFile(keyFile)));
    }

    @Test
    void cutOffBeforeTheCommitTheOldKeyStaysAndTheUnusedNewKeyGoes() throws Exception {
        byte[] oldKey = Files.readAllBytes(keyFile);
        java.util.Arrays.fill(KeyFiles.writePending(keyFile), (byte) 0);

        try (Database db = Database.open(url)) {
            TokenCipher cipher = TokenCipher.openFor(db, keyFile);
            assertEquals("bob-refresh", new LinkedAccountRepository(db, cipher, CLOCK).find(BOB).orElseThrow()
                    .refreshToken());
        }
        assertArrayEquals(oldKey, Files.readAllBytes(keyFile));
        assertFalse(Files.exists(KeyFiles.pendingFile(keyFile)));
    }

    @Test
    void aRotationCanFinishAnInterruptedOneAndRotatingTwiceKeepsBothBackups() throws Exception {
        rotateWithoutTheFinalRename();
        KeyRotation.rotate(url, keyFile, CLOCK);
        KeyRotation.rotate(url, keyFile, CLOCK);
        assertTrue(Files.exists(dir.resolve("spotlink.key.bak-20261128T120000Z")));
        assertTrue(Files.exists(dir.resolve("spotlink.key.bak-20261128T120000Z-2")), dataFiles().toString());
        try (Database db = Database.open(url)) {
            assertEquals(2, new LinkedAccountRepository(db, TokenCipher.openFor(db, keyFile), CLOCK).findAll().size());
        }
    }

    @Test
    void missingFilesAreExplained() {
        StoreException noDb = assertThrows(StoreException.class,
                () -> KeyRotation.rotate(StoreFixtures.url(dir.resolve("elsewhere")), keyFile, CLOCK));
        assertTrue(noDb.getMessage().contains("No database"), noDb.getMessage());
        StoreException noKey = assertThrows(StoreException.class,
                () -> KeyRotation.rotate(url, dir.resolve("other.key"), CLOCK));
        assertTrue(noKey.getMessage().contains("does not exist"), noKey.getMessage());
    }

    /** Steps 4 and 5 of a rotation (new key parked, data and marker committed), then "the power went out". */
    private byte[] rotateWithoutTheFinalRename() throws Exception {
        try (Database db = Database.open(url)) {
            TokenCipher current = TokenCipher.openFor(db, keyFile);
            byte[] newKey = KeyFiles.writePending(keyFile);
            TokenCipher next = new TokenCipher(newKey, keyFile);
            db.inTransaction(c -> {
                LinkedAccountRepository.reencrypt(c, current, next);
                PendingLinkRepository.reencrypt(c, current, next);
                KeyCheck.storeMarker(c, next, CLOCK.millis());
                return null;
            });
            return newKey;
        }
    }

    private static PendingLink claim(Database db, TokenCipher cipher, String stateHash) {
        ClaimResult result = new PendingLinkRepository(db, cipher).claim(stateHash, StoreFixtures.NOW);
        return ((ClaimResult.Claimed) result).link();
    }

    private List<String> dataFiles() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(name -> !name.endsWith("-wal") && !name.endsWith("-shm") && !name.endsWith(".lock"))
                    .sorted().toList();
        }
    }
}
