package dev.spotlink.config;

import java.util.Optional;

/**
 * Discord transport settings; present only when {@code discord.token} is set.
 *
 * @param apiUrl     REST base including the API version and a trailing slash
 * @param gatewayUrl gateway websocket URL
 */
public record DiscordConfig(Secret token, String apiUrl, String gatewayUrl, Optional<String> devGuildId) {
}
