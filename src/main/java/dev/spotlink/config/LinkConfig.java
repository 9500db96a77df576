package dev.spotlink.config;

import java.time.Duration;

/**
 * Linking rules.
 *
 * @param ttl    how long an authorize link stays valid
 * @param ownApp whether members may link through a Spotify app of their own ({@code link.own-app})
 */
public record LinkConfig(Duration ttl, boolean ownApp) {

    /** With {@code link.own-app} at its default (on). */
    public LinkConfig(Duration ttl) {
        this(ttl, true);
    }
}
