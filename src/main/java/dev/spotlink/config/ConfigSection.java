package dev.spotlink.config;

import java.util.Optional;

/**
 * The groups {@link ConfigKey}s are documented in, in the order of {@code docs/configuration.md} and
 * {@code config.example.properties}. The intros are Markdown that also reads as plain text.
 */
public enum ConfigSection {
    SPOTIFY("Spotify", null, """
            The first three keys are required. Create an app at https://developer.spotify.com/dashboard, tick
            "Web API", and copy its Client ID and Client secret here. Guide: docs/spotify-app.md."""),
    SERVER("Callback server", null, """
            The embedded HTTP server that receives Spotify's OAuth callback (and, when turned on, Telegram
            webhooks and `/metrics`). Behind a reverse proxy: docs/server.md."""),
    STORAGE("Storage", null, """
            Where linked accounts live, and the key that encrypts their Spotify tokens."""),
    LINK("Linking", null, """
            How `/link` connects a member's Spotify account (docs/spotify-app.md)."""),
    CACHE("Image cache", null, """
            Cover art and Spotify code images, used by the now-playing and share cards."""),
    COMMANDS("Commands", null, """
            Commands that call Spotify (/nowplaying, /share, /recent, /top, /listening) are limited per user by
            a token bucket: all users share your Spotify app's rate limit, so this keeps one user (or their
            script) from using it up. Each user may send `command.burst` of them at once, then one more every
            `command.refill`; a person asking for a few things in a row never notices, and someone over the
            limit is told when to try again (no Spotify call is made for them). Each user has their own
            allowance: one user's flood never holds back another. Commands that do not call Spotify (/help,
            /link, /privacy...) are never held back. Telegram inline queries reuse recent answers."""),
    DISCORD("Discord", "discord.token", """
            Optional: set `discord.token` to turn the Discord bot on. Create an application at
            https://discord.com/developers/applications, add a bot, copy its token. Guide: docs/discord.md."""),
    TELEGRAM("Telegram", "telegram.token", """
            Optional: set `telegram.token` to turn the Telegram bot on. Create a bot with @BotFather and copy
            the token it gives you. Guide: docs/telegram.md."""),
    SCALE("Discord shards and Telegram webhooks", null, """
            For more than one process (see docs/scale.md). One process needs none of these."""),
    OWN_APP("Bring your own Spotify app", null, """
            A Spotify app in development mode serves only 5 accounts; members can then link through a Spotify
            app of their own (PKCE, no secret), and you, the admin, get a note (docs/spotify-app.md)."""),
    POSTGRES("PostgreSQL", null, """
            Optional: only with a `jdbc:postgresql://` `database.url`, for running several Spotlink processes on
            one database. Move an existing SQLite database over with
            `java -jar spotlink.jar migrate-to jdbc:postgresql://... --user U --password-env VAR`."""),
    METRICS("Metrics", null, """
            Optional: `GET /metrics` on the callback server, in Prometheus text format. The callback server may
            face the internet: leave this off, or set `metrics.token` (or only let your reverse proxy forward
            /callback). See docs/performance.md.""");

    private final String title;
    private final String switchKey;
    private final String intro;

    ConfigSection(String title, String switchKey, String intro) {
        this.title = title;
        this.switchKey = switchKey;
        this.intro = intro;
    }

    /** The heading, e.g. {@code Callback server}. */
    public String title() {
        return title;
    }

    /** The key whose value turns this section's feature on, if any (shown uncommented in the example file). */
    public Optional<String> switchKey() {
        return Optional.ofNullable(switchKey);
    }

    /** A short paragraph (Markdown, wrapped lines) introducing the section. */
    public String intro() {
        return intro;
    }
}
