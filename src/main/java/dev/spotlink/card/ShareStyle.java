package dev.spotlink.card;

import dev.spotlink.spotify.CodeStyle;
import java.awt.Color;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The image options of {@code /share} (and what {@code /nowplaying} uses by default), validated:
 * <ul>
 *   <li>{@code style}: {@code card} (cover, title, artists, code) or {@code code} (the codes service's image
 *       alone). Default: {@code card} for the current track, {@code code} for a link.</li>
 *   <li>{@code background}: 6 hex digits ({@code 1db954}, {@code #1DB954}) or {@code auto} (default): the cover's
 *       dominant colour; black ({@code 000000}) for a code when there is no cover.</li>
 *   <li>{@code bars}: {@code white}, {@code black} or {@code auto} (default): better contrast with the
 *       background.</li>
 *   <li>{@code size}: width in pixels; card {@value #MIN_CARD_WIDTH}..{@value #MAX_CARD_WIDTH}, default
 *       {@value #DEFAULT_CARD_WIDTH}; code {@value #MIN_CODE_SIZE}..{@value #MAX_CODE_SIZE}, default
 *       {@value #DEFAULT_CODE_SIZE}.</li>
 * </ul>
 * Problems come back as a message key with arguments; the command layer turns them into text.
 */
public final class ShareStyle {

    public static final String STYLE = "style";
    public static final String BACKGROUND = "background";
    public static final String BARS = "bars";
    public static final String SIZE = "size";
    public static final String AUTO = "auto";
    public static final List<String> STYLES = List.of("card", "code");
    public static final List<String> BARS_VALUES = List.of("white", "black", AUTO);
    public static final int MIN_CARD_WIDTH = 320;
    public static final int MAX_CARD_WIDTH = 1280;
    public static final int DEFAULT_CARD_WIDTH = 640;
    public static final int MIN_CODE_SIZE = 160;
    public static final int MAX_CODE_SIZE = 2000;
    public static final int DEFAULT_CODE_SIZE = 640;
    /** Background of a code-only image in {@code auto} when no cover is known: Spotify's classic black. */
    public static final Color CODE_FALLBACK_BACKGROUND = Color.BLACK;

    private static final Pattern HEX = Pattern.compile("#?([0-9a-fA-F]{6})");
    private static final Pattern DIGITS = Pattern.compile("\\d{1,9}");

    /** What kind of image. */
    public enum Mode { CARD, CODE }

    /** Bar colour choice; {@link #AUTO} decides by contrast once the background is known. */
    public enum Bars {
        WHITE, BLACK, AUTO;

        /** The fixed bar colour, or empty for {@link #AUTO}. */
        public Optional<CodeStyle.Bars> fixed() {
            return switch (this) {
                case WHITE -> Optional.of(CodeStyle.Bars.WHITE);
                case BLACK -> Optional.of(CodeStyle.Bars.BLACK);
                case AUTO -> Optional.empty();
            };
        }
    }

    /**
     * Valid options.
     *
     * @param background the colour asked for, or empty for {@code auto}
     * @param size       card width or code width in pixels, within the mode's range
     */
    public record Options(Mode mode, Optional<Color> background, Bars bars, int size) {
        public Options {
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(background, "background");
            Objects.requireNonNull(bars, "bars");
        }

        /** The defaults: a 640 px card in automatic colours. */
        public static Options defaultCard() {
            return new Options(Mode.CARD, Optional.empty(), Bars.AUTO, DEFAULT_CARD_WIDTH);
        }

        /** Card colours for a card whose cover's dominant colour is {@code auto} (null: the placeholder's). */
        public CardColors colors(Color auto) {
            Color bg = background.orElse(auto == null ? CardColors.PLACEHOLDER_BACKGROUND : auto);
            return CardColors.on(bg, bars.fixed().orElse(null));
        }

        /** The PNG code style for code-only mode; {@code auto} is the cover's colour, or null when unknown. */
        public CodeStyle codeStyle(Color auto) {
            Color bg = background.orElse(auto == null ? CODE_FALLBACK_BACKGROUND : auto);
            return CardColors.on(bg, bars.fixed().orElse(null)).codeStyle(CodeStyle.Format.PNG, size);
        }

        /** True when code-only mode needs the cover to pick its background. */
        public boolean needsCoverColour() {
            return background.isEmpty();
        }
    }

    /** A problem with one option: a message key and its arguments (all strings). */
    public record Problem(String key, List<String> args) {
        public Problem {
            Objects.requireNonNull(key, "key");
            args = List.copyOf(args);
        }
    }

    /** Either options or a problem. */
    public record Result(Options options, Problem problem) {
        public boolean ok() {
            return problem == null;
        }
    }

    private ShareStyle() {
    }

    /**
     * Validates the options.
     *
     * @param option  looks up a raw option value by name ({@code CommandArgs::get} fits)
     * @param forLink true when the user gave a link (default style {@code code}), false for the current track
     */
    public static Result parse(Function<String, Optional<String>> option, boolean forLink) {
        Mode mode = forLink ? Mode.CODE : Mode.CARD;
        Optional<String> style = value(option, STYLE);
        if (style.isPresent()) {
            int index = STYLES.indexOf(style.get().toLowerCase(Locale.ROOT));
            if (index < 0) {
                return problem("error.option.choice", STYLE, style.get(), String.join(", ", STYLES));
            }
            mode = Mode.values()[index];
        }
        Optional<Color> background = Optional.empty();
        Optional<String> bg = value(option, BACKGROUND);
        if (bg.isPresent() && !bg.get().equalsIgnoreCase(AUTO)) {
            Matcher m = HEX.matcher(bg.get());
            if (!m.matches()) {
                return problem("error.option.background", bg.get());
            }
            background = Optional.of(new Color(Integer.parseInt(m.group(1), 16)));
        }
        Bars bars = Bars.AUTO;
        Optional<String> barsText = value(option, BARS);
        if (barsText.isPresent()) {
            int index = BARS_VALUES.indexOf(barsText.get().toLowerCase(Locale.ROOT));
            if (index < 0) {
                return problem("error.option.choice", BARS, barsText.get(), String.join(", ", BARS_VALUES));
            }
            bars = Bars.values()[index];
        }
        int min = mode == Mode.CARD ? MIN_CARD_WIDTH : MIN_CODE_SIZE;
        int max = mode == Mode.CARD ? MAX_CARD_WIDTH : MAX_CODE_SIZE;
        int size = mode == Mode.CARD ? DEFAULT_CARD_WIDTH : DEFAULT_CODE_SIZE;
        Optional<String> sizeText = value(option, SIZE);
        if (sizeText.isPresent()) {
            if (!DIGITS.matcher(sizeText.get()).matches()) {
                return problem("error.option.integer", SIZE, sizeText.get());
            }
            size = Integer.parseInt(sizeText.get());
            if (size < min || size > max) {
                return problem("error.option.size", sizeText.get(), String.valueOf(min), String.valueOf(max));
            }
        }
        return new Result(new Options(mode, background, bars, size), null);
    }

    private static Optional<String> value(Function<String, Optional<String>> option, String name) {
        return option.apply(name).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static Result problem(String key, String... args) {
        return new Result(null, new Problem(key, List.of(args)));
    }
}
