package dev.spotlink.config;

import java.time.Duration;

/**
 * Linking rules.
 *
 * @param ttl           how long an authorize link stays valid
 * @param ownApp        whether members may link through a Spotify app of their own ({@code link.own-app})
 * @param extendedQuota the admin's Spotify app has extended quota ({@code spotify.extended-quota}): no
 *                      development-mode cap of 5 accounts to apply
 * @param pasteBack     members may send back the address their browser was redirected to ({@code link.paste-back},
 *                      resolved against the redirect URI)
 */
public record LinkConfig(Duration ttl, boolean ownApp, boolean extendedQuota, boolean pasteBack) {

    /** With {@code link.own-app} at its default (on) and an app in development mode. */
    public LinkConfig(Duration ttl) {
        this(ttl, true);
    }

    /** An app in development mode, the default. */
    public LinkConfig(Duration ttl, boolean ownApp) {
        this(ttl, ownApp, false);
    }

    /** Without paste-back. */
    public LinkConfig(Duration ttl, boolean ownApp, boolean extendedQuota) {
        this(ttl, ownApp, extendedQuota, false);
    }
}
