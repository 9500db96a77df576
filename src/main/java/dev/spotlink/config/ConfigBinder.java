package dev.spotlink.config;

import static dev.spotlink.config.ConfigKey.*;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns raw key values into the config records, collecting a problem for every missing or invalid value instead
 * of stopping at the first.
 */
final class ConfigBinder {

    /** A set (non-blank, trimmed) value and where it came from; {@code envVar} is null for the file. */
    record Raw(String value, String envVar) {
    }

    private static final int MAX_ECHO = 120;
    private static final Logger log = LoggerFactory.getLogger(ConfigBinder.class);

    private final Map<ConfigKey, Raw> values;
    private final List<String> problems = new ArrayList<>();

    ConfigBinder(Map<ConfigKey, Raw> values) {
        this.values = values;
    }

    List<String> problems() {
        return problems;
    }

    /** The config, or empty when any value had a problem (see {@link #problems()}). */
    Optional<SpotlinkConfig> bind(Path source) {
        String clientId = required(SPOTIFY_CLIENT_ID, ConfigValues::noSpaces);
        Secret clientSecret = required(SPOTIFY_CLIENT_SECRET, v -> new Secret(ConfigValues.noSpaces(v)));
        URI redirectUri = required(SPOTIFY_REDIRECT_URI, ConfigValues::redirectUri);
        String accountsUrl = withDefault(SPOTIFY_ACCOUNTS_URL, ConfigValues::httpBaseUrl);
        String apiUrl = withDefault(SPOTIFY_API_URL, ConfigValues::httpBaseUrl);
        String codesUrl = withDefault(SPOTIFY_CODES_URL, ConfigValues::httpBaseUrl);
        String host = withDefault(SERVER_HOST, ConfigValues::noSpaces);
        Integer port = withDefault(SERVER_PORT, ConfigValues::port);
        TrustedProxies trustProxy = optional(SERVER_TRUST_PROXY, TrustedProxies::parse).orElse(TrustedProxies.NONE);
        DatabaseConfig database = database();
        Path keyFile = withDefault(SECURITY_KEY_FILE, ConfigValues::path);
        Duration ttl = withDefault(LINK_TTL, ConfigValues::ttl);
        Boolean ownApp = withDefault(LINK_OWN_APP, ConfigValues::bool);
        PasteBackMode pasteBack = withDefault(LINK_PASTE_BACK, PasteBackMode::parse);
        Boolean extendedQuota = withDefault(SPOTIFY_EXTENDED_QUOTA, ConfigValues::bool);
        Long memoryBytes = withDefault(CACHE_MEMORY_BYTES, ConfigValues::memoryBytes);
        Boolean disk = withDefault(CACHE_DISK, ConfigValues::bool);
        Long diskBytes = withDefault(CACHE_DISK_BYTES, ConfigValues::diskBytes);
        CommandConfig command = command();
        Duration playbackTtl = withDefault(CACHE_PLAYBACK_TTL, ConfigValues::playbackTtl);
        // Endpoint keys are validated even when their platform is off: a typo should not wait for the token.
        Optional<Secret> discordToken = optional(DISCORD_TOKEN, ConfigValues::discordToken);
        String discordApiUrl = withDefault(DISCORD_API_URL, ConfigValues::httpBaseUrlWithSlash);
        String discordGatewayUrl = withDefault(DISCORD_GATEWAY_URL, ConfigValues::gatewayUrl);
        Optional<String> devGuildId = optional(DISCORD_DEV_GUILD_ID, ConfigValues::snowflake);
        Optional<String> adminChannelId = optional(DISCORD_ADMIN_CHANNEL_ID, ConfigValues::channelSnowflake);
        Optional<Secret> telegramToken = optional(TELEGRAM_TOKEN, ConfigValues::telegramToken);
        String telegramApiUrl = withDefault(TELEGRAM_API_URL, ConfigValues::httpBaseUrl);
        Optional<Long> adminChatId = optional(TELEGRAM_ADMIN_CHAT_ID, ConfigValues::telegramChatId);
        DiscordShards shards = shards();
        Optional<TelegramWebhook> webhook = webhook();
        Boolean metricsEnabled = withDefault(METRICS_ENABLED, ConfigValues::bool);
        Optional<Secret> metricsToken = optional(METRICS_TOKEN, ConfigValues::metricsToken);
        if (!problems.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SpotlinkConfig(
                source,
                new SpotifyConfig(clientId, clientSecret, redirectUri, accountsUrl, apiUrl, codesUrl),
                new ServerConfig(host, port, trustProxy),
                database,
                new SecurityConfig(keyFile),
                new LinkConfig(ttl, ownApp, extendedQuota, pasteBack.enabledFor(redirectUri)),
                discordToken.map(t -> new DiscordConfig(t, discordApiUrl, discordGatewayUrl, devGuildId, shards,
                        adminChannelId)),
                telegramToken.map(t -> new TelegramConfig(t, telegramApiUrl, webhook, adminChatId)),
                new CacheConfig(memoryBytes, disk, diskBytes, playbackTtl),
                command,
                new MetricsConfig(metricsEnabled, metricsToken)));
    }

