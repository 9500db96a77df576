package dev.spotlink.config;

/** Where the embedded callback server listens. */
public record ServerConfig(String host, int port) {
}
