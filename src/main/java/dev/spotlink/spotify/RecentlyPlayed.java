package dev.spotlink.spotify;

import java.time.Instant;

/** The latest entry of {@code GET /me/player/recently-played?limit=1}. */
public record RecentlyPlayed(PlayableItem item, Instant playedAt) {
}
