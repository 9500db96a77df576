package dev.spotlink.spotify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** A PKCE pair: random verifier (43+ chars, base64url) and its S256 challenge. */
public record Pkce(String verifier, String challenge) {

    // 48 random bytes encode to exactly 64 base64url characters (RFC 7636 allows 43..128).
    private static final int VERIFIER_BYTES = 48;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A fresh pair from SecureRandom. */
    public static Pkce generate() {
        byte[] bytes = new byte[VERIFIER_BYTES];
        RANDOM.nextBytes(bytes);
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return new Pkce(verifier, challengeOf(verifier));
    }

    /** base64url(SHA-256(verifier)) without padding. */
    public static String challengeOf(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    @Override
    public String toString() {
        return "Pkce[verifier=<masked>, challenge=" + challenge + "]";
    }
}
