package dev.spotlink.config;

import java.util.Locale;
import java.util.Optional;

/**
 * Every key Spotlink reads, with its default and environment variable. The order here is the order of
 * problems and of {@link ConfigPrinter} output.
 */
public enum ConfigKey {
    SPOTIFY_CLIENT_ID("spotify.client-id", null, true, false),
    SPOTIFY_CLIENT_SECRET("spotify.client-secret", null, true, true),
    SPOTIFY_REDIRECT_URI("spotify.redirect-uri", null, true, false),
    SPOTIFY_ACCOUNTS_URL("spotify.accounts-url", "https://accounts.spotify.com", false, false),
    SPOTIFY_API_URL("spotify.api-url", "https://api.spotify.com/v1", false, false),
    SPOTIFY_CODES_URL("spotify.codes-url", "https://scannables.scdn.co", false, false),
    SERVER_HOST("server.host", "127.0.0.1", false, false),
    SERVER_PORT("server.port", "8080", false, false),
    SERVER_TRUST_PROXY("server.trust-proxy", null, false, false),
    DATABASE_URL("database.url", "jdbc:sqlite:data/spotlink.db", false, false),
    DATABASE_USER("database.user", null, false, false),
    DATABASE_PASSWORD("database.password", null, false, true),
    DATABASE_POOL_SIZE("database.pool-size", "10", false, false),
    SECURITY_KEY_FILE("security.key-file", "data/spotlink.key", false, false),
    LINK_TTL("link.ttl", "10m", false, false),
    LINK_OWN_APP("link.own-app", "true", false, false),
    LINK_PASTE_BACK("link.paste-back", "auto", false, false),
    SPOTIFY_EXTENDED_QUOTA("spotify.extended-quota", "false", false, false),
    CACHE_MEMORY_BYTES("cache.memory-bytes", "32MiB", false, false),
    CACHE_DISK("cache.disk", "false", false, false),
    CACHE_DISK_BYTES("cache.disk-bytes", "256MiB", false, false),
    CACHE_PLAYBACK_TTL("cache.playback-ttl", "5s", false, false),
    COMMAND_BURST("command.burst", "5", false, false),
    COMMAND_REFILL("command.refill", "2s", false, false),
    /** Deprecated: the old name of {@link #COMMAND_REFILL}, still read when that is not set. */
    COMMAND_COOLDOWN("command.cooldown", null, false, false),
    DISCORD_TOKEN("discord.token", null, false, true),
    DISCORD_API_URL("discord.api-url", "https://discord.com/api/v10/", false, false),
    DISCORD_GATEWAY_URL("discord.gateway-url", "wss://gateway.discord.gg/", false, false),
    DISCORD_DEV_GUILD_ID("discord.dev-guild-id", null, false, false),
    DISCORD_ADMIN_CHANNEL_ID("discord.admin-channel-id", null, false, false),
    TELEGRAM_TOKEN("telegram.token", null, false, true),
    TELEGRAM_API_URL("telegram.api-url", "https://api.telegram.org", false, false),
    DISCORD_SHARDS("discord.shards", "auto", false, false),
    DISCORD_SHARD_IDS("discord.shard-ids", null, false, false),
    TELEGRAM_MODE("telegram.mode", "polling", false, false),
    TELEGRAM_WEBHOOK_URL("telegram.webhook-url", null, false, false),
    TELEGRAM_WEBHOOK_SECRET("telegram.webhook-secret", null, false, true),
    TELEGRAM_ADMIN_CHAT_ID("telegram.admin-chat-id", null, false, false),
    METRICS_ENABLED("metrics.enabled", "false", false, false),
    METRICS_TOKEN("metrics.token", null, false, true);

    /** Names the config file; Main reads it, so the loader must not call it an unknown variable. */
    public static final String CONFIG_PATH_ENV = "SPOTLINK_CONFIG";

    private final String key;
    private final String defaultValue;
    private final boolean required;
    private final boolean secret;

    ConfigKey(String key, String defaultValue, boolean required, boolean secret) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.required = required;
        this.secret = secret;
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
        return required;
    }

    /** Secret values are never echoed: not in problems, not by {@link ConfigPrinter}. */
    public boolean secret() {
        return secret;
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
