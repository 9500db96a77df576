package dev.spotlink.domain;

/** Whether a linked account's tokens still work. */
public enum AccountStatus {
    /** Tokens usable (possibly after a refresh). */
    ACTIVE,
    /** Spotify refused the refresh token ({@code invalid_grant}): the user must {@code /link} again. */
    NEEDS_RELINK
}
