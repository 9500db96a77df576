package dev.spotlink.spotify;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Spotify client ids as members paste them: 32 hexadecimal characters, which Spotify writes in lower case. */
public final class SpotifyClientIds {

    private static final Pattern CLIENT_ID = Pattern.compile("[0-9a-f]{32}");

    private SpotifyClientIds() {
    }

    /** The client id in Spotify's spelling (trimmed, lower case), or empty when it cannot be one. */
    public static Optional<String> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String candidate = text.strip().toLowerCase(Locale.ROOT);
        return CLIENT_ID.matcher(candidate).matches() ? Optional.of(candidate) : Optional.empty();
    }
}
