package dev.spotlink.spotify;

/** A PKCE pair: random verifier (43+ chars, base64url) and its S256 challenge. */
public record Pkce(String verifier, String challenge) {

    /** A fresh pair from SecureRandom. */
    public static Pkce generate() {
        throw new UnsupportedOperationException("spotify helper");
    }

    /** base64url(SHA-256(verifier)) without padding. */
    public static String challengeOf(String verifier) {
        throw new UnsupportedOperationException("spotify helper");
    }

    @Override
    public String toString() {
        return "Pkce[verifier=<masked>, challenge=" + challenge + "]";
    }
}
