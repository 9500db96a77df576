package dev.spotlink.command;

import dev.spotlink.card.ShareStyle;
import java.util.List;

/**
 * The image options of {@code /share} ({@code style}, {@code bars}, {@code background}, {@code size}) as
 * transports offer them. Values are validated by {@link ShareStyle#parse}.
 */
public final class CodeOptions {

    private CodeOptions() {
    }

    /** The option specs, in the order transports list them. */
    public static List<OptionSpec> specs() {
        return List.of(
                OptionSpec.choice(ShareStyle.STYLE, "option.style.description", ShareStyle.STYLES),
                OptionSpec.choice(ShareStyle.BARS, "option.bars.description", ShareStyle.BARS_VALUES),
                OptionSpec.text(ShareStyle.BACKGROUND, "option.background.description"),
                OptionSpec.integer(ShareStyle.SIZE, "option.size.description"));
    }
}
