package dev.spotlink.card;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlink.spotify.CodeStyle;
import java.awt.Color;
import org.junit.jupiter.api.Test;

class ContrastTest {

    @Test
    void matchesKnownWcagRatios() {
        assertEquals(21.0, Contrast.ratio(Color.WHITE, Color.BLACK), 1e-9);
        assertEquals(1.0, Contrast.ratio(Color.RED, Color.RED), 1e-9);
        assertEquals(4.54, Contrast.ratio(new Color(0x767676), Color.WHITE), 0.01);
        assertEquals(4.48, Contrast.ratio(new Color(0x777777), Color.WHITE), 0.01);
        assertEquals(Contrast.ratio(Color.BLUE, Color.YELLOW), Contrast.ratio(Color.YELLOW, Color.BLUE), 1e-12);
    }

    /** The proof in {@link Contrast}'s Javadoc, checked on all 16,777,216 opaque colours. */
    @Test
    void blackOrWhiteReachesAtLeastSqrt21OnEveryColour() {
        double worst = Double.MAX_VALUE;
        int worstRgb = -1;
        for (int rgb = 0; rgb <= 0xffffff; rgb++) {
            double l = Contrast.luminance(rgb);
            double white = Contrast.ratio(1.0, l);
            double black = Contrast.ratio(0.0, l);
            double chosen = Contrast.whiteWins(l) ? white : black;
            assertEquals(Math.max(white, black), chosen, 1e-12);
            if (chosen < worst) {
                worst = chosen;
                worstRgb = rgb;
            }
        }
        assertTrue(worst >= Contrast.GUARANTEED - 1e-9, "worst " + worst + " at " + Integer.toHexString(worstRgb));
        assertTrue(worst >= 4.58, "worst " + worst);
        assertTrue(worst < 4.6, "the bound is tight: some colour comes close");
    }

    @Test
    void everyCardColourSchemeKeepsAaContrastForAllText() {
        for (int r = 0; r < 256; r += 5) {
            for (int g = 0; g < 256; g += 5) {
                for (int b = 0; b < 256; b += 5) {
                    Color background = new Color(r, g, b);
                    CardColors colors = CardColors.on(background);
                    assertTrue(Contrast.ratio(colors.text(), background) >= Contrast.GUARANTEED - 1e-9);
                    assertTrue(Contrast.ratio(colors.secondaryText(), background) >= Contrast.AA_TEXT,
                            () -> "secondary text on " + background);
                    assertEquals(colors.text().equals(Color.WHITE) ? Color.WHITE : Color.BLACK, colors.barColor(),
                            "bars follow the same contrast choice");
                }
            }
        }
    }

    @Test
    void forcedBarsAreKeptAndTheHexIsWhatTheCodesServiceWants() {
        CardColors colors = CardColors.on(new Color(0x1DB954), CodeStyle.Bars.WHITE);

        assertEquals(CodeStyle.Bars.WHITE, colors.bars());
        assertEquals(Color.BLACK, colors.text(), "text still follows contrast");
        assertEquals("1db954", colors.backgroundHex());
        assertEquals("1db954", colors.codeStyle(CodeStyle.Format.PNG, 640).background());
    }
}
