package dev.spotlink.command;

import dev.spotlink.domain.ChatUser;
import dev.spotlink.i18n.Messages;
import dev.spotlink.spotify.SpotifyException;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns a {@link SpotifyException} into what the user reads and what the admin's log says. */
public final class SpotifyErrors {

    private static final Logger log = LoggerFactory.getLogger(SpotifyErrors.class);

    private final Messages messages;
    private final AllowListAdvice allowListAdvice;

    public SpotifyErrors(Messages messages) {
        this(messages, null);
    }

    /** @param allowListAdvice answers a 403 "not on the allow-list", or null for the plain message */
    public SpotifyErrors(Messages messages, AllowListAdvice allowListAdvice) {
        this.messages = messages;
        this.allowListAdvice = allowListAdvice;
    }

    /** The private answer for a command that failed with {@code e}. */
    public Reply replyFor(SpotifyException e, ChatUser user, Locale locale) {
        if (e.reason() == SpotifyException.Reason.NOT_ALLOWLISTED && allowListAdvice != null) {
            return allowListAdvice.adviceFor(user, locale);
        }
        return Reply.error(messageFor(e, locale));
    }

    public String messageFor(SpotifyException e, Locale locale) {
        return switch (e.reason()) {
            case NEEDS_RELINK, INVALID_GRANT, UNAUTHORIZED -> messages.get(locale, "error.spotify.relink");
            case NOT_ALLOWLISTED -> messages.get(locale, "error.spotify.not-allowlisted");
            case FORBIDDEN -> messages.get(locale, "error.spotify.forbidden");
            case NOT_FOUND -> messages.get(locale, "error.spotify.not-found");
            case RATE_LIMITED -> messages.get(locale, "error.spotify.rate-limited",
                    e.retryAfter().map(Duration::toSeconds).map(s -> Math.max(1, s)).orElse(30L));
            case UNAVAILABLE, BAD_RESPONSE, INVALID_CLIENT -> messages.get(locale, "error.spotify.unavailable");
        };
    }

    /** One log line, at a level that fits: the admin must act on some of these, not on others. */
    public void logFor(String command, ChatUser user, SpotifyException e) {
        switch (e.reason()) {
            case NOT_ALLOWLISTED -> log.warn("Spotify refused {} (403): their Spotify account is not on the app's "
                    + "allow-list. Add it at https://developer.spotify.com/dashboard -> your app -> User Management "
                    + "(development mode allows 5 users)", user);
            case INVALID_CLIENT -> log.error("Spotify rejected the client id/secret while running /{}: check "
                    + "spotify.client-id and spotify.client-secret", command, e);
            case NEEDS_RELINK, INVALID_GRANT, UNAUTHORIZED, NOT_FOUND, FORBIDDEN ->
                    log.info("/{} for {}: Spotify said {} ({})", command, user, e.reason(), e.getMessage());
            case RATE_LIMITED -> log.warn("/{} for {}: Spotify rate limit, retry after {}", command, user,
                    e.retryAfter().orElse(null));
            case UNAVAILABLE, BAD_RESPONSE -> log.warn("/{} for {}: Spotify call failed", command, user, e);
        }
    }
}
