package dev.spotlink.config;

import java.util.Objects;
import java.util.Optional;

/**
 * Discord transport settings; present only when {@code discord.token} is set.
 *
 * @param apiUrl         REST base including the API version and a trailing slash
 * @param gatewayUrl     gateway websocket URL
 * @param shards         which shards this process runs ({@code discord.shards}, {@code discord.shard-ids})
 * @param adminChannelId channel (snowflake) for notes to the admin, e.g. "the Spotify app is full"
 */
public record DiscordConfig(Secret token, String apiUrl, String gatewayUrl, Optional<String> devGuildId,
                            DiscordShards shards, Optional<String> adminChannelId) {

    public DiscordConfig {
        Objects.requireNonNull(shards, "shards");
        Objects.requireNonNull(adminChannelId, "adminChannelId");
    }

    /** Discord's recommended shard count, all shards in this process, no admin channel. */
    public DiscordConfig(Secret token, String apiUrl, String gatewayUrl, Optional<String> devGuildId) {
        this(token, apiUrl, gatewayUrl, devGuildId, DiscordShards.AUTO, Optional.empty());
    }
}
