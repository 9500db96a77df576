package dev.spotlink.config;

import java.util.Optional;

/**
 * Telegram transport settings; present only when {@code telegram.token} is set.
 *
 * @param apiUrl      Bot API server base, without trailing slash
 * @param adminChatId chat (user, group or channel id) for notes to the admin, e.g. "the Spotify app is full"
 */
public record TelegramConfig(Secret token, String apiUrl, Optional<Long> adminChatId) {

    /** Without an admin chat. */
    public TelegramConfig(Secret token, String apiUrl) {
        this(token, apiUrl, Optional.empty());
    }
}
