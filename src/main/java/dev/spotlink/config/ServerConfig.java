package dev.spotlink.config;

import java.util.Objects;

/**
 * Where the embedded callback server listens.
 *
 * @param trustProxy reverse proxies whose {@code X-Forwarded-For} is believed ({@code server.trust-proxy})
 */
public record ServerConfig(String host, int port, TrustedProxies trustProxy) {

    public ServerConfig {
        Objects.requireNonNull(trustProxy, "trustProxy");
    }

    /** Trusting no proxy (the default). */
    public ServerConfig(String host, int port) {
        this(host, port, TrustedProxies.NONE);
    }
}
