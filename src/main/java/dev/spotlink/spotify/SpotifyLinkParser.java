package dev.spotlink.spotify;

import java.util.Optional;

/**
 * Parses what users paste: {@code https://open.spotify.com/intl-de/track/ID?si=...}, {@code spotify:track:ID},
 * {@code spotify:user:NAME}, with or without angle brackets around it.
 */
public final class SpotifyLinkParser {

    private SpotifyLinkParser() {
    }

    /** The entity, or empty when the text is not a Spotify link/URI of a supported type. Never throws. */
    public static Optional<SpotifyUri> parse(String text) {
        throw new UnsupportedOperationException("spotify helper");
    }
}
