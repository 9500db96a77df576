package dev.spotlink.config;

import java.time.Duration;

/** Linking rules: how long an authorize link stays valid. */
public record LinkConfig(Duration ttl) {
}
