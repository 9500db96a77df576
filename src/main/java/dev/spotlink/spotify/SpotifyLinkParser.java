package dev.spotlink.spotify;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses what users paste: {@code https://open.spotify.com/intl-de/track/ID?si=...}, {@code spotify:track:ID},
 * {@code spotify:user:NAME}, with or without angle brackets around it.
 *
 * <p>Accepted hosts are {@code open.spotify.com} and {@code play.spotify.com}, with {@code https://},
 * {@code http://} or no scheme. Short links ({@code spotify.link}, {@code spoti.fi}) give empty: resolving them
 * would need a request to a third party.
 */
public final class SpotifyLinkParser {

    // Longer input is not a link anyone pasted; refusing it early keeps parsing cheap.
    private static final int MAX_LENGTH = 2048;
    private static final Pattern BASE62_ID = Pattern.compile("[0-9A-Za-z]{22}");
    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern LOCALE_SEGMENT = Pattern.compile("intl-[a-z]{2}(-[a-z]{2})?",
            Pattern.CASE_INSENSITIVE);

    private SpotifyLinkParser() {
    }

    /** The entity, or empty when the text is not a Spotify link/URI of a supported type. Never throws. */
    public static Optional<SpotifyUri> parse(String text) {
        if (text == null || text.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String s = text.strip();
        if (s.startsWith("<") && s.endsWith(">")) {
            // Discord users wrap links in <...> to suppress the embed.
            s = s.substring(1, s.length() - 1).strip();
        }
        if (s.isEmpty() || s.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            return Optional.empty();
        }
        return s.regionMatches(true, 0, "spotify:", 0, 8) ? parseUri(s.substring(8)) : parseWebLink(s);
    }

    /** {@code track:ID}, {@code user:NAME}, and the legacy {@code user:NAME:playlist:ID}. */
    private static Optional<SpotifyUri> parseUri(String rest) {
        String[] parts = rest.split(":", -1);
        if (parts.length == 4 && parts[0].equalsIgnoreCase("user") && parts[2].equalsIgnoreCase("playlist")) {
            return entity(parts[2], parts[3]);
        }
        return parts.length == 2 ? entity(parts[0], parts[1]) : Optional.empty();
    }

    private static Optional<SpotifyUri> parseWebLink(String s) {
        String rest = stripScheme(s);
        if (rest == null) {
            return Optional.empty();
        }
        int end = indexOfAny(rest, "/?#");
        String host = (end < 0 ? rest : rest.substring(0, end)).toLowerCase(Locale.ROOT);
        if (host.endsWith(":443") || host.endsWith(":80")) {
            host = host.substring(0, host.lastIndexOf(':'));
        }
        if (!host.equals("open.spotify.com") && !host.equals("play.spotify.com")) {
            return Optional.empty();
        }
        String path = end < 0 ? "" : rest.substring(end);
        int queryStart = indexOfAny(path, "?#");
        if (queryStart >= 0) {
            path = path.substring(0, queryStart);
        }
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        if (!segments.isEmpty() && LOCALE_SEGMENT.matcher(segments.get(0)).matches()) {
            segments.remove(0);
        }
        if (!segments.isEmpty() && segments.get(0).equals("embed")) {
            segments.remove(0);
        }
        if (segments.size() == 4 && segments.get(0).equals("user") && segments.get(2).equals("playlist")) {
            // Legacy https://open.spotify.com/user/NAME/playlist/ID: the playlist is what was shared.
            return entity(segments.get(2), segments.get(3));
        }
        return segments.size() == 2 ? entity(segments.get(0), segments.get(1)) : Optional.empty();
    }

    /** The text after {@code https://} or {@code http://}; the text itself if it has no scheme; else null. */
    private static String stripScheme(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.startsWith("https://")) {
            return s.substring(8);
        }
        if (lower.startsWith("http://")) {
            return s.substring(7);
        }
        return lower.contains("://") ? null : s;
    }

    private static Optional<SpotifyUri> entity(String typeName, String rawId) {
        SpotifyUri.Type type = typeOf(typeName);
        if (type == null) {
            return Optional.empty();
        }
        if (type == SpotifyUri.Type.USER) {
            String name = percentDecode(rawId);
            return name != null && USER_NAME.matcher(name).matches()
                    ? Optional.of(new SpotifyUri(type, name)) : Optional.empty();
        }
        return BASE62_ID.matcher(rawId).matches() ? Optional.of(new SpotifyUri(type, rawId)) : Optional.empty();
    }

    private static SpotifyUri.Type typeOf(String name) {
        for (SpotifyUri.Type type : SpotifyUri.Type.values()) {
            if (type.path().equalsIgnoreCase(name)) {
                return type;
            }
        }
        return null;
    }

    /** Strict %XX decoding (no '+' to space: this is a path); null when malformed. */
    private static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '%') {
                if (c > 0x7f) {
                    return null;
                }
                out.write(c);
                continue;
            }
            if (i + 2 >= s.length()) {
                return null;
            }
            int hi = Character.digit(s.charAt(i + 1), 16);
            int lo = Character.digit(s.charAt(i + 2), 16);
            if (hi < 0 || lo < 0) {
                return null;
            }
            out.write(hi * 16 + lo);
            i += 2;
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
