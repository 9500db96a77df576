package dev.spotlink.command;

import dev.spotlink.i18n.Messages;
import dev.spotlink.spotify.CodeStyle;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The Spotify-code options of {@code /share} ({@code bars}, {@code background}, {@code size}), validated. */
public final class CodeOptions {

    static final List<String> BARS = List.of("white", "black");
    static final int MIN_SIZE = 160;
    static final int MAX_SIZE = 2000;
    private static final Pattern HEX = Pattern.compile("#?([0-9a-fA-F]{6})");

    private final Messages messages;

    public CodeOptions(Messages messages) {
        this.messages = messages;
    }

    /** The option specs, for commands that offer them. */
    public static List<OptionSpec> specs() {
        return List.of(
                OptionSpec.choice("bars", "option.bars.description", BARS),
                OptionSpec.text("background", "option.background.description"),
                OptionSpec.integer("size", "option.size.description"));
    }

    /** The style asked for, or a localized problem naming the valid values. */
    public Result parse(CommandArgs args, Locale locale) {
        CodeStyle.Bars bars = args.get("bars")
                .map(b -> b.toLowerCase(Locale.ROOT).equals("black") ? CodeStyle.Bars.BLACK : CodeStyle.Bars.WHITE)
                .orElse(CodeStyle.DEFAULT.bars());
        String background = CodeStyle.DEFAULT.background();
        Optional<String> bg = args.get("background");
        if (bg.isPresent()) {
            var m = HEX.matcher(bg.get().strip());
            if (!m.matches()) {
                return Result.problem(messages.get(locale, "error.option.background", bg.get()));
            }
            background = m.group(1).toLowerCase(Locale.ROOT);
        }
        int size = CodeStyle.DEFAULT.size();
        Optional<String> sizeText = args.get("size");
        if (sizeText.isPresent()) {
            int parsed = sizeText.get().matches("\\d{1,5}") ? Integer.parseInt(sizeText.get()) : -1;
            if (parsed < MIN_SIZE || parsed > MAX_SIZE) {
                return Result.problem(messages.get(locale, "error.option.size", sizeText.get(), String.valueOf(MIN_SIZE),
                        String.valueOf(MAX_SIZE)));
            }
            size = parsed;
        }
        return new Result(new CodeStyle(CodeStyle.Format.PNG, background, bars, size), null);
    }

    /** Either a style or a problem to show. */
    public record Result(CodeStyle style, String problem) {
        static Result problem(String problem) {
            return new Result(null, problem);
        }
    }
}
