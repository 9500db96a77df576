package dev.spotlink.config;

import static dev.spotlink.config.ConfigKey.Kind.OPTIONAL;
import static dev.spotlink.config.ConfigKey.Kind.REQUIRED;
import static dev.spotlink.config.ConfigKey.Kind.REQUIRED_SECRET;
import static dev.spotlink.config.ConfigKey.Kind.SECRET;
import static dev.spotlink.config.ConfigSection.CACHE;
import static dev.spotlink.config.ConfigSection.COMMANDS;
import static dev.spotlink.config.ConfigSection.DISCORD;
import static dev.spotlink.config.ConfigSection.LINK;
import static dev.spotlink.config.ConfigSection.METRICS;
import static dev.spotlink.config.ConfigSection.OWN_APP;
import static dev.spotlink.config.ConfigSection.POSTGRES;
import static dev.spotlink.config.ConfigSection.SCALE;
import static dev.spotlink.config.ConfigSection.SERVER;
import static dev.spotlink.config.ConfigSection.SPOTIFY;
import static dev.spotlink.config.ConfigSection.STORAGE;
import static dev.spotlink.config.ConfigSection.TELEGRAM;

import java.util.Locale;
import java.util.Optional;

/**
 * Every key Spotlink reads: its default, whether it is required or secret, its section and its meaning for admins.
 * This is the one registry: {@code docs/configuration.md} and {@code config.example.properties} are generated from
 * it (a test fails when they differ). The order here is the order of problems and of {@link ConfigPrinter} output.
 * Meanings are Markdown that also reads as plain text: wrapped lines, code in backticks.
 */
