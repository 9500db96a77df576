package dev.spotlink.domain;

import java.time.Instant;

/**
 * A chat user's linked Spotify account, with its tokens decrypted. {@code toString} masks the tokens.
 *
 * @param clientId        the Spotify app (client id) that issued these tokens
 * @param scopes          space-separated scopes Spotify granted
 * @param sharingEnabled  whether others may see this user's playback ({@code /privacy}); default true
 */
public record LinkedAccount(
        long id,
        ChatUser user,
        String spotifyAccountId,
        String displayName,
        String clientId,
        String accessToken,
        String refreshToken,
        Instant expiresAt,
        String scopes,
        Instant linkedAt,
        AccountStatus status,
        boolean sharingEnabled) {

    /** Display name, or the account id when Spotify has none. */
    public String shownName() {
        return displayName == null || displayName.isBlank() ? spotifyAccountId : displayName;
    }

    @Override
    public String toString() {
        return "LinkedAccount[id=" + id + ", user=" + user + ", spotifyAccountId=" + spotifyAccountId
                + ", clientId=" + clientId + ", status=" + status + ", expiresAt=" + expiresAt
                + ", accessToken=<masked>, refreshToken=<masked>]";
    }
}
