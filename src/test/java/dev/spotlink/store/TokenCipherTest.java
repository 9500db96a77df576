package dev.spotlink.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenCipherTest {

    private static final String AAD = "linked_accounts|discord|42|access_token";

    @TempDir
    Path dir;

    @Test
    void roundTripsWithAFreshNonceEachTime() {
        TokenCipher cipher = TokenCipher.loadOrCreate(dir.resolve("k.key"));
        byte[] first = cipher.encrypt("BQD-secret-token", AAD);
        byte[] second = cipher.encrypt("BQD-secret-token", AAD);
        assertFalse(java.util.Arrays.equals(first, second));
        assertFalse(java.util.Arrays.equals(java.util.Arrays.copyOfRange(first, 1, 13),
                java.util.Arrays.copyOfRange(second, 1, 13)), "nonces must differ");
        assertEquals(1 + 12 + "BQD-secret-token".length() + 16, first.length);
        assertEquals("BQD-secret-token", cipher.decrypt(first, AAD));
        assertEquals("BQD-secret-token", cipher.decrypt(second, AAD));
        assertEquals("Ünïcödé ✓", cipher.decrypt(cipher.encrypt("Ünïcödé ✓", AAD), AAD));
    }

    @Test
    void otherAssociatedDataDoesNotDecrypt() {
        TokenCipher cipher = TokenCipher.loadOrCreate(dir.resolve("k.key"));
        byte[] sealed = cipher.encrypt("secret", AAD);
        StoreException e = assertThrows(StoreException.class,
                () -> cipher.decrypt(sealed, "linked_accounts|discord|43|access_token"));
        assertTrue(e.getMessage().contains("cannot be decrypted"), e.getMessage());
        assertFalse(e.getMessage().contains("secret"));
        // the thread's cipher is used again after the failure
        assertEquals("secret", cipher.decrypt(sealed, AAD));
        assertEquals("next", cipher.decrypt(cipher.encrypt("next", AAD), AAD));
    }

    @Test
    void manyThreadsEncryptAndDecryptAtOnce() throws Exception {
        TokenCipher cipher = TokenCipher.loadOrCreate(dir.resolve("k.key"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                String value = "token-" + i;
                results.add(pool.submit(() -> {
                    for (int round = 0; round < 50; round++) {
                        if (!value.equals(cipher.decrypt(cipher.encrypt(value, AAD), AAD))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertTrue(result.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anotherKeyFailsWithAMessageNamingItsFile() {
        TokenCipher a = TokenCipher.loadOrCreate(dir.resolve("a.key"));
        Path bFile = dir.resolve("b.key");
        TokenCipher b = TokenCipher.loadOrCreate(bFile);
        StoreException e = assertThrows(StoreException.class, () -> b.decrypt(a.encrypt("secret", AAD), AAD));
        assertTrue(e.getMessage().contains(bFile.toAbsolutePath().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("wrong or replaced key file"), e.getMessage());
    }

    @Test
    void tamperedOrMalformedValuesAreRejected() {
        TokenCipher cipher = TokenCipher.loadOrCreate(dir.resolve("k.key"));
        byte[] sealed = cipher.encrypt("secret", AAD);
        sealed[sealed.length - 20] ^= 1;
        assertThrows(StoreException.class, () -> cipher.decrypt(sealed, AAD));
        assertThrows(StoreException.class, () -> cipher.decrypt(new byte[5], AAD));
        byte[] otherFormat = cipher.encrypt("secret", AAD);
        otherFormat[0] = 9;
        assertThrows(StoreException.class, () -> cipher.decrypt(otherFormat, AAD));
    }

    @Test
    void createsA32ByteOwnerOnlyKeyFileAndReusesIt() throws Exception {
        Path file = dir.resolve("deep/data/spotlink.key");
        TokenCipher first = TokenCipher.loadOrCreate(file);
        assertEquals(32, Files.size(file));
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
        byte[] key = Files.readAllBytes(file);
        TokenCipher again = TokenCipher.loadOrCreate(file);
        assertArrayEquals(key, Files.readAllBytes(file));
        assertEquals("x", again.decrypt(first.encrypt("x", AAD), AAD));
        try (var files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList(), "no temp file left behind");
        }
    }

    @Test
    void wrongSizeKeyFileIsReportedWithItsPath() throws Exception {
        Path file = dir.resolve("short.key");
        Files.write(file, new byte[16]);
        StoreException e = assertThrows(StoreException.class, () -> TokenCipher.loadOrCreate(file));
        assertTrue(e.getMessage().contains(file.toAbsolutePath().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("16 bytes") && e.getMessage().contains("32"), e.getMessage());
        assertEquals(16, Files.size(file), "a bad key file is never overwritten");
    }

    @Test
    void concurrentCreatorsEndUpWithOneKey() throws Exception {
        Path file = dir.resolve("race.key");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<TokenCipher>> futures = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            futures.add(pool.submit(() -> {
                start.await();
                return TokenCipher.loadOrCreate(file);
            }));
        }
        start.countDown();
        byte[] sealed = futures.get(0).get(30, TimeUnit.SECONDS).encrypt("x", AAD);
        for (Future<TokenCipher> f : futures) {
            assertEquals("x", f.get(30, TimeUnit.SECONDS).decrypt(sealed, AAD));
        }
        pool.shutdown();
    }

    @Test
    void toStringShowsNoKey() {
        Path file = dir.resolve("k.key");
        assertEquals("TokenCipher[keyFile=" + file.toAbsolutePath() + "]", TokenCipher.loadOrCreate(file).toString());
    }
}
