package dev.spotlink.config;

import java.nio.file.Path;

/** Location of the 32-byte token encryption key. */
public record SecurityConfig(Path keyFile) {
}
