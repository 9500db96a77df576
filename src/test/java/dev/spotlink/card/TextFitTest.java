package dev.spotlink.card;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextFitTest {

    static final Font FONT = new CardFonts().bold.deriveFont(28f);
    static final TextFit FIT = new TextFit(FONT, new FontRenderContext(null, true, true));

    @Test
    void shortTextIsLeftAlone() {
        assertEquals("Blue", FIT.ellipsize("Blue", 300));
        assertEquals(List.of("Blue"), FIT.wrap("Blue", 300, 2));
    }

    @Test
    void longTextIsCutWithAnEllipsisWithinTheWidth() {
        String text = "A Night At The Opera (2011 Remaster) and then some more words";
        String cut = FIT.ellipsize(text, 300);

        assertTrue(cut.endsWith("…"), cut);
        assertTrue(FIT.width(cut) <= 300, cut);
        assertTrue(text.startsWith(cut.substring(0, cut.length() - 1).stripTrailing()), cut);
        assertEquals("…", FIT.ellipsize(text, 1), "even a hopeless width gives something bounded");
    }

    @Test
    void wrapsBetweenWordsThenEllipsizesTheLastLine() {
        List<String> lines = FIT.wrap("Bohemian Rhapsody Remastered 2011 Version With Extra Words", 300, 2);

        assertEquals(2, lines.size());
        assertEquals("Bohemian", lines.get(0).split(" ")[0]);
        assertTrue(!lines.get(0).endsWith(" ") && !lines.get(0).endsWith("…"), lines.get(0));
        assertTrue(lines.get(1).endsWith("…"), lines.get(1));
        for (String line : lines) {
            assertTrue(FIT.width(line) <= 300, line);
        }
    }

    @Test
    void breaksAWordTooLongForALine() {
        List<String> lines = FIT.wrap("Оооооооооооооооооооооооооооооооооооооо", 200, 2);

        assertEquals(2, lines.size());
        assertTrue(FIT.width(lines.get(0)) <= 200);
        assertTrue(lines.get(1).endsWith("…"));
    }

    @Test
    void charactersTheFontLacksFallBackInsteadOfFailing() {
        String mixed = "東京 Tokyo 🎵";
        assertTrue(FONT.canDisplayUpTo(mixed) >= 0, "DejaVu has no CJK: this exercises the fallback");

        assertTrue(FIT.width(mixed) > FIT.width("Tokyo"));
        String cut = FIT.ellipsize(mixed + " " + mixed + " " + mixed, 150);
        assertTrue(FIT.width(cut) <= 150, cut);
    }

    @Test
    void cleansControlCharacters() {
        assertEquals("a b c", TextFit.clean(" a\n\tb \r\n c "));
        assertEquals("", TextFit.clean(null));
    }
}
