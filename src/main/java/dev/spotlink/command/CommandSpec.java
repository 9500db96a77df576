package dev.spotlink.command;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a command declares about itself: transports build slash commands, menus and help from it.
 *
 * @param name            lower-case name without slash
 * @param descriptionKey  message key of the one-line description
 * @param options         its options, all optional
 * @param callsSpotify    true when it talks to Spotify (Discord defers such commands at once)
 */
public record CommandSpec(String name, String descriptionKey, List<OptionSpec> options, boolean callsSpotify) {

    public CommandSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(descriptionKey, "descriptionKey");
        options = List.copyOf(options);
    }

    public Optional<OptionSpec> option(String optionName) {
        return options.stream().filter(o -> o.name().equals(optionName)).findFirst();
    }

    public Optional<OptionSpec> positionalOption() {
        return options.stream().filter(OptionSpec::positional).findFirst();
    }
}
