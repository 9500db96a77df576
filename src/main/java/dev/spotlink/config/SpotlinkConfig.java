package dev.spotlink.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The whole validated configuration. Immutable; built once by {@link ConfigLoader}.
 *
 * @param source absolute path of the config file it was read from (may not exist when everything came from env)
 */
public record SpotlinkConfig(
        Path source,
        SpotifyConfig spotify,
        ServerConfig server,
        DatabaseConfig database,
        SecurityConfig security,
        LinkConfig link,
        Optional<DiscordConfig> discord,
        Optional<TelegramConfig> telegram,
        CacheConfig cache,
        CommandConfig command,
        MetricsConfig metrics) {

    /** Without {@code /metrics} (the default). */
    public SpotlinkConfig(Path source, SpotifyConfig spotify, ServerConfig server, DatabaseConfig database,
                          SecurityConfig security, LinkConfig link, Optional<DiscordConfig> discord,
                          Optional<TelegramConfig> telegram, CacheConfig cache, CommandConfig command) {
        this(source, spotify, server, database, security, link, discord, telegram, cache, command,
                MetricsConfig.DISABLED);
    }

    /** Folder of the optional disk image cache: {@code cache} beside the key file (the data folder). */
    public Path imageCacheDirectory() {
        Path parent = security.keyFile().toAbsolutePath().normalize().getParent();
        return (parent == null ? Path.of("").toAbsolutePath() : parent).resolve("cache");
    }
}
