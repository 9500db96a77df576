package dev.spotlink.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses a text command line ({@code /share https://open.spotify.com/track/... bars:black size:800}) for the
 * text transports (console, Telegram): options as {@code name:value} words in any order, the remaining words
 * as the command's positional option. Never throws on user input.
 */
public final class TextCommandParser {

    // "spotify:track:..." and "https://..." look like name:value words but are links, never options.
    private static final Pattern OPTION_WORD = Pattern.compile("^([A-Za-z][A-Za-z0-9_-]*):(.*)$", Pattern.DOTALL);
    private static final List<String> LINK_SCHEMES = List.of("spotify", "http", "https");
    private static final int MAX_LINE_LENGTH = 4096;

    private final CommandRegistry registry;

    public TextCommandParser(CommandRegistry registry) {
        this.registry = registry;
    }

    /** Result of parsing one line. */
    public sealed interface Parsed {
        /** A command of ours with its arguments. */
        record Ok(Command command, CommandArgs args) implements Parsed {
        }

        /** Not a command, or a command addressed to another bot: ignore silently. */
        record Ignored() implements Parsed {
        }

        /** Something to tell the user: a message key and its arguments. */
        record Problem(String messageKey, List<Object> args) implements Parsed {
            public Problem {
                args = List.copyOf(args);
            }
        }
    }

    /**
     * @param line        the whole message text
     * @param botUsername this bot's username for {@code /cmd@bot}, or null when the platform has none
     */
    public Parsed parse(String line, String botUsername) {
        if (line == null) {
            return new Parsed.Ignored();
        }
        String text = line.strip();
        if (!text.startsWith("/") || text.length() < 2) {
            return new Parsed.Ignored();
        }
        if (text.length() > MAX_LINE_LENGTH) {
            return new Parsed.Problem("error.args.too-long", List.of(MAX_LINE_LENGTH));
        }
        String[] words = text.substring(1).split("\\s+");
        String name = words[0];
        int at = name.indexOf('@');
        if (at >= 0) {
            String addressee = name.substring(at + 1);
            if (botUsername == null || !addressee.equalsIgnoreCase(botUsername)) {
                return new Parsed.Ignored();
            }
            name = name.substring(0, at);
        }
        name = name.toLowerCase(Locale.ROOT);
        Optional<Command> command = registry.find(name);
        if (command.isEmpty()) {
            return new Parsed.Problem("error.command.unknown", List.of("/" + name));
        }
        return parseArguments(command.get(), words);
    }

    private static Parsed parseArguments(Command command, String[] words) {
        CommandSpec spec = command.spec();
        Map<String, String> values = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        for (int i = 1; i < words.length; i++) {
            String word = words[i];
            Matcher m = OPTION_WORD.matcher(word);
            boolean looksLikeOption = m.matches()
                    && !LINK_SCHEMES.contains(m.group(1).toLowerCase(Locale.ROOT))
                    && !m.group(2).startsWith("//");
            if (!looksLikeOption) {
                positional.add(word);
                continue;
            }
            String optionName = m.group(1).toLowerCase(Locale.ROOT);
            Optional<OptionSpec> option = spec.option(optionName);
            if (option.isEmpty()) {
                return new Parsed.Problem("error.option.unknown",
                        List.of(optionName, "/" + spec.name(), validOptions(spec)));
            }
            if (m.group(2).isBlank()) {
                return new Parsed.Problem("error.option.empty", List.of(optionName));
            }
            if (values.putIfAbsent(optionName, m.group(2)) != null) {
                return new Parsed.Problem("error.option.duplicate", List.of(optionName));
            }
        }
        if (!positional.isEmpty()) {
            Optional<OptionSpec> target = spec.positionalOption();
            if (target.isEmpty()) {
                return new Parsed.Problem("error.args.unexpected", List.of("/" + spec.name(), validOptions(spec)));
            }
            if (values.containsKey(target.get().name())) {
                return new Parsed.Problem("error.option.duplicate", List.of(target.get().name()));
            }
            values.put(target.get().name(), String.join(" ", positional));
        }
        return new Parsed.Ok(command, new CommandArgs(values));
    }

    /** "link, bars, size" — or "none" handled by the message text when empty. */
    static String validOptions(CommandSpec spec) {
        List<String> names = new ArrayList<>();
        for (OptionSpec option : spec.options()) {
            names.add(option.positional() ? "[" + option.name() + "]" : option.name() + ":");
        }
        return names.isEmpty() ? "-" : String.join(", ", names);
    }
}