public enum ConfigKey {
    SPOTIFY_CLIENT_ID(SPOTIFY, "spotify.client-id", null, REQUIRED, """
            Client ID of your Spotify app (no spaces).
            Example: `spotify.client-id=0123456789abcdef0123456789abcdef`"""),
    SPOTIFY_CLIENT_SECRET(SPOTIFY, "spotify.client-secret", null, REQUIRED_SECRET, """
            Client secret of your Spotify app (no spaces)."""),
    SPOTIFY_REDIRECT_URI(SPOTIFY, "spotify.redirect-uri", null, REQUIRED, """
            The public URL of Spotlink's OAuth callback. Register exactly the same URL as a Redirect URI in your
            Spotify app. Spotlink serves the callback at this URL's path (e.g. /callback; not /health).
            Rules (Spotify's):

            - https for anything reachable from the internet, e.g. https://bot.example.org/callback
              (behind a reverse proxy that forwards to server.host:server.port);
            - or, on a machine without a domain, plain http with the loopback IP literal:
              http://127.0.0.1:8080/callback (or http://[::1]:8080/callback). The port should match
              server.port. Members' browsers then end on an error page, whose address they send the bot
              (see link.paste-back).
            - `localhost` is refused by Spotify: write 127.0.0.1 instead. No #fragment.

            Example: `spotify.redirect-uri=http://127.0.0.1:8080/callback`"""),
    SPOTIFY_ACCOUNTS_URL(SPOTIFY, "spotify.accounts-url", "https://accounts.spotify.com", OPTIONAL, """
            Spotify accounts service (authorize and token endpoints). Change only for a proxy or tests."""),
    SPOTIFY_API_URL(SPOTIFY, "spotify.api-url", "https://api.spotify.com/v1", OPTIONAL, """
            Spotify Web API base. Change only for a proxy or tests."""),
    SPOTIFY_CODES_URL(SPOTIFY, "spotify.codes-url", "https://scannables.scdn.co", OPTIONAL, """
            Spotify code images (scannable barcodes). Change only for a proxy or tests."""),
    SERVER_HOST(SERVER, "server.host", "127.0.0.1", OPTIONAL, """
            Address the embedded HTTP server listens on. 127.0.0.1 = this machine only (fine for local use or
            behind a reverse proxy on the same host); 0.0.0.0 = all interfaces (the Docker image sets this)."""),
    SERVER_PORT(SERVER, "server.port", "8080", OPTIONAL, """
            Port of the embedded HTTP server, 0..65535 (0 = any free port, for tests)."""),
    SERVER_TRUST_PROXY(SERVER, "server.trust-proxy", null, OPTIONAL, """
            Reverse proxies whose X-Forwarded-For header is believed: IP addresses and CIDR ranges (IPv4 and
            IPv6), separated by commas. Not set = no header is believed. Behind a proxy every request arrives
            from the proxy's address; listing it here lets the callback server's per-address limit (on made-up
            callbacks) see each visitor's own address instead: the right-most X-Forwarded-For entry that is not
            itself a listed proxy is the client. Requests from any other address are judged by their own
            address, whatever headers they send. List only your own proxies.
            Examples: `127.0.0.1, ::1` (a proxy on this host); `172.16.0.0/12` (a proxy container on a Docker
            network)."""),
    DATABASE_URL(STORAGE, "database.url", "jdbc:sqlite:data/spotlink.db", OPTIONAL, """
            JDBC URL of the database: `jdbc:sqlite:<file>` (a relative path is relative to the working
            directory) or `jdbc:postgresql://<host>[:port]/<database>` to share one database between processes
            (see the PostgreSQL section). Credentials in the URL are masked when it is printed."""),
    DATABASE_USER(POSTGRES, "database.user", null, OPTIONAL, """
            Login of the PostgreSQL user (it may also be in the URL as ?user=...). Not allowed with SQLite.
            Example: `database.user=spotlink`"""),
    DATABASE_PASSWORD(POSTGRES, "database.password", null, SECRET, """
            Password of that user. Prefer the environment variable over writing it here. Not allowed with
            SQLite."""),
    DATABASE_POOL_SIZE(POSTGRES, "database.pool-size", "10", OPTIONAL, """
            Most connections this process opens (HikariCP pool), 2..100. Up to half of them may wait on token
            refreshes (each refresh holds one while it calls Spotify), so keep it at 4 or more. Not allowed
            with SQLite."""),
    SECURITY_KEY_FILE(STORAGE, "security.key-file", "data/spotlink.key", OPTIONAL, """
            File holding the 32-byte key that encrypts the stored Spotify tokens; created (mode 0600) on first
            run. Back it up together with the database: without it the stored links cannot be used.
            `java -jar spotlink.jar rotate-key` re-encrypts every token under a new key."""),
    LINK_TTL(LINK, "link.ttl", "10m", OPTIONAL, """
            How long a /link authorize link stays valid, between 1m and 24h.
            Forms: 30s, 10m, 1h, 90 (seconds), or ISO-8601 such as PT10M."""),
    LINK_OWN_APP(OWN_APP, "link.own-app", "true", OPTIONAL, """
            Let members link through their own Spotify app (/link app:`<client id>`; /link app:own shows the
            steps). They are offered it when your app already serves 5 Spotify accounts or Spotify refuses them
            (403). true or false."""),
    LINK_PASTE_BACK(LINK, "link.paste-back", "auto", OPTIONAL, """
            Members finish /link by sending the bot the address their browser ended on (an error page: with a
            loopback redirect URI, Spotify sends each browser to its own machine). /link says so before the
            click; Telegram takes the address in the private chat, Discord in a form behind a button, the
            console as a typed line. `auto` = on exactly when spotify.redirect-uri is a loopback address
            (127.0.0.1, [::1]); `on`; `off`."""),
    SPOTIFY_EXTENDED_QUOTA(OWN_APP, "spotify.extended-quota", "false", OPTIONAL, """
            Only if Spotify granted your app extended quota (no longer in development mode): then it has no
            5-account cap, and members are never sent to their own app for that reason. true or false."""),
    CACHE_MEMORY_BYTES(CACHE, "cache.memory-bytes", "32MiB", OPTIONAL, """
            Most memory the cached images may take (least recently used go first). 0 = no memory cache.
            Recently drawn cards (all but the progress bar) are kept too, up to the same amount again: the next
            /nowplaying of a track then draws only its progress bar. Sizes: a number of bytes, or with a unit:
            KiB, MiB, GiB (binary; also k, m, g as in -Xmx) or KB, MB, GB (decimal). At most 4GiB (it lives in
            the JVM heap)."""),
    CACHE_DISK(CACHE, "cache.disk", "false", OPTIONAL, """
            Also keep images on disk, in the folder `cache` beside security.key-file (data/cache by default,
            /data/cache in the Docker image), so they survive a restart. true or false."""),
    CACHE_DISK_BYTES(CACHE, "cache.disk-bytes", "256MiB", OPTIONAL, """
            Most disk space the cached image files may take (oldest go first), 1MiB to 1TiB. Used only with
            cache.disk=true."""),
    CACHE_PLAYBACK_TTL(CACHE, "cache.playback-ttl", "5s", OPTIONAL, """
            How long what a member plays is reused by /nowplaying, /listening and inline mode before Spotify is
            asked again: /listening in a busy group then costs each member one Web API call, not one per
            command. Between 0 (ask every time) and 60s. Forms: 5s, 0, or ISO-8601 such as PT2.5S."""),
    COMMAND_BURST(COMMANDS, "command.burst", "5", OPTIONAL, """
            How many commands that call Spotify a user may send at once: 1 to 100."""),
    COMMAND_REFILL(COMMANDS, "command.refill", "2s", OPTIONAL, """
            Time after which a user may send one more (the pace once the burst is used up). Between 0 (no
            limit) and 60s. Forms: 2s, 1m, 5 (seconds), 0, or ISO-8601 such as PT0.5S."""),
    COMMAND_COOLDOWN(COMMANDS, "command.cooldown", null, OPTIONAL, """
            Deprecated: the old name of command.refill (it used to be a fixed pause between two commands).
            Still read as command.refill when that key is not set, with a warning in the log; setting both is
            an error. Rename it."""),
    DISCORD_TOKEN(DISCORD, "discord.token", null, SECRET, """
            Bot token (the token only, without "Bot ", no spaces). Empty = Discord off."""),
    DISCORD_API_URL(DISCORD, "discord.api-url", "https://discord.com/api/v10/", OPTIONAL, """
            Discord REST API base, including the API version and a trailing slash (added if missing)."""),
    DISCORD_GATEWAY_URL(DISCORD, "discord.gateway-url", "wss://gateway.discord.gg/", OPTIONAL, """
            Discord gateway (websocket) URL; ws://, wss://, http:// or https://."""),
    DISCORD_DEV_GUILD_ID(DISCORD, "discord.dev-guild-id", null, OPTIONAL, """
            Also register the slash commands in this one server (guild), where changes show up at once - handy
            while trying things. Numeric id: turn on Developer Mode, right-click the server, Copy Server ID.
            Example: `discord.dev-guild-id=123456789012345678`"""),
    DISCORD_ADMIN_CHANNEL_ID(OWN_APP, "discord.admin-channel-id", null, OPTIONAL, """
            A Discord text channel for notes to you, the admin (e.g. "your Spotify app is full: a member was
            offered their own app"). Numeric id: Developer Mode on, right-click the channel, Copy Channel ID.
            The bot must be in that server and allowed to send messages there. Notes always go to the log as
            well. Example: `discord.admin-channel-id=123456789012345678`"""),
    TELEGRAM_TOKEN(TELEGRAM, "telegram.token", null, SECRET, """
            Bot token, like `123456789:AAEhBP0av28hZ3...` (digits, a colon, then at least 20 letters, digits,
            _ or -). Empty = Telegram off."""),
    TELEGRAM_API_URL(TELEGRAM, "telegram.api-url", "https://api.telegram.org", OPTIONAL, """
            Bot API server, without trailing slash (a local Bot API server, or tests)."""),
    DISCORD_SHARDS(SCALE, "discord.shards", "auto", OPTIONAL, """
            How many Discord shards the bot uses: `auto` (Discord's recommendation, read at start) or a number
            from 1 to 16384. Processes that split the shards (discord.shard-ids) must all set the same number."""),
    DISCORD_SHARD_IDS(SCALE, "discord.shard-ids", null, OPTIONAL, """
            The shards this process runs: ids and ranges separated by commas, from 0 to discord.shards - 1,
            e.g. 0-3 or 0,2. Not set = all shards. Needs a fixed discord.shards. The process running shard 0
            registers the slash commands. Example: `discord.shard-ids=0-3`"""),
    TELEGRAM_MODE(SCALE, "telegram.mode", "polling", OPTIONAL, """
            How Telegram updates arrive: `polling` (this process asks Telegram; with several processes on one
            database only one polls at a time, the others stand by and take over if it stops) or `webhook`
            (Telegram posts them to this server under /telegram/...; any process behind the proxy can take
            them)."""),
    TELEGRAM_WEBHOOK_URL(SCALE, "telegram.webhook-url", null, OPTIONAL, """
            Webhook mode (required with telegram.mode=webhook): the public https address of this server as
            Telegram reaches it (your reverse proxy), without a path to the webhook itself; Spotlink adds
            `/telegram/<secret path>`. Plain http only for 127.0.0.1.
            Example: `telegram.webhook-url=https://bot.example.org`"""),
    TELEGRAM_WEBHOOK_SECRET(SCALE, "telegram.webhook-secret", null, SECRET, """
            Webhook mode: the secret Telegram sends with every update (X-Telegram-Bot-Api-Secret-Token); 1 to
            256 characters of A-Z a-z 0-9 _ -. Not set = derived from the bot token, the same in every
            process."""),
    TELEGRAM_ADMIN_CHAT_ID(OWN_APP, "telegram.admin-chat-id", null, OPTIONAL, """
            A Telegram chat for the same notes: your own user id, or a group's or channel's id (negative, e.g.
            -1001234567890) where the bot may post. Not a @username.
            Example: `telegram.admin-chat-id=-1001234567890`"""),
    METRICS_ENABLED(METRICS, "metrics.enabled", "false", OPTIONAL, """
            Serve /metrics: commands by name and outcome, command latency histograms, Spotify API calls by
            endpoint and status, token refreshes, image cache hits and misses, rate-limit waits, JVM memory and
            threads. true or false."""),
    METRICS_TOKEN(METRICS, "metrics.token", null, SECRET, """
            When set, /metrics answers 401 unless the request carries "Authorization: Bearer `<token>`"; not
            set = no token needed. At least 16 characters, no spaces (e.g. `openssl rand -hex 24`).""");

