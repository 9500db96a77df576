package dev.spotlink.config;

import java.util.Objects;
import java.util.Optional;

/**
 * The opt-in Prometheus endpoint {@code GET /metrics} on the callback server.
 *
 * @param enabled {@code metrics.enabled}: off by default, since the callback server may face the internet
 * @param token   {@code metrics.token}: when set, scrapes must send {@code Authorization: Bearer <token>}
 */
public record MetricsConfig(boolean enabled, Optional<Secret> token) {

    /** The default: no {@code /metrics} at all. */
    public static final MetricsConfig DISABLED = new MetricsConfig(false, Optional.empty());

    public MetricsConfig {
        Objects.requireNonNull(token, "token");
    }
}
