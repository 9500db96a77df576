package dev.spotlink.command;

import dev.spotlink.i18n.Messages;
import dev.spotlink.spotify.SpotifyException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The explicit list of commands every transport offers, and the one place that runs them: it checks choice
 * options, holds back users over their {@link CommandRateLimit} (commands that call Spotify only), and turns
 * every failure into a localized message for the user plus one log line for the admin.
 */
public final class CommandRegistry {

    private static final Logger log = LoggerFactory.getLogger(CommandRegistry.class);

    private final Map<String, Command> commands = new LinkedHashMap<>();
    private final Messages messages;
    private final SpotifyErrors spotifyErrors;
    private final CommandRateLimit rateLimit;

    /** Without a rate limit. */
    public CommandRegistry(List<Command> commands, Messages messages) {
        this(commands, messages, CommandRateLimit.disabled());
    }

    /** @param rateLimit applied to commands whose spec {@linkplain CommandSpec#callsSpotify() calls Spotify} */
    public CommandRegistry(List<Command> commands, Messages messages, CommandRateLimit rateLimit) {
        this(commands, messages, rateLimit, new SpotifyErrors(messages));
    }

    /** @param spotifyErrors what users read when Spotify fails a command */
    public CommandRegistry(List<Command> commands, Messages messages, CommandRateLimit rateLimit,
                           SpotifyErrors spotifyErrors) {
        this.messages = messages;
        this.rateLimit = Objects.requireNonNull(rateLimit, "rateLimit");
        this.spotifyErrors = Objects.requireNonNull(spotifyErrors, "spotifyErrors");
        for (Command command : commands) {
            if (this.commands.putIfAbsent(command.spec().name(), command) != null) {
                throw new IllegalArgumentException("Two commands named " + command.spec().name());
            }
        }
    }

    /** The per-user limit of Spotify-calling commands (Telegram's inline queries spend from it too). */
    public CommandRateLimit rateLimit() {
        return rateLimit;
    }

    public List<Command> commands() {
        return List.copyOf(commands.values());
    }

    public Optional<Command> find(String name) {
        return Optional.ofNullable(commands.get(name));
    }

    /** Runs a command; never throws: every outcome reaches the user. */
    public void execute(Command command, CommandContext context, CommandArgs args) {
        String name = command.spec().name();
        Optional<String> problem = checkChoices(command.spec(), args, context.locale());
        if (problem.isPresent()) {
            context.replyPrivately(Reply.error(problem.get()));
            return;
        }
        if (command.spec().callsSpotify()) {
            Optional<Duration> wait = rateLimit.tryAcquire(context.user());
            if (wait.isPresent()) {
                log.debug("/{} for {} held back: over the rate limit for {} ms", name, context.user(),
                        wait.get().toMillis());
                context.replyPrivately(Reply.error(messages.get(context.locale(), "error.cooldown",
                        CommandRateLimit.wholeSeconds(wait.get()))));
                return;
            }
        }
        try {
            command.execute(context, args);
        } catch (SpotifyException e) {
            spotifyErrors.logFor(name, context.user(), e);
            context.replyPrivately(spotifyErrors.replyFor(e, context.user(), context.locale()));
        } catch (Exception e) {
            log.error("Command /{} failed for {}", name, context.user(), e);
            context.replyPrivately(Reply.error(messages.get(context.locale(), "error.internal")));
        }
    }

    private Optional<String> checkChoices(CommandSpec spec, CommandArgs args, Locale locale) {
        for (OptionSpec option : spec.options()) {
            Optional<String> value = args.get(option.name());
            if (value.isEmpty()) {
                continue;
            }
            if (!option.choices().isEmpty() && !option.choices().contains(value.get().toLowerCase(Locale.ROOT))) {
                return Optional.of(messages.get(locale, "error.option.choice", option.name(), value.get(),
                        String.join(", ", option.choices())));
            }
            if (option.type() == OptionSpec.Type.INTEGER && !value.get().matches("\\d{1,9}")) {
                return Optional.of(messages.get(locale, "error.option.integer", option.name(), value.get()));
            }
        }
        return Optional.empty();
    }
}
