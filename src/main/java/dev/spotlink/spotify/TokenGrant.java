package dev.spotlink.spotify;

import java.time.Instant;

/**
 * Tokens from the accounts service. {@code refreshToken} is null when a refresh returned none (keep the old one).
 */
public record TokenGrant(String accessToken, String refreshToken, Instant expiresAt, String scope) {
    @Override
    public String toString() {
        return "TokenGrant[expiresAt=" + expiresAt + ", scope=" + scope + ", tokens=<masked>]";
    }
}
