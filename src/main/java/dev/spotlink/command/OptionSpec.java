package dev.spotlink.command;

import java.util.List;
import java.util.Objects;

/**
 * One option of a command.
 *
 * @param name           option name as typed ({@code style} in {@code style:code}) and shown on Discord
 * @param descriptionKey message key of its description
 * @param type           what kind of value
 * @param positional     true for the one option that text transports also take without {@code name:}
 * @param choices        allowed values (empty = free text)
 */
public record OptionSpec(String name, String descriptionKey, Type type, boolean positional, List<String> choices) {

    /** Value kinds transports can offer natively. */
    public enum Type { STRING, USER, INTEGER }

    public OptionSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(descriptionKey, "descriptionKey");
        Objects.requireNonNull(type, "type");
        choices = List.copyOf(choices);
    }

    public static OptionSpec text(String name, String descriptionKey) {
        return new OptionSpec(name, descriptionKey, Type.STRING, false, List.of());
    }

    public static OptionSpec positional(String name, String descriptionKey) {
        return new OptionSpec(name, descriptionKey, Type.STRING, true, List.of());
    }

    public static OptionSpec choice(String name, String descriptionKey, List<String> choices) {
        return new OptionSpec(name, descriptionKey, Type.STRING, false, choices);
    }

    public static OptionSpec user(String name, String descriptionKey) {
        return new OptionSpec(name, descriptionKey, Type.USER, false, List.of());
    }

    public static OptionSpec integer(String name, String descriptionKey) {
        return new OptionSpec(name, descriptionKey, Type.INTEGER, false, List.of());
    }
}
