package dev.spotlink.store;

import dev.spotlink.domain.ChatUser;
import dev.spotlink.domain.Platform;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Shared test data: always a temp-file database (an in-memory URL would leave the migrations untested). */
final class StoreFixtures {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private StoreFixtures() {
    }

    static String url(Path dir) {
        return "jdbc:sqlite:" + dir.resolve("spotlink.db");
    }

    static ChatUser discord(String id) {
        return new ChatUser(Platform.DISCORD, id);
    }

    static NewLink newLink(ChatUser user, String accessToken, String refreshToken) {
        return new NewLink(user, "spotify-" + user.userId(), "Name " + user.userId(), "client-1", accessToken,
                refreshToken, NOW.plus(1, ChronoUnit.HOURS), "user-read-currently-playing user-read-recently-played");
    }

    static PendingLink pendingLink(String stateHash, ChatUser user, String verifier, Instant expiresAt) {
        return new PendingLink(stateHash, user, verifier, "client-1", "ru", NOW, expiresAt);
    }
}
