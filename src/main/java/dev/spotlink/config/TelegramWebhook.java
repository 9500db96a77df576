package dev.spotlink.config;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Webhook mode of the Telegram transport ({@code telegram.mode=webhook}).
 *
 * @param publicUrl public base URL of the callback server as Telegram reaches it ({@code telegram.webhook-url}),
 *                  without trailing slash; updates go to {@code {publicUrl}/telegram/<secret path>}
 * @param secret    {@code telegram.webhook-secret}; empty = derived from the bot token, so every process of one
 *                  bot agrees on it without sharing any state
 */
public record TelegramWebhook(URI publicUrl, Optional<Secret> secret) {

    public TelegramWebhook {
        Objects.requireNonNull(publicUrl, "publicUrl");
        Objects.requireNonNull(secret, "secret");
    }
}