    /** {@code command.burst} and {@code command.refill}, or the deprecated {@code command.cooldown} for the latter. */
    private CommandConfig command() {
        Integer burst = withDefault(COMMAND_BURST, ConfigValues::commandBurst);
        Raw cooldown = values.get(COMMAND_COOLDOWN);
        Duration refill;
        if (cooldown == null) {
            refill = withDefault(COMMAND_REFILL, ConfigValues::cooldown);
        } else if (values.containsKey(COMMAND_REFILL)) {
            problems.add(label(COMMAND_COOLDOWN, cooldown) + ": is the old name of `" + COMMAND_REFILL.key()
                    + "`, which is set too; remove command.cooldown");
            return null;
        } else {
            refill = parse(COMMAND_COOLDOWN, cooldown, ConfigValues::cooldown);
            if (refill != null) {
                log.warn("{}: deprecated, read as {}={} (with {}={}, a burst of commands is let through before "
                        + "the pace applies); rename the key", label(COMMAND_COOLDOWN, cooldown),
                        COMMAND_REFILL.key(), cooldown.value(), COMMAND_BURST.key(), burst);
            }
        }
        return burst == null || refill == null ? null : new CommandConfig(burst, refill);
    }

    /** {@code discord.shards} and {@code discord.shard-ids}, checked together. */
    private DiscordShards shards() {
        OptionalInt total = withDefault(DISCORD_SHARDS, ScaleValues::shardTotal);
        Optional<List<Integer>> ids = optional(DISCORD_SHARD_IDS, ScaleValues::shardIds);
        if (total == null || ids.isEmpty()) {
            return total == null ? null : new DiscordShards(total, Optional.empty());
        }
        Raw raw = values.get(DISCORD_SHARD_IDS);
        if (total.isEmpty()) {
            problems.add(label(DISCORD_SHARD_IDS, raw) + ": needs a fixed `discord.shards` count (not auto), so that "
                    + "every process splitting the shards agrees on it, e.g. discord.shards=4");
            return null;
        }
        int last = ids.get().get(ids.get().size() - 1);
        if (last >= total.getAsInt()) {
            problems.add(label(DISCORD_SHARD_IDS, raw) + ": shard " + last + " does not exist with discord.shards="
                    + total.getAsInt() + " (ids run from 0 to " + (total.getAsInt() - 1) + ")");
            return null;
        }
        return new DiscordShards(total, ids);
    }

