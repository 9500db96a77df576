package dev.spotlink.spotify;

import java.time.Instant;

/** One entry of {@code GET /me/player/recently-played}: what was played, and when it finished. */
public record RecentlyPlayed(PlayableItem item, Instant playedAt) {
}
