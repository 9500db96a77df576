package dev.spotlink.config;

import java.util.Optional;

/**
 * Discord transport settings; present only when {@code discord.token} is set.
 *
 * @param apiUrl         REST base including the API version and a trailing slash
 * @param gatewayUrl     gateway websocket URL
 * @param adminChannelId channel (snowflake) for notes to the admin, e.g. "the Spotify app is full"
 */
public record DiscordConfig(Secret token, String apiUrl, String gatewayUrl, Optional<String> devGuildId,
                            Optional<String> adminChannelId) {

    /** Without an admin channel. */
    public DiscordConfig(Secret token, String apiUrl, String gatewayUrl, Optional<String> devGuildId) {
        this(token, apiUrl, gatewayUrl, devGuildId, Optional.empty());
    }
}
