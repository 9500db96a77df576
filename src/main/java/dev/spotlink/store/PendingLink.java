package dev.spotlink.store;

import dev.spotlink.domain.ChatUser;
import java.time.Instant;

/**
 * A /link in progress. Only the SHA-256 hash of the {@code state} is stored; the PKCE verifier is encrypted.
 *
 * @param stateHash    hex SHA-256 of the state sent to Spotify
 * @param codeVerifier PKCE verifier (decrypted)
 * @param clientId     Spotify client id the authorize link was issued for
 * @param locale       language tag of the user who asked, for the later confirmation message
 */
public record PendingLink(
        String stateHash,
        ChatUser user,
        String codeVerifier,
        String clientId,
        String locale,
        Instant createdAt,
        Instant expiresAt) {

    @Override
    public String toString() {
        return "PendingLink[user=" + user + ", clientId=" + clientId + ", expiresAt=" + expiresAt
                + ", codeVerifier=<masked>]";
    }
}
