package dev.spotlink.config;

import java.util.Objects;
import java.util.Optional;

/**
 * Telegram transport settings; present only when {@code telegram.token} is set.
 *
 * @param apiUrl      Bot API server base, without trailing slash
 * @param webhook     webhook mode's settings; empty = long polling ({@code telegram.mode=polling}, the default)
 * @param adminChatId chat (user, group or channel id) for notes to the admin, e.g. "the Spotify app is full"
 */
public record TelegramConfig(Secret token, String apiUrl, Optional<TelegramWebhook> webhook,
                             Optional<Long> adminChatId) {

    public TelegramConfig {
        Objects.requireNonNull(webhook, "webhook");
        Objects.requireNonNull(adminChatId, "adminChatId");
    }

    /** Long polling, no admin chat. */
    public TelegramConfig(Secret token, String apiUrl) {
        this(token, apiUrl, Optional.empty(), Optional.empty());
    }
}
