package dev.spotlink.link;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The address Spotify sent a member's browser to ({@code http://127.0.0.1:PORT/callback?code=...&state=...}), as
 * the member copied it from the address bar: the query parameters a callback would have received. Its
 * {@link #toString()} never shows the code.
 *
 * @param code  the authorization code, or null
 * @param state the state, or null
 * @param error Spotify's error ({@code access_denied} when the member cancelled), or null
 */
public record CallbackAddress(String code, String state, String error) {

    /** Longer than any address Spotify redirects to; a longer text is not one. */
    static final int MAX_LENGTH = 4096;
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://");

    /**
     * The address in {@code text} if the whole text (surrounding whitespace aside) is one address whose path is
     * {@code callbackPath} and that carries a {@code state}, {@code code} or {@code error} parameter. Browsers that
     * hide the scheme copy it without, so {@code 127.0.0.1:8080/callback?...} counts too.
     */
    public static Optional<CallbackAddress> parse(String text, String callbackPath) {
        if (text == null || text.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String candidate = text.strip();
        if (candidate.isEmpty() || candidate.chars().anyMatch(Character::isWhitespace)) {
            return Optional.empty();
        }
        if (!SCHEME.matcher(candidate).find()) {
            candidate = "http://" + candidate;
        }
        URI uri;
        try {
            uri = new URI(candidate);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || !callbackPath.equals(uri.getRawPath())
                || uri.getRawQuery() == null) {
            return Optional.empty();
        }
        Map<String, String> query = query(uri.getRawQuery());
        if (query == null) {
            return Optional.empty();
        }
        CallbackAddress address = new CallbackAddress(query.get("code"), query.get("state"), query.get("error"));
        return address.code == null && address.state == null && address.error == null ? Optional.empty()
                : Optional.of(address);
    }

    /** The first value of each parameter, as a callback server reads them; null when the query is not decodable. */
    private static Map<String, String> query(String rawQuery) {
        Map<String, String> values = new HashMap<>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                values.putIfAbsent(name, value);
            } catch (IllegalArgumentException e) {
                return null; // a broken %-escape
            }
        }
        return values;
    }

    @Override
    public String toString() {
        return "CallbackAddress[code=" + (code == null ? "none" : "<masked>") + ", state="
                + (state == null ? "none" : "<masked>") + ", error=" + (error == null ? "none" : "<present>") + "]";
    }
}
