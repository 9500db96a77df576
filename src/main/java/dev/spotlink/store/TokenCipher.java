package dev.spotlink.store;

import java.nio.file.Path;

/**
 * AES-256-GCM encryption of tokens at rest. A fresh 96-bit nonce per value; associated data binds a
 * ciphertext to its row and column so it cannot be moved to another row.
 */
public final class TokenCipher {

    /**
     * Loads the 32-byte key from {@code keyFile}, or creates it (mode 0600, parent folders too) when absent.
     */
    public static TokenCipher loadOrCreate(Path keyFile) {
        throw new UnsupportedOperationException("store helper");
    }

    /** Encrypts; output = nonce || ciphertext+tag. */
    public byte[] encrypt(String plaintext, String associatedData) {
        throw new UnsupportedOperationException("store helper");
    }

    /** Decrypts; a wrong key or moved ciphertext throws {@link StoreException} with a clear message. */
    public String decrypt(byte[] ciphertext, String associatedData) {
        throw new UnsupportedOperationException("store helper");
    }
}
