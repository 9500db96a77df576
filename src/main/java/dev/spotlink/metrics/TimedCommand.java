package dev.spotlink.metrics;

import dev.spotlink.command.Command;
import dev.spotlink.command.CommandArgs;
import dev.spotlink.command.CommandContext;
import dev.spotlink.command.CommandSpec;
import dev.spotlink.spotify.SpotifyException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;

/**
 * A command decorated with a latency histogram by name and outcome ({@code spotlink_commands_seconds}): ok, or
 * the Spotify failure reason, or error. The registry still turns every failure into a message for the user.
 */
final class TimedCommand implements Command {

    private final Command command;
    private final MeterRegistry registry;

    TimedCommand(Command command, MeterRegistry registry) {
        this.command = command;
        this.registry = registry;
    }

    @Override
    public CommandSpec spec() {
        return command.spec();
    }

    @Override
    public void execute(CommandContext context, CommandArgs args) throws Exception {
        long start = System.nanoTime();
        String outcome = "error";
        try {
            command.execute(context, args);
            outcome = "ok";
        } catch (SpotifyException e) {
            outcome = "spotify_" + e.reason().name().toLowerCase(Locale.ROOT);
            throw e;
        } finally {
            Timer.builder("spotlink.commands")
                    .description("Commands run, by name and outcome, with their latency")
                    .tag("command", command.spec().name())
                    .tag("outcome", outcome)
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofSeconds(30))
                    .register(registry)
                    .record(Duration.ofNanos(System.nanoTime() - start));
        }
    }
}
