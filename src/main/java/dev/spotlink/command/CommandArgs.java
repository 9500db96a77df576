package dev.spotlink.command;

import java.util.Map;
import java.util.Optional;

/** The option values of one invocation, by option name. Values are raw strings; commands validate them. */
public record CommandArgs(Map<String, String> values) {

    public static final CommandArgs NONE = new CommandArgs(Map.of());

    public CommandArgs {
        values = Map.copyOf(values);
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name)).filter(v -> !v.isBlank());
    }
}
