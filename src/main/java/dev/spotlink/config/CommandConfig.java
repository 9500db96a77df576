package dev.spotlink.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Rules for running commands: a token bucket per user for the commands that call Spotify.
 *
 * @param burst  Spotify-calling commands a user may send at once ({@code command.burst})
 * @param refill time after which a user may send one more ({@code command.refill}, formerly
 *               {@code command.cooldown}); zero turns the limit off
 */
public record CommandConfig(int burst, Duration refill) {

    public static final int DEFAULT_BURST = 5;
    public static final Duration DEFAULT_REFILL = Duration.ofSeconds(2);
    /** The defaults: 5 commands at once, then one every 2 s. */
    public static final CommandConfig DEFAULT = new CommandConfig(DEFAULT_BURST, DEFAULT_REFILL);

    public CommandConfig {
        Objects.requireNonNull(refill, "refill");
        if (burst < 1 || refill.isNegative()) {
            throw new IllegalArgumentException("burst must be at least 1 and refill not negative");
        }
    }

    /** The default burst with this refill (zero: no limit). */
    public CommandConfig(Duration refill) {
        this(DEFAULT_BURST, refill);
    }
}
