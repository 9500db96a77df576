package dev.spotlink.spotify;

/**
 * From {@code GET /me/player/currently-playing?additional_types=episode}.
 *
 * @param kind  what {@code currently_playing_type} said
 * @param item  null for ads and unknown content
 */
public record NowPlaying(Kind kind, boolean playing, long progressMs, PlayableItem item) {

    /** {@code currently_playing_type}. */
    public enum Kind { TRACK, EPISODE, AD, UNKNOWN }
}
