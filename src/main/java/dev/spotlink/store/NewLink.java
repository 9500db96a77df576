package dev.spotlink.store;

import dev.spotlink.domain.ChatUser;
import java.time.Instant;

/** What a completed callback stores for a chat user (replacing any earlier link of that user). */
public record NewLink(
        ChatUser user,
        String spotifyAccountId,
        String displayName,
        String clientId,
        String accessToken,
        String refreshToken,
        Instant expiresAt,
        String scopes) {

    @Override
    public String toString() {
        return "NewLink[user=" + user + ", spotifyAccountId=" + spotifyAccountId + ", clientId=" + clientId
                + ", tokens=<masked>]";
    }
}
