package dev.spotlink.config;

import java.util.Objects;
import java.util.Optional;

/**
 * Discord transport settings; present only when {@code discord.token} is set.
 *
 * @param apiUrl     REST base including the API version and a trailing slash
 * @param gatewayUrl gateway websocket URL
 * @param shards     which shards this process runs ({@code discord.shards}, {@code discord.shard-ids})
 */
public record DiscordConfig(Secret token, String apiUrl, String gatewayUrl, Optional<String> devGuildId,
                            DiscordShards shards) {

    public DiscordConfig {
        Objects.requireNonNull(shards, "shards");
    }

    /** Discord's recommended shard count, all shards in this process. */
    public DiscordConfig(Secret token, String apiUrl, String gatewayUrl, Optional<String> devGuildId) {
        this(token, apiUrl, gatewayUrl, devGuildId, DiscordShards.AUTO);
    }
}
