package dev.spotlink.spotify;

import java.util.List;

/**
 * A track or episode as the commands show it.
 *
 * @param type        "track" or "episode"
 * @param uri         Spotify URI; null for local files
 * @param artists     track artists, or the show's publisher for an episode
 * @param collection  album name (track) or show name (episode)
 * @param coverUrl    largest image URL, or null
 * @param webUrl      open.spotify.com URL, or null for local files
 */
public record PlayableItem(
        String type,
        String uri,
        String name,
        List<String> artists,
        String collection,
        String coverUrl,
        long durationMs,
        boolean local,
        String webUrl) {
}
