package dev.spotlink.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Rules for running commands.
 *
 * @param cooldown least time between two Spotify-calling commands of one user ({@code command.cooldown}); zero
 *                 turns it off
 */
public record CommandConfig(Duration cooldown) {

    public static final Duration DEFAULT_COOLDOWN = Duration.ofSeconds(2);
    /** The defaults: a 2 s cooldown. */
    public static final CommandConfig DEFAULT = new CommandConfig(DEFAULT_COOLDOWN);

    public CommandConfig {
        Objects.requireNonNull(cooldown, "cooldown");
        if (cooldown.isNegative()) {
            throw new IllegalArgumentException("cooldown must not be negative");
        }
    }
}
