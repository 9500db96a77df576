package dev.spotlink.config;

import java.nio.file.Path;

/** The short guide printed when Spotlink starts with no configuration at all. */
public final class FirstRunGuide {

    private FirstRunGuide() {
    }

    /** Plain text naming {@code configFile} (absolute) and the few steps to a working config. */
    public static String text(Path configFile) {
        Path absolute = configFile.toAbsolutePath().normalize();
        return String.join(System.lineSeparator(),
                "Spotlink is not configured yet: config file not found at " + absolute,
                "",
                "To set it up:",
                "  1. Create a Spotify app at https://developer.spotify.com/dashboard and register its redirect URI",
                "     exactly, e.g. http://127.0.0.1:8080/callback for local use (Spotify refuses `localhost`;",
                "     a public bot needs https, e.g. https://bot.example.org/callback).",
                "  2. Copy config.example.properties to " + absolute,
                "     and fill in spotify.client-id, spotify.client-secret and spotify.redirect-uri.",
                "  3. Optionally set discord.token and/or telegram.token to turn on those chat platforms.",
                "  4. Run `java -jar target/spotlink.jar` again.",
                "Or let the set-up page in your browser do all of this: java -jar target/spotlink.jar setup",
                "",
                "Instead of the file you can set SPOTLINK_* environment variables (spotify.client-id ->",
                "SPOTLINK_SPOTIFY_CLIENT_ID, ...); --config FILE or SPOTLINK_CONFIG picks another config file.");
    }
}
