package dev.spotlink.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM encryption of tokens at rest. A fresh 96-bit nonce per value; associated data binds a
 * ciphertext to its row and column so it cannot be moved to another row.
 *
 * <p>Main opens it with {@link #openFor(Database, Path)}, which also checks that the key belongs to the database.
 * Thread-safe.
 */
public final class TokenCipher {

    /** Format byte in front of every ciphertext, so a later key rotation can tell formats (or key ids) apart. */
    private static final byte FORMAT_V1 = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int MIN_LENGTH = 1 + NONCE_BYTES + TAG_BITS / 8;

    private final SecretKeySpec key;
    private final Path keyFile;
    private final SecureRandom random = new SecureRandom();
    /**
     * One cipher per thread, initialised anew for every value: {@code Cipher.getInstance} searches the providers
     * each time and cost more than the decryption itself (each command reads an account's two tokens).
     */
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(TokenCipher::newCipher);

    /** @param keyBytes 32 bytes, copied */
    TokenCipher(byte[] keyBytes, Path keyFile) {
        if (keyBytes.length != KeyFiles.KEY_BYTES) {
            throw new IllegalArgumentException("AES-256 needs a 32-byte key");
        }
        this.key = new SecretKeySpec(keyBytes, "AES");
        this.keyFile = keyFile.toAbsolutePath();
    }

    /**
     * Loads the 32-byte key from {@code keyFile}, or creates it (mode 0600, parent folders too) when absent.
     * Does not check the key against any database: prefer {@link #openFor(Database, Path)}.
     */
    public static TokenCipher loadOrCreate(Path keyFile) {
        byte[] bytes = KeyFiles.loadOrCreate(keyFile);
        try {
            return new TokenCipher(bytes, keyFile);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** The key in an existing {@code keyFile}; never creates one. */
    static TokenCipher load(Path keyFile) {
        byte[] bytes = KeyFiles.load(keyFile.toAbsolutePath());
        try {
            return new TokenCipher(bytes, keyFile);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /**
     * Loads or creates the key and checks it against {@code database}: the first start stores an encrypted marker
     * in {@code bot_state}; later starts must decrypt it. Throws a {@link StoreException} naming the key file when
     * the key is not the one the database was set up with, or when the key file is missing while the database
     * still holds linked accounts (a new key would silently make every stored token unreadable). A missing key
     * file with no linked accounts is replaced by a new key (pending /link requests are dropped).
     */
    public static TokenCipher openFor(Database database, Path keyFile) {
        return KeyCheck.open(database, keyFile, Clock.systemUTC());
    }

    /** The absolute path of the key file, for messages to the admin. */
    public Path keyFile() {
        return keyFile;
    }

    /** Encrypts; output = format byte || nonce || ciphertext+tag. */
    public byte[] encrypt(String plaintext, String associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length)
                    .put(FORMAT_V1).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /** Decrypts; a wrong key or moved ciphertext throws {@link StoreException} with a clear message. */
    public String decrypt(byte[] ciphertext, String associatedData) {
        if (ciphertext == null || ciphertext.length < MIN_LENGTH || ciphertext[0] != FORMAT_V1) {
            throw new StoreException("Stored value " + associatedData + " is not in a known encrypted format");
        }
        try {
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, ciphertext, 1, NONCE_BYTES));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(ciphertext, 1 + NONCE_BYTES, ciphertext.length - 1 - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            // GCM authenticates before releasing anything: a wrong key or moved value never yields garbage
            throw new StoreException("Stored value " + associatedData + " cannot be decrypted with the key in "
                    + keyFile + " — wrong or replaced key file (or the value was copied from another row)?", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "TokenCipher[keyFile=" + keyFile + "]";
    }
}