    /** Names the config file; Main reads it, so the loader must not call it an unknown variable. */
    public static final String CONFIG_PATH_ENV = "SPOTLINK_CONFIG";

    /** Whether a key must be set and whether its value is a secret. */
    enum Kind {
        OPTIONAL, REQUIRED, SECRET, REQUIRED_SECRET
    }

    private final ConfigSection section;
    private final String key;
    private final String defaultValue;
    private final Kind kind;
    private final String meaning;

    ConfigKey(ConfigSection section, String key, String defaultValue, Kind kind, String meaning) {
        this.section = section;
        this.key = key;
        this.defaultValue = defaultValue;
        this.kind = kind;
        this.meaning = meaning;
    }

    /** The key as written in the properties file, e.g. {@code spotify.client-id}. */
    public String key() {
        return key;
    }

    /** {@code SPOTLINK_} + the key upper-cased with {@code .} and {@code -} turned into {@code _}. */
    public String envName() {
        return envNameOf(key);
    }

    public Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    public boolean required() {
        return kind == Kind.REQUIRED || kind == Kind.REQUIRED_SECRET;
    }

    /** Secret values are never echoed: not in problems, not by {@link ConfigPrinter}. */
    public boolean secret() {
        return kind == Kind.SECRET || kind == Kind.REQUIRED_SECRET;
    }

    /** The group this key is documented in. */
    public ConfigSection section() {
        return section;
    }

    /** What the key does, for admins: Markdown-flavoured plain text with wrapped lines. */
    public String meaning() {
        return meaning;
    }

    /** The known key with this exact name. */
    public static Optional<ConfigKey> byKey(String key) {
        for (ConfigKey k : values()) {
            if (k.key.equals(key)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    static String envNameOf(String key) {
        return "SPOTLINK_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
