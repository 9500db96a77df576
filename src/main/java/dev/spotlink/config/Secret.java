package dev.spotlink.config;

import java.util.Objects;

/** A secret config value (client secret, bot token). Its {@code toString} never reveals it. */
public record Secret(String value) {
    public Secret {
        Objects.requireNonNull(value, "value");
    }

    /** The raw value, for the one place that must send it upstream. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "<masked>";
    }
}
