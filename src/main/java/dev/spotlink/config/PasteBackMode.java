package dev.spotlink.config;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * {@code link.paste-back}: whether members may finish a link by sending the bot the address their browser was
 * redirected to. Needed when the redirect URI is a loopback address: Spotify then sends each member's browser to
 * their own machine, where nothing answers, and only the address bar still holds the code.
 */
public enum PasteBackMode {
    /** On exactly when {@code spotify.redirect-uri} is a loopback address. */
    AUTO,
    ON,
    OFF;

    private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "[::1]", "::1", "localhost");

    /** {@code auto}, {@code on} or {@code off}, any case. */
    static PasteBackMode parse(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "auto" -> AUTO;
            case "on" -> ON;
            case "off" -> OFF;
            default -> throw new IllegalArgumentException("must be auto, on or off");
        };
    }

    /** Whether paste-back is on with this redirect URI (null when it did not bind: then AUTO counts as off). */
    boolean enabledFor(URI redirectUri) {
        return switch (this) {
            case ON -> true;
            case OFF -> false;
            case AUTO -> redirectUri != null && isLoopback(redirectUri);
        };
    }

    /** 127.0.0.1, [::1] or localhost: a browser following such a redirect reaches its own machine. */
    public static boolean isLoopback(URI uri) {
        String host = uri.getHost();
        return host != null && LOOPBACK_HOSTS.contains(host.toLowerCase(Locale.ROOT));
    }
}
