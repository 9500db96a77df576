package dev.spotlink.spotify;

import java.time.Duration;
import java.util.Optional;

/** Any failure talking to Spotify, classified so commands can tell the user what happened. */
public final class SpotifyException extends Exception {

    /** What went wrong, in terms the user-facing layer can act on. */
    public enum Reason {
        /** The refresh token or authorization code was refused ({@code invalid_grant}). */
        INVALID_GRANT,
        /** The client id/secret was refused ({@code invalid_client}). */
        INVALID_CLIENT,
        /** The access token was refused (401) even after a refresh. */
        UNAUTHORIZED,
        /** 403 because the user is not on the development-mode app's allow-list. */
        NOT_ALLOWLISTED,
        /** Another 403 (e.g. missing scope, Premium required). */
        FORBIDDEN,
        /** 404: the entity does not exist. */
        NOT_FOUND,
        /** 429: see {@link #retryAfter()}. */
        RATE_LIMITED,
        /** 5xx, timeout or connection failure. */
        UNAVAILABLE,
        /** Spotify answered something we could not understand. */
        BAD_RESPONSE,
        /** The stored link cannot be used any more; the user must /link again. */
        NEEDS_RELINK
    }

    private final Reason reason;
    private final Duration retryAfter;

    public SpotifyException(Reason reason, String message) {
        this(reason, message, null, null);
    }

    public SpotifyException(Reason reason, String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    public Reason reason() {
        return reason;
    }

    /** For {@link Reason#RATE_LIMITED}: how long Spotify asked us to wait. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
