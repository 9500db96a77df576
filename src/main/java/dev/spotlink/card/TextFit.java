package dev.spotlink.card;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.font.FontRenderContext;
import java.awt.font.TextAttribute;
import java.awt.font.TextLayout;
import java.text.AttributedString;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Measures, wraps, ellipsizes and draws one font's text within a width. Characters the bundled font lacks (CJK,
 * emoji) fall back to the JVM's logical sans-serif font run by run, so they show as glyphs where the machine has
 * them instead of as boxes; Latin and Cyrillic never touch a system font.
 */
final class TextFit {

    static final String ELLIPSIS = "…";

    private final Font font;
    private final FontRenderContext frc;

    TextFit(Font font, FontRenderContext frc) {
        this.font = font;
        this.frc = frc;
    }

    Font font() {
        return font;
    }

    /** Control characters (newlines in a title) become spaces, runs of spaces one. */
    static String clean(String text) {
        return text == null ? "" : text.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
    }

    float width(String text) {
        if (text.isEmpty()) {
            return 0;
        }
        if (font.canDisplayUpTo(text) == -1) {
            return (float) font.getStringBounds(text, frc).getWidth();
        }
        return new TextLayout(styled(text).getIterator(), frc).getAdvance();
    }

    /** {@code text} itself when it fits, else its longest fitting start (whole graphemes) plus "…". */
    String ellipsize(String text, float maxWidth) {
        if (width(text) <= maxWidth) {
            return text;
        }
        List<Integer> cuts = graphemeEnds(text);
        int low = 0;
        int high = cuts.size() - 1;
        String best = ELLIPSIS;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            String candidate = text.substring(0, cuts.get(mid)).stripTrailing() + ELLIPSIS;
            if (width(candidate) <= maxWidth) {
                best = candidate;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return best;
    }

    /**
     * At most {@code maxLines} lines, broken between words (inside a word only when it alone is too wide); the
     * last line is ellipsized when text remains.
     */
    List<String> wrap(String text, float maxWidth, int maxLines) {
        List<String> lines = new ArrayList<>();
        String rest = text.strip();
        while (!rest.isEmpty() && lines.size() < maxLines - 1) {
            int end = fittingPrefix(rest, maxWidth);
            if (end >= rest.length()) {
                lines.add(rest);
                return lines;
            }
            lines.add(rest.substring(0, end).stripTrailing());
            rest = rest.substring(end).stripLeading();
        }
        if (!rest.isEmpty()) {
            lines.add(ellipsize(rest, maxWidth));
        }
        return lines;
    }

    /** Draws {@code text} with its baseline at {@code y}. */
    void draw(Graphics2D g, String text, float x, float y) {
        if (text.isEmpty()) {
            return;
        }
        if (font.canDisplayUpTo(text) == -1) {
            g.setFont(font);
            g.drawString(text, x, y);
        } else {
            g.drawString(styled(text).getIterator(), x, y);
        }
    }

    /** End index of the longest start of {@code text} that fits, preferring a word boundary. */
    private int fittingPrefix(String text, float maxWidth) {
        if (width(text) <= maxWidth) {
            return text.length();
        }
        BreakIterator words = BreakIterator.getLineInstance(Locale.ROOT);
        words.setText(text);
        int fitting = -1;
        for (int end = words.next(); end != BreakIterator.DONE; end = words.next()) {
            if (width(text.substring(0, end).stripTrailing()) > maxWidth) {
                break;
            }
            fitting = end;
        }
        if (fitting > 0) {
            return fitting;
        }
        // one word wider than the line: break it between graphemes
        int hard = 0;
        for (int end : graphemeEnds(text)) {
            if (width(text.substring(0, end)) > maxWidth) {
                break;
            }
            hard = end;
        }
        return Math.max(hard, Character.charCount(text.codePointAt(0)));
    }

    private static List<Integer> graphemeEnds(String text) {
        BreakIterator graphemes = BreakIterator.getCharacterInstance(Locale.ROOT);
        graphemes.setText(text);
        List<Integer> ends = new ArrayList<>();
        for (int end = graphemes.next(); end != BreakIterator.DONE; end = graphemes.next()) {
            ends.add(end);
        }
        return ends;
    }

    private AttributedString styled(String text) {
        AttributedString styled = new AttributedString(text);
        styled.addAttribute(TextAttribute.FONT, font);
        // Fonts from createFont report PLAIN even when the file is a bold face; the name tells.
        int style = font.getFontName(Locale.ROOT).contains("Bold") ? Font.BOLD : Font.PLAIN;
        Font fallback = new Font(Font.SANS_SERIF, style, 1).deriveFont(font.getSize2D());
        int i = 0;
        while (i < text.length()) {
            int missing = font.canDisplayUpTo(text.substring(i));
            if (missing == -1) {
                break;
            }
            int start = i + missing;
            int end = start;
            while (end < text.length() && !font.canDisplay(text.codePointAt(end))) {
                end += Character.charCount(text.codePointAt(end));
            }
            end = Math.max(end, start + Character.charCount(text.codePointAt(start)));
            styled.addAttribute(TextAttribute.FONT, fallback, start, end);
            i = end;
        }
        return styled;
    }
}
