package dev.spotlink.config;

import java.util.Objects;
import java.util.Optional;

/**
 * Telegram transport settings; present only when {@code telegram.token} is set.
 *
 * @param apiUrl  Bot API server base, without trailing slash
 * @param webhook webhook mode's settings; empty = long polling ({@code telegram.mode=polling}, the default)
 */
public record TelegramConfig(Secret token, String apiUrl, Optional<TelegramWebhook> webhook) {

    public TelegramConfig {
        Objects.requireNonNull(webhook, "webhook");
    }

    /** Long polling. */
    public TelegramConfig(Secret token, String apiUrl) {
        this(token, apiUrl, Optional.empty());
    }
}
