package dev.spotlink.config;

import static dev.spotlink.config.ConfigKey.*;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the effective configuration as {@code key = value} lines (for a start-up log or a support request).
 * Secrets only ever go through {@link Secret#toString()}, which prints {@code <masked>}.
 */
public final class ConfigPrinter {

    private static final String NOT_SET = "(not set)";

    private ConfigPrinter() {
    }

    private static String ids(List<Integer> ids) {
        return String.join(",", ids.stream().map(String::valueOf).toList());
    }

    /** The lines of {@link #lines(SpotlinkConfig)} joined with newlines. */
    public static String describe(SpotlinkConfig config) {
        return String.join("\n", lines(config));
    }

    /** A comment naming the source file, then one {@code key = value} line per key, in {@link ConfigKey} order. */
    public static List<String> lines(SpotlinkConfig config) {
        Map<ConfigKey, String> shown = new EnumMap<>(ConfigKey.class);
        SpotifyConfig spotify = config.spotify();
        shown.put(SPOTIFY_CLIENT_ID, spotify.clientId());
        shown.put(SPOTIFY_CLIENT_SECRET, String.valueOf(spotify.clientSecret()));
        shown.put(SPOTIFY_REDIRECT_URI, String.valueOf(spotify.redirectUri()));
        shown.put(SPOTIFY_ACCOUNTS_URL, spotify.accountsUrl());
        shown.put(SPOTIFY_API_URL, spotify.apiUrl());
        shown.put(SPOTIFY_CODES_URL, spotify.codesUrl());
        shown.put(SERVER_HOST, config.server().host());
        shown.put(SERVER_PORT, Integer.toString(config.server().port()));
        shown.put(SERVER_TRUST_PROXY, config.server().trustProxy().isEmpty() ? NOT_SET + " (no proxy trusted)"
                : config.server().trustProxy().toString());
        shown.put(DATABASE_URL, config.database().redactedUrl());
        shown.put(DATABASE_USER, config.database().user().orElse(NOT_SET));
        shown.put(DATABASE_PASSWORD, config.database().password().map(String::valueOf).orElse(NOT_SET));
        shown.put(DATABASE_POOL_SIZE, config.database().poolSize()
                + (config.database().isPostgres() ? "" : " (unused: SQLite)"));
        shown.put(SECURITY_KEY_FILE, String.valueOf(config.security().keyFile()));
        shown.put(LINK_TTL, ConfigValues.formatDuration(config.link().ttl()));
        shown.put(LINK_OWN_APP, Boolean.toString(config.link().ownApp()));
        shown.put(LINK_PASTE_BACK, config.link().pasteBack() ? "on" : "off");
        shown.put(SPOTIFY_EXTENDED_QUOTA, Boolean.toString(config.link().extendedQuota()));
        shown.put(CACHE_MEMORY_BYTES, ConfigValues.formatBytes(config.cache().memoryBytes()));
        shown.put(CACHE_DISK, config.cache().disk() ? "true -> " + config.imageCacheDirectory() : "false");
        shown.put(CACHE_DISK_BYTES, ConfigValues.formatBytes(config.cache().diskBytes()));
        shown.put(CACHE_PLAYBACK_TTL, config.cache().playbackTtl().isZero() ? "0s (off)"
                : ConfigValues.formatDuration(config.cache().playbackTtl()));
        shown.put(COMMAND_BURST, Integer.toString(config.command().burst()));
        shown.put(COMMAND_REFILL, config.command().refill().isZero() ? "0s (off)"
                : ConfigValues.formatDuration(config.command().refill()));
        shown.put(COMMAND_COOLDOWN, "(deprecated: read as command.refill)");
        config.discord().ifPresentOrElse(d -> {
            shown.put(DISCORD_TOKEN, String.valueOf(d.token()));
            shown.put(DISCORD_API_URL, d.apiUrl());
            shown.put(DISCORD_GATEWAY_URL, d.gatewayUrl());
            shown.put(DISCORD_DEV_GUILD_ID, d.devGuildId().orElse(NOT_SET));
            shown.put(DISCORD_SHARDS, d.shards().total().isPresent()
                    ? Integer.toString(d.shards().total().getAsInt()) : "auto");
            shown.put(DISCORD_SHARD_IDS, d.shards().ids().map(ConfigPrinter::ids).orElse("(all)"));
            shown.put(DISCORD_ADMIN_CHANNEL_ID, d.adminChannelId().orElse(NOT_SET));
        }, () -> shown.put(DISCORD_TOKEN, NOT_SET + " -> Discord off"));
        config.telegram().ifPresentOrElse(t -> {
            shown.put(TELEGRAM_TOKEN, String.valueOf(t.token()));
            shown.put(TELEGRAM_API_URL, t.apiUrl());
            shown.put(TELEGRAM_MODE, t.webhook().isPresent() ? "webhook" : "polling");
            shown.put(TELEGRAM_WEBHOOK_URL, t.webhook().map(w -> w.publicUrl().toString()).orElse(NOT_SET));
            shown.put(TELEGRAM_WEBHOOK_SECRET, t.webhook().map(w -> w.secret().map(String::valueOf)
                    .orElse("(derived from the token)")).orElse(NOT_SET));
            shown.put(TELEGRAM_ADMIN_CHAT_ID, t.adminChatId().map(String::valueOf).orElse(NOT_SET));
        }, () -> shown.put(TELEGRAM_TOKEN, NOT_SET + " -> Telegram off"));
        shown.put(METRICS_ENABLED, config.metrics().enabled() ? "true -> GET /metrics" : "false");
        shown.put(METRICS_TOKEN, config.metrics().token().map(String::valueOf).orElse(NOT_SET));

        List<String> lines = new ArrayList<>();
        lines.add("# effective configuration (file: " + config.source() + ")");
        shown.forEach((key, value) -> lines.add(key.key() + " = " + value));
        return List.copyOf(lines);
    }
}
