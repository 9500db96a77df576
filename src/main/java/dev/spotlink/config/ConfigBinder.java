package dev.spotlink.config;

import static dev.spotlink.config.ConfigKey.*;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns raw key values into the config records, collecting a problem for every missing or invalid value instead
 * of stopping at the first.
 */
final class ConfigBinder {

    /** A set (non-blank, trimmed) value and where it came from; {@code envVar} is null for the file. */
    record Raw(String value, String envVar) {
    }

    private static final int MAX_ECHO = 120;

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
        String databaseUrl = withDefault(DATABASE_URL, ConfigValues::jdbcUrl);
        Path keyFile = withDefault(SECURITY_KEY_FILE, ConfigValues::path);
        Duration ttl = withDefault(LINK_TTL, ConfigValues::ttl);
        Long memoryBytes = withDefault(CACHE_MEMORY_BYTES, ConfigValues::memoryBytes);
        Boolean disk = withDefault(CACHE_DISK, ConfigValues::bool);
        Long diskBytes = withDefault(CACHE_DISK_BYTES, ConfigValues::diskBytes);
        Duration cooldown = withDefault(COMMAND_COOLDOWN, ConfigValues::cooldown);
        // Endpoint keys are validated even when their platform is off: a typo should not wait for the token.
        Optional<Secret> discordToken = optional(DISCORD_TOKEN, ConfigValues::discordToken);
        String discordApiUrl = withDefault(DISCORD_API_URL, ConfigValues::httpBaseUrlWithSlash);
        String discordGatewayUrl = withDefault(DISCORD_GATEWAY_URL, ConfigValues::gatewayUrl);
        Optional<String> devGuildId = optional(DISCORD_DEV_GUILD_ID, ConfigValues::snowflake);
        Optional<Secret> telegramToken = optional(TELEGRAM_TOKEN, ConfigValues::telegramToken);
        String telegramApiUrl = withDefault(TELEGRAM_API_URL, ConfigValues::httpBaseUrl);
        Boolean metricsEnabled = withDefault(METRICS_ENABLED, ConfigValues::bool);
        Optional<Secret> metricsToken = optional(METRICS_TOKEN, ConfigValues::metricsToken);
        if (!problems.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SpotlinkConfig(
                source,
                new SpotifyConfig(clientId, clientSecret, redirectUri, accountsUrl, apiUrl, codesUrl),
                new ServerConfig(host, port),
                new DatabaseConfig(databaseUrl),
                new SecurityConfig(keyFile),
                new LinkConfig(ttl),
                discordToken.map(t -> new DiscordConfig(t, discordApiUrl, discordGatewayUrl, devGuildId)),
                telegramToken.map(t -> new TelegramConfig(t, telegramApiUrl)),
                new CacheConfig(memoryBytes, disk, diskBytes),
                new CommandConfig(cooldown),
                new MetricsConfig(metricsEnabled, metricsToken)));
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
