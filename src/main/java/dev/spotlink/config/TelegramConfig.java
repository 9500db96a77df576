package dev.spotlink.config;

/**
 * Telegram transport settings; present only when {@code telegram.token} is set.
 *
 * @param apiUrl Bot API server base, without trailing slash
 */
public record TelegramConfig(Secret token, String apiUrl) {
}
