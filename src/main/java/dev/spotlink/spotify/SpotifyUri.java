package dev.spotlink.spotify;

import java.util.Locale;
import java.util.Objects;

/**
 * A Spotify entity reference: type + id. Parsed from {@code open.spotify.com} links or {@code spotify:} URIs by
 * {@link SpotifyLinkParser}.
 */
public record SpotifyUri(Type type, String id) {

    /** Entity types that have Spotify codes and open.spotify.com pages. */
    public enum Type {
        TRACK, ALBUM, PLAYLIST, ARTIST, SHOW, EPISODE, USER;

        public String path() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public SpotifyUri {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
    }

    /** {@code spotify:track:ID}. */
    public String uri() {
        return "spotify:" + type.path() + ":" + id;
    }

    /** {@code https://open.spotify.com/track/ID}. */
    public String webUrl() {
        return "https://open.spotify.com/" + type.path() + "/" + id;
    }

    @Override
    public String toString() {
        return uri();
    }
}
