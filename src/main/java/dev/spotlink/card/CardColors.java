package dev.spotlink.card;

import dev.spotlink.spotify.CodeStyle;
import java.awt.Color;
import java.util.Locale;
import java.util.Objects;

/**
 * The colours of one card, decided before anything is drawn (and before a code is requested in them).
 *
 * @param background    card background: the cover's dominant colour, or the one asked for
 * @param text          title colour: white or black, whichever contrasts more (≥ 4.58:1, see {@link Contrast})
 * @param secondaryText artists/album/times: {@code text} softened towards the background but still ≥ 4.5:1
 * @param track         unfilled part of the progress bar (decoration, no contrast promise)
 * @param bars          Spotify code bar colour
 */
public record CardColors(Color background, Color text, Color secondaryText, Color track, CodeStyle.Bars bars) {

    /** Background behind a missing cover: a calm dark indigo that reads well with white text. */
    public static final Color PLACEHOLDER_BACKGROUND = new Color(0x2E3250);

    public CardColors {
        Objects.requireNonNull(background, "background");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(secondaryText, "secondaryText");
        Objects.requireNonNull(track, "track");
        Objects.requireNonNull(bars, "bars");
    }

    /** Colours for {@code background}, bars by contrast. */
    public static CardColors on(Color background) {
        return on(background, null);
    }

    /** Colours for {@code background}; {@code bars} null picks white or black by contrast, like the text. */
    public static CardColors on(Color background, CodeStyle.Bars bars) {
        Color opaque = new Color(background.getRGB() & 0xffffff);
        Color text = Contrast.blackOrWhite(opaque);
        Color secondary = text;
        // The softest mix that still keeps AA contrast; the plain text colour always qualifies.
        for (double t = 0.40; t > 0; t -= 0.05) {
            Color candidate = Contrast.mix(text, opaque, t);
            if (Contrast.ratio(candidate, opaque) >= Contrast.AA_TEXT) {
                secondary = candidate;
                break;
            }
        }
        Color track = Contrast.mix(text, opaque, 0.7);
        CodeStyle.Bars chosenBars = bars != null ? bars
                : text.equals(Color.WHITE) ? CodeStyle.Bars.WHITE : CodeStyle.Bars.BLACK;
        return new CardColors(opaque, text, secondary, track, chosenBars);
    }

    /** The code bar colour as a colour. */
    public Color barColor() {
        return bars == CodeStyle.Bars.WHITE ? Color.WHITE : Color.BLACK;
    }

    /** Background as 6 lower-case hex digits, as the codes service wants it. */
    public String backgroundHex() {
        return hex(background);
    }

    /** A code style in these colours. */
    public CodeStyle codeStyle(CodeStyle.Format format, int size) {
        return new CodeStyle(format, backgroundHex(), bars, size);
    }

    static String hex(Color colour) {
        return String.format(Locale.ROOT, "%06x", colour.getRGB() & 0xffffff);
    }
}