    /** {@code telegram.mode} with the webhook keys it needs. */
    private Optional<TelegramWebhook> webhook() {
        Boolean webhookMode = withDefault(TELEGRAM_MODE, ScaleValues::webhookMode);
        Optional<URI> url = optional(TELEGRAM_WEBHOOK_URL, ScaleValues::webhookUrl);
        Optional<Secret> secret = optional(TELEGRAM_WEBHOOK_SECRET, ScaleValues::webhookSecret);
        if (!Boolean.TRUE.equals(webhookMode)) {
            return Optional.empty();
        }
        if (url.isEmpty()) {
            if (!values.containsKey(TELEGRAM_WEBHOOK_URL)) {
                problems.add("`" + TELEGRAM_WEBHOOK_URL.key() + "` is required when telegram.mode=webhook (in the "
                        + "file, or env " + TELEGRAM_WEBHOOK_URL.envName() + "): the public https address of this "
                        + "server, e.g. https://bot.example.org");
            }
            return Optional.empty();
        }
        return Optional.of(new TelegramWebhook(url.get(), secret));
    }

    /** The database keys; a PostgreSQL login or pool size beside an SQLite URL is a mistake worth naming. */
    private DatabaseConfig database() {
        String url = withDefault(DATABASE_URL, DatabaseValues::url);
        Optional<String> user = optional(DATABASE_USER, ConfigValues::noSpaces);
        Optional<Secret> password = optional(DATABASE_PASSWORD, Secret::new);
        Integer poolSize = withDefault(DATABASE_POOL_SIZE, DatabaseValues::poolSize);
        if (url != null && !url.startsWith(DatabaseConfig.POSTGRESQL_PREFIX)) {
            for (ConfigKey key : List.of(DATABASE_USER, DATABASE_PASSWORD, DATABASE_POOL_SIZE)) {
                if (values.containsKey(key)) {
                    problems.add("`" + key.key() + "` is only used with a PostgreSQL `database.url`"
                            + " (jdbc:postgresql://...); remove it, or point database.url at PostgreSQL");
                }
            }
        }
        return url == null || poolSize == null ? null : new DatabaseConfig(url, user, password, poolSize);
    }

    private <T> T required(ConfigKey key, Function<String, T> parser) {
        if (!values.containsKey(key)) {
            problems.add("`" + key.key() + "` is required but not set (in the file, or env " + key.envName() + ")"
                    + requiredHint(key));
            return null;
        }
        return parse(key, values.get(key), parser);
    }

    private <T> T withDefault(ConfigKey key, Function<String, T> parser) {
        Raw raw = values.get(key);
        if (raw == null) {
            // Defaults go through the parser too, so they are normalized exactly like configured values.
            return parser.apply(key.defaultValue().orElseThrow());
        }
        return parse(key, raw, parser);
    }

    private <T> Optional<T> optional(ConfigKey key, Function<String, T> parser) {
        Raw raw = values.get(key);
        return raw == null ? Optional.empty() : Optional.ofNullable(parse(key, raw, parser));
    }

    private <T> T parse(ConfigKey key, Raw raw, Function<String, T> parser) {
        try {
            return parser.apply(raw.value());
        } catch (IllegalArgumentException e) {
            problems.add(label(key, raw) + ": " + e.getMessage());
            return null;
        }
    }

    /** {@code `key` = "value" (from env NAME)}; secret values are never shown. */
    private static String label(ConfigKey key, Raw raw) {
        StringBuilder sb = new StringBuilder("`").append(key.key()).append('`');
        if (!key.secret()) {
            String shown = raw.value().length() > MAX_ECHO ? raw.value().substring(0, MAX_ECHO) + "..." : raw.value();
            sb.append(" = \"").append(shown).append('"');
        }
        if (raw.envVar() != null) {
            sb.append(" (from env ").append(raw.envVar()).append(')');
        }
        return sb.toString();
    }

    private static String requiredHint(ConfigKey key) {
        return switch (key) {
            case SPOTIFY_CLIENT_ID, SPOTIFY_CLIENT_SECRET ->
                    ": copy it from your app at https://developer.spotify.com/dashboard";
            case SPOTIFY_REDIRECT_URI -> ": the callback URL registered in your Spotify app, e.g. "
                    + "https://bot.example.org/callback or http://127.0.0.1:8080/callback";
            default -> "";
        };
    }
}
