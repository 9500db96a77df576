package dev.spotlink.card;

import dev.spotlink.spotify.CodeStyle;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.LineMetrics;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Draws share cards: cover art left, label/title/artists/album right, an optional progress bar, and the Spotify
 * code across the bottom. Java2D in-process; thread-safe (fonts are loaded once and immutable, each render has
 * its own image). Needs no display: runs with {@code java.awt.headless=true}.
 *
 * <p>The layout is designed at 640 px and scaled to the asked width. The code comes as a neutral mask (see
 * {@link #codeMaskStyle(int)}) and is recoloured here, so the cover and the code can be fetched in parallel
 * and one cached code serves every colour scheme.
 */
public final class CardRenderer {

    public static final int DEFAULT_WIDTH = ShareStyle.DEFAULT_CARD_WIDTH;
    private static final float BASE = 640f;
    private static final String NOTE = "♫";
    /** Anti-aliased with fractional metrics, as {@link #hints} sets every card's graphics. */
    private static final FontRenderContext TIMES_CONTEXT = new FontRenderContext(null, true, true);

    private final CardFonts fonts;

    /** Loads the bundled fonts; build one per process and share it. */
    public CardRenderer() {
        this.fonts = new CardFonts();
    }

    /** The bundled fonts, for the other pictures of this package. */
    CardFonts fonts() {
        return fonts;
    }

    /** The font titles are drawn with (tests check glyph coverage with it). */
    public Font titleFont() {
        return fonts.bold;
    }

    /**
     * The code image to request for a card {@code width} wide: PNG, white bars on black, exactly as wide as the
     * card's code area. The renderer recolours it into the card's background and bar colours.
     */
    public static CodeStyle codeMaskStyle(int width) {
        return new CodeStyle(CodeStyle.Format.PNG, "000000", CodeStyle.Bars.WHITE, Layout.of(width, true).codeWidth);
    }

    /** The decoded image, or empty for bytes ImageIO cannot read. */
    public Optional<BufferedImage> decode(byte[] image) {
        return Raster.decode(image);
    }

    /**
     * The cover decoded and scaled to the size a card {@code width} wide draws it at: colour picking and drawing
     * then share one small image instead of each working through the full-size one. Empty when undecodable.
     */
    public Optional<BufferedImage> coverFor(byte[] image, int width) {
        return Raster.decode(image).map(cover -> Raster.squareScaled(cover, Layout.of(width, false).coverSize));
    }

    /** The card colours for a cover (null: the placeholder's), text and bars chosen by contrast. */
    public CardColors colorsFor(BufferedImage cover) {
        return CardColors.on(cover == null ? CardColors.PLACEHOLDER_BACKGROUND : DominantColor.of(cover));
    }

    /** The cover's dominant colour (not an average: see {@link DominantColor}). */
    public Color dominantColor(BufferedImage cover) {
        return DominantColor.of(cover);
    }

    /**
     * A PNG card. Undecodable images count as missing: no cover gives the placeholder, no code gives a card
     * without the code area.
     *
     * @param cover    cover art bytes (JPEG/PNG), or empty
     * @param codeMask code image in {@link #codeMaskStyle(int)}, or empty (local file, codes service down)
     * @param options  width, and background/bars when not automatic
     */
    public byte[] render(CardContent content, Optional<byte[]> cover, Optional<byte[]> codeMask,
                         ShareStyle.Options options) {
        BufferedImage coverImage = cover.flatMap(bytes -> coverFor(bytes, options.size())).orElse(null);
        BufferedImage maskImage = codeMask.flatMap(Raster::decode).orElse(null);
        Color auto = options.background().isPresent() || coverImage == null ? null : DominantColor.of(coverImage);
        CardColors colors = options.colors(auto);
        return Raster.png(draw(content, coverImage, maskImage, colors, options.size()));
    }

    /** The card as an image, in the given colours; {@code cover} and {@code codeMask} may be null. */
    public BufferedImage draw(CardContent content, BufferedImage cover, BufferedImage codeMask, CardColors colors,
                              int width) {
        return draw(content, cover, codeMask, colors, width, true);
    }

    /**
     * What {@link #draw} draws, with the progress bar left out, prepared for {@link #png(CardTemplate,
     * CardContent.Progress)}: the same PNG as drawing the whole card, at the cost of the bar's rows only.
     */
    CardTemplate template(CardContent content, BufferedImage cover, BufferedImage codeMask, CardColors colors,
                          int width) {
        boolean withCode = codeMask != null;
        BufferedImage card = draw(content, cover, codeMask, colors, width, false);
        if (content.progress() == null) {
            return CardTemplate.whole(Raster.png(card), colors, withCode);
        }
        Layout layout = Layout.of(width, withCode);
        Bar bar = Bar.of(layout);
        // The band holds every pixel the bar, its knob and its times can touch (anti-aliasing adds one pixel),
        // and must not reach the code: the code is drawn after the bar, the band's background before it.
        int top = (int) Math.floor(bar.knobTop()) - 2;
        LineMetrics times = timesFont(layout).getLineMetrics("0:00", TIMES_CONTEXT);
        int bottom = (int) Math.ceil(bar.timesBaseline() + times.getDescent()) + 2;
        int limit = withCode ? layout.codeY : layout.height;
        if (top < 1 || bottom > limit) {
            throw new IllegalStateException("progress rows " + top + ".." + bottom + " overlap the card's other parts"
                    + " at width " + width);
        }
        return CardTemplate.withBand(Raster.pixels(card), width, layout.height, top, bottom, colors, withCode);
    }

    /** The PNG of a card made from {@code template}, with {@code progress} drawn when it has a progress bar. */
    byte[] png(CardTemplate template, CardContent.Progress progress) {
        if (!template.hasBand()) {
            return template.png();
        }
        int width = template.width();
        BufferedImage band = new BufferedImage(width, template.bandRows(), BufferedImage.TYPE_INT_RGB);
        int[] pixels = Raster.pixels(band);
        template.copyBandInto(pixels);
        Graphics2D g = band.createGraphics();
        try {
            hints(g);
            g.translate(0, -template.bandTop()); // whole pixels: the same coverage as on the whole card
            drawProgress(g, progress, template.colors(), Layout.of(width, template.withCode()));
        } finally {
            g.dispose();
        }
        return template.png(pixels);
    }

    private BufferedImage draw(CardContent content, BufferedImage cover, BufferedImage codeMask, CardColors colors,
                               int width, boolean withProgress) {
        Layout layout = Layout.of(width, codeMask != null);
        BufferedImage card = new BufferedImage(width, layout.height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = card.createGraphics();
        try {
            hints(g);
            g.setColor(colors.background());
            g.fillRect(0, 0, width, layout.height);
            if (cover != null) {
                drawCover(g, cover, colors, layout);
            } else {
                drawPlaceholder(g, colors, layout);
            }
            drawText(g, content, colors, layout);
            if (withProgress && content.progress() != null) {
                drawProgress(g, content.progress(), colors, layout);
            }
            if (codeMask != null) {
                drawCode(g, Raster.recolour(codeMask, colors.background(), colors.barColor()), layout);
            }
        } finally {
            g.dispose();
        }
        return card;
    }

    /** The code fitted into its area (it already fits exactly when fetched in {@link #codeMaskStyle(int)}). */
    private static void drawCode(Graphics2D g, BufferedImage code, Layout l) {
        double scale = Math.min((double) l.codeWidth / code.getWidth(), (double) l.codeHeight / code.getHeight());
        int width = Math.max(1, (int) Math.round(code.getWidth() * scale));
        int height = Math.max(1, (int) Math.round(code.getHeight() * scale));
        BufferedImage fitted = width == code.getWidth() && height == code.getHeight() ? code
                : Raster.resized(code, width, height);
        g.drawImage(fitted, l.pad + (l.codeWidth - width) / 2, l.codeY + (l.codeHeight - height) / 2, null);
    }

    private static void hints(Graphics2D g) {
        Raster.qualityHints(g);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    }

    private static void drawCover(Graphics2D g, BufferedImage cover, CardColors colors, Layout l) {
        g.drawImage(Raster.squareScaled(cover, l.coverSize), l.pad, l.pad, null);
        // Rounded corners by painting the background over them: anti-aliased, unlike a clip.
        Area corners = new Area(new Rectangle2D.Float(l.pad, l.pad, l.coverSize, l.coverSize));
        corners.subtract(new Area(coverShape(l)));
        g.setColor(colors.background());
        g.fill(corners);
    }

    /** A soft diagonal gradient of the card colour with a note: clearly "no cover", still calm. */
    private void drawPlaceholder(Graphics2D g, CardColors colors, Layout l) {
        Color light = Contrast.mix(colors.background(), Color.WHITE, 0.18);
        Color dark = Contrast.mix(colors.background(), Color.BLACK, 0.30);
        g.setPaint(new GradientPaint(l.pad, l.pad, light, l.pad + l.coverSize, l.pad + l.coverSize, dark));
        g.fill(coverShape(l));
        Font note = fonts.regular.deriveFont(l.coverSize * 0.46f);
        g.setFont(note);
        Rectangle2D bounds = note.getStringBounds(NOTE, g.getFontRenderContext());
        Color glyph = Contrast.blackOrWhite(Contrast.mix(light, dark, 0.5));
        g.setColor(new Color(glyph.getRed(), glyph.getGreen(), glyph.getBlue(), 150));
        float x = l.pad + (l.coverSize - (float) bounds.getWidth()) / 2;
        float y = l.pad + (l.coverSize - (float) bounds.getHeight()) / 2 - (float) bounds.getY();
        g.drawString(NOTE, x, y);
    }

    private static RoundRectangle2D coverShape(Layout l) {
        float radius = 16 * l.scale;
        return new RoundRectangle2D.Float(l.pad, l.pad, l.coverSize, l.coverSize, radius, radius);
    }

    /** Label, title (up to 2 lines), artists, album: centred beside the cover, or top-aligned above a progress bar. */
    private void drawText(Graphics2D g, CardContent content, CardColors colors, Layout l) {
        float s = l.scale;
        var frc = g.getFontRenderContext();
        TextFit label = new TextFit(fonts.bold.deriveFont(13 * s), frc);
        TextFit title = new TextFit(fonts.bold.deriveFont(28 * s), frc);
        TextFit artists = new TextFit(fonts.regular.deriveFont(19 * s), frc);
        TextFit collection = new TextFit(fonts.regular.deriveFont(16 * s), frc);

        List<Line> lines = new ArrayList<>();
        String labelText = TextFit.clean(content.label()).toUpperCase(Locale.ROOT);
        if (!labelText.isEmpty()) {
            add(lines, label, label.ellipsize(labelText, l.textWidth), colors.secondaryText(), 0);
        }
        List<String> titleLines = title.wrap(TextFit.clean(content.title()), l.textWidth, 2);
        for (int i = 0; i < titleLines.size(); i++) {
            add(lines, title, titleLines.get(i), colors.text(), (i == 0 ? 36 : 34) * s);
        }
        String artistText = TextFit.clean(content.artists());
        if (!artistText.isEmpty()) {
            add(lines, artists, artists.ellipsize(artistText, l.textWidth), colors.text(), 30 * s);
        }
        String collectionText = TextFit.clean(content.collection());
        if (!collectionText.isEmpty()) {
            add(lines, collection, collection.ellipsize(collectionText, l.textWidth), colors.secondaryText(),
                    26 * s);
        }
        float blockHeight = 0;
        for (Line line : lines) {
            blockHeight += line.advance();
        }
        float descent = 6 * s;
        float top = content.progress() != null ? l.pad + 4 * s
                : l.pad + Math.max(0, (l.coverSize - blockHeight - descent) / 2);
        float baseline = top;
        for (Line line : lines) {
            baseline += line.advance();
            g.setColor(line.colour());
            line.fit().draw(g, line.text(), l.textX, baseline);
        }
    }

    /** One line of text and the distance from the previous baseline to its own. */
    private record Line(TextFit fit, String text, Color colour, float advance) {
    }

    /** The first line's advance is its cap height, so the block's top is where its capitals start. */
    private static void add(List<Line> lines, TextFit fit, String text, Color colour, float advance) {
        lines.add(new Line(fit, text, colour, lines.isEmpty() ? fit.font().getSize2D() * 0.73f : advance));
    }

    private void drawProgress(Graphics2D g, CardContent.Progress progress, CardColors colors, Layout l) {
        Bar bar = Bar.of(l);
        float x = l.textX;
        float w = l.textWidth;
        float barHeight = bar.height();
        g.setColor(colors.track());
        g.fill(new RoundRectangle2D.Float(x, bar.y(), w, barHeight, barHeight, barHeight));
        float filled = (float) (w * progress.fraction());
        g.setColor(colors.text());
        if (filled > 0) {
            g.fill(new RoundRectangle2D.Float(x, bar.y(), Math.max(filled, barHeight), barHeight, barHeight,
                    barHeight));
        }
        float knob = bar.knob();
        float knobX = Math.max(x, Math.min(x + w - knob, x + filled - knob / 2));
        g.fill(new Ellipse2D.Float(knobX, bar.knobTop(), knob, knob));
        TextFit times = new TextFit(timesFont(l), g.getFontRenderContext());
        String elapsed = clock(Math.min(progress.positionMs(), Math.max(progress.durationMs(), 0)));
        String total = clock(progress.durationMs());
        g.setColor(colors.secondaryText());
        times.draw(g, elapsed, x, bar.timesBaseline());
        times.draw(g, total, x + w - times.width(total), bar.timesBaseline());
    }

    private Font timesFont(Layout l) {
        return fonts.regular.deriveFont(13 * l.scale);
    }

    /** Where the progress bar, its knob and its times go. */
    private record Bar(float y, float height, float knob, float timesBaseline) {
        static Bar of(Layout l) {
            float s = l.scale;
            return new Bar(l.pad + l.coverSize - 30 * s, 6 * s, 14 * s, l.pad + l.coverSize);
        }

        float knobTop() {
            return y + height / 2 - knob / 2;
        }
    }

    /** m:ss or h:mm:ss. */
    static String clock(long millis) {
        long seconds = Math.max(0, millis) / 1000;
        long h = seconds / 3600;
        long m = seconds % 3600 / 60;
        long sec = seconds % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, sec)
                : String.format(Locale.ROOT, "%d:%02d", m, sec);
    }

    /** Where everything goes on a card {@code width} wide. */
    static final class Layout {
        final float scale;
        final int pad;
        final int coverSize;
        final int textX;
        final int textWidth;
        final int codeY;
        final int codeWidth;
        final int codeHeight;
        final int height;

        private Layout(int width, boolean withCode) {
            if (width < ShareStyle.MIN_CARD_WIDTH || width > ShareStyle.MAX_CARD_WIDTH) {
                throw new IllegalArgumentException("card width " + width + " outside " + ShareStyle.MIN_CARD_WIDTH
                        + ".." + ShareStyle.MAX_CARD_WIDTH);
            }
            scale = width / BASE;
            pad = Math.round(32 * scale);
            coverSize = Math.round(208 * scale);
            textX = pad + coverSize + Math.round(28 * scale);
            textWidth = width - textX - pad;
            codeY = pad + coverSize + Math.round(20 * scale);
            codeWidth = width - 2 * pad;
            // the codes service draws codes 4:1
            codeHeight = withCode ? codeWidth / 4 : 0;
            height = withCode ? codeY + codeHeight + Math.round(20 * scale) : 2 * pad + coverSize;
        }

        static Layout of(int width, boolean withCode) {
            return new Layout(width, withCode);
        }
    }
}
