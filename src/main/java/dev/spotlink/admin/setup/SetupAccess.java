package dev.spotlink.admin.setup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Who may use the set-up pages: whoever presents the one-time token printed on the console, once. Redeeming it
 * opens the single set-up session (a cookie from then on) with its own CSRF token; the printed link is then dead,
 * so a copy of it in a shell history or a browser's history opens nothing. Every comparison is constant-time.
 */
final class SetupAccess {

    /** 256 bits: well past the 128 the project requires of every one-time secret. */
    private static final int TOKEN_BYTES = 32;

    private final SecureRandom random;
    private String oneTimeToken;
    private String session;
    private String csrf;

    SetupAccess(SecureRandom random) {
        this.random = random;
        this.oneTimeToken = newToken();
    }

    /** The token for the printed link; it stays the same until redeemed (then it is gone for good). */
    synchronized String oneTimeToken() {
        return oneTimeToken;
    }

    /** A new session id when {@code presented} is the unused one-time token; the token is used up either way. */
    synchronized Optional<String> redeem(String presented) {
        if (oneTimeToken == null || presented == null || !same(oneTimeToken, presented)) {
            return Optional.empty();
        }
        oneTimeToken = null;
        session = newToken();
        csrf = newToken();
        return Optional.of(session);
    }

    synchronized boolean isSession(String cookie) {
        return session != null && cookie != null && same(session, cookie);
    }

    /** The CSRF token every form of the session carries. */
    synchronized String csrf() {
        return csrf;
    }

    synchronized boolean isCsrf(String presented) {
        return csrf != null && presented != null && same(csrf, presented);
    }

    private String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static boolean same(String expected, String presented) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }
}
