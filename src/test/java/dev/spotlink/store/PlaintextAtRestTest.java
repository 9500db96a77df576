package dev.spotlink.store;

import dev.spotlink.domain.ChatUser;
import static dev.spotlink.store.StoreFixtures.NOW;
import static dev.spotlink.store.StoreFixtures.discord;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scans the raw database and WAL files: tokens and PKCE verifiers must only ever be written encrypted. */
class PlaintextAtRestTest {

    @TempDir
    Path dir;

    @Test
    void noTokenOrVerifierIsEverWrittenInPlaintext() throws Exception {
        Path dbFile = dir.resolve("spotlink.db");
        Path walFile = dir.resolve("spotlink.db-wal");
        String run = UUID.randomUUID().toString().replace("-", "");
        List<String> secrets = new ArrayList<>();
        // not secret: proves the scan can see what was written
        String canary = "VisibleDisplayName" + run;

        Database db = Database.open("jdbc:sqlite:" + dbFile);
        try {
            TokenCipher cipher = TokenCipher.openFor(db, dir.resolve("spotlink.key"));
            LinkedAccountRepository accounts = new LinkedAccountRepository(db, cipher);
            PendingLinkRepository pending = new PendingLinkRepository(db, cipher);
            for (int i = 0; i < 5; i++) {
                String access = "BQAccessToken" + i + run;
                String refresh = "AQRefreshToken" + i + run;
                String verifier = "PkceVerifier" + i + run;
                secrets.addAll(List.of(access, refresh, verifier));
                ChatUser user = discord("user" + i);
                long id = accounts.save(new NewLink(user, "spotify" + i, canary, "client", access, refresh,
                        NOW.plus(Duration.ofHours(1)), "scope"), NOW).id();
                String newAccess = "BQRefreshedAccess" + i + run;
                String newRefresh = "AQRotatedRefresh" + i + run;
                secrets.addAll(List.of(newAccess, newRefresh));
                accounts.updateTokens(id, NOW, newAccess, newRefresh, NOW.plus(Duration.ofHours(2)), null);
                pending.insert(StoreFixtures.pendingLink("state" + i + run, user, verifier,
                        NOW.plus(Duration.ofMinutes(10))));
                pending.claim("state" + i + run, NOW);
            }

            // Before close nothing has been checkpointed (the keeper connection holds the WAL open):
            // every write so far sits in the -wal file.
            byte[] wal = Files.readAllBytes(walFile);
            byte[] main = Files.readAllBytes(dbFile);
            assertTrue(contains(wal, canary.getBytes(StandardCharsets.UTF_8)), "the scan must see the WAL's data");
            assertNoSecret(secrets, "WAL before checkpoint", wal);
            assertNoSecret(secrets, "database before checkpoint", main);
        } finally {
            db.close();
        }

        byte[] main = Files.readAllBytes(dbFile);
        assertTrue(contains(main, canary.getBytes(StandardCharsets.UTF_8)), "close must checkpoint into the file");
        assertNoSecret(secrets, "database after checkpoint", main);
        if (Files.exists(walFile)) {
            assertNoSecret(secrets, "WAL after checkpoint", Files.readAllBytes(walFile));
        }
    }

    private static void assertNoSecret(List<String> secrets, String where, byte[] bytes) {
        for (String secret : secrets) {
            for (Charset charset : List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
                assertFalse(contains(bytes, secret.getBytes(charset)), secret + " found (" + charset + ") in " + where);
            }
            byte[] base64 = Base64.getEncoder().encode(secret.getBytes(StandardCharsets.UTF_8));
            assertFalse(contains(bytes, java.util.Arrays.copyOf(base64, 24)), secret + " found (base64) in " + where);
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
