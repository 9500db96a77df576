package dev.spotlink.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ties a token key to a database: an encrypted marker in {@code bot_state} written on first use and decrypted on
 * every later start, so a replaced or lost key file is reported at start-up, naming the file, instead of as
 * undecryptable tokens one user at a time.
 */
final class KeyCheck {

    static final String STATE_KEY = "token_key_check";

    private static final Logger log = LoggerFactory.getLogger(KeyCheck.class);
    private static final String AAD = "bot_state|" + STATE_KEY;
    private static final String MARKER = "spotlink token key check v1";

    private KeyCheck() {
    }

    static TokenCipher open(Database database, Path keyFile, Clock clock) {
        Path file = keyFile.toAbsolutePath();
        BotStateRepository state = new BotStateRepository(database, clock);
        finishInterruptedRotation(file, state);
        if (Files.notExists(file)) {
            return replaceMissingKey(database, file, state);
        }
        TokenCipher cipher = TokenCipher.loadOrCreate(file);
        Optional<String> stored = state.get(STATE_KEY);
        if (stored.isPresent()) {
            verify(cipher, stored.get(), database);
            return cipher;
        }
        // First start on this database (or the marker was removed): any tokens already there must decrypt.
        try {
            new LinkedAccountRepository(database, cipher, clock).findAll();
        } catch (StoreException e) {
            if (e.getCause() instanceof java.sql.SQLException) {
                throw e; // a database problem, not a key problem
            }
            throw mismatch(file, database, e);
        }
        if (!state.putIfAbsent(STATE_KEY, marker(cipher))) {
            verify(cipher, state.get(STATE_KEY).orElseThrow(), database); // another process stored its marker first
        }
        return cipher;
    }

    private static TokenCipher replaceMissingKey(Database database, Path file, BotStateRepository state) {
        int accounts = LinkedAccountRepository.countAll(database);
        if (accounts > 0) {
            throw new StoreException("Key file " + file + " is missing, but database " + database.url() + " holds "
                    + accounts + " linked account(s) whose tokens only that key can decrypt. Restore the key file"
                    + " (e.g. from a backup) and start again. If it is lost for good, delete the database file:"
                    + " users then have to /link again.");
        }
        TokenCipher cipher = TokenCipher.loadOrCreate(file);
        if (state.get(STATE_KEY).isPresent()) {
            int dropped = new PendingLinkRepository(database, cipher).deleteAll();
            log.warn("Key file {} was missing; created a new key. The database held no linked accounts, so no tokens"
                    + " were lost; {} unfinished /link request(s) were dropped", file, dropped);
        }
        state.put(STATE_KEY, marker(cipher));
        return cipher;
    }

    /** Writes the marker for {@code cipher} inside the caller's transaction (key rotation). */
    static void storeMarker(Connection connection, TokenCipher cipher, long nowMillis) throws SQLException {
        BotStateRepository.put(connection, STATE_KEY, marker(cipher), nowMillis);
    }

    /**
     * A key rotation writes the new key to {@code <key>.new}, commits the re-encrypted data and the new marker in
     * one transaction, then renames the new key over the old one. Stopped in between, it left a {@code .new} file:
     * if the marker still fits the old key the commit never happened and the new key is useless (deleted); if it
     * fits the new key the commit happened and only the rename is missing (done now). Neither fitting is left to
     * the normal check, which names the key file.
     */
    private static void finishInterruptedRotation(Path file, BotStateRepository state) {
        Path pending = KeyFiles.pendingFile(file);
        if (Files.notExists(pending)) {
            return;
        }
        Optional<String> marker = state.get(STATE_KEY);
        if (marker.isEmpty() || (Files.exists(file) && fits(file, marker.get()))) {
            KeyFiles.deletePending(file);
            log.warn("Deleted {}, left by a key rotation that did not complete: the database still uses the key in {}",
                    pending, file);
        } else if (fits(pending, marker.get())) {
            KeyFiles.promotePending(file);
            log.warn("Completed an interrupted key rotation: the database already used the new key {}, which now"
                    + " replaces {} (the old key's backup is beside it)", pending, file);
        }
    }

    private static boolean fits(Path keyFile, String stored) {
        try {
            return matches(TokenCipher.load(keyFile), stored);
        } catch (StoreException e) {
            return false;
        }
    }

    private static boolean matches(TokenCipher cipher, String stored) {
        try {
            return MARKER.equals(cipher.decrypt(Base64.getDecoder().decode(stored), AAD));
        } catch (StoreException | IllegalArgumentException e) {
            return false;
        }
    }

    private static void verify(TokenCipher cipher, String stored, Database database) {
        String plain;
        try {
            plain = cipher.decrypt(Base64.getDecoder().decode(stored), AAD);
        } catch (StoreException | IllegalArgumentException e) {
            throw mismatch(cipher.keyFile(), database, e);
        }
        if (!MARKER.equals(plain)) {
            throw mismatch(cipher.keyFile(), database, null);
        }
    }

    private static String marker(TokenCipher cipher) {
        return Base64.getEncoder().encodeToString(cipher.encrypt(MARKER, AAD));
    }

    private static StoreException mismatch(Path file, Database database, Exception cause) {
        return new StoreException("The key in " + file + " is not the key database " + database.url()
                + " was set up with — wrong or replaced key file? Restore the original key file. If it is lost for"
                + " good, delete the database file: users then have to /link again.", cause);
    }
}
