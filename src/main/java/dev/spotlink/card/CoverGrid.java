package dev.spotlink.card;

import dev.spotlink.image.Images;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Pictures of several items at once: a grid of covers, each with a caption (whose it is, or when it played) above
 * its title and artists, under a heading. {@code /listening} draws who plays what in a chat, {@code /recent} and
 * {@code /top} a strip of a member's items. Same fonts and look as the cards; covers come through the shared
 * image cache, fetched side by side. Thread-safe.
 */
public final class CoverGrid {

    /** The most tiles one picture holds. */
    public static final int MAX_TILES = 10;
    private static final String NOTE = "♫";
    private static final Color TOP = new Color(0x1B1F2A);
    private static final Color BOTTOM = new Color(0x0E1015);
    private static final Color TEXT = new Color(0xF4F5F7);
    private static final Color SECONDARY = new Color(0xA7ADBA);
    private static final Color ACCENT = new Color(0x1ED760);

    /**
     * One item of the picture.
     *
     * @param coverUrl cover art, or null for the placeholder
     * @param caption  small line above the title (a member's name, "12 min ago", "#1"), or null
     * @param title    the item's name
     * @param subtitle artists, or null
     */
    public record Tile(String coverUrl, String caption, String title, String subtitle) {
        public Tile {
            Objects.requireNonNull(title, "title");
        }
    }

    /** How the tiles are laid out: how many per row and how wide each cover is. */
    public enum Shape {
        /** Big tiles, few per row: who plays what in a chat. */
        GRID(240),
        /** Smaller tiles, five per row: a member's list. */
        STRIP(176);

        final int tile;

        Shape(int tile) {
            this.tile = tile;
        }
    }

    private final Images images;
    private final CardFonts fonts;

    public CoverGrid(Images images, CardRenderer renderer) {
        this.images = Objects.requireNonNull(images, "images");
        this.fonts = renderer.fonts();
    }

    /**
     * The PNG of {@code tiles} (at most {@link #MAX_TILES}; more are left out) under {@code heading}.
     *
     * @param footer small print at the bottom ("and 3 more"), or null
     */
    public CardImage render(String heading, List<Tile> tiles, String footer, Shape shape, String fileName) {
        List<Tile> shown = tiles.size() > MAX_TILES ? tiles.subList(0, MAX_TILES) : tiles;
        List<Optional<byte[]>> covers = images.covers(shown.stream().map(Tile::coverUrl).toList());
        List<BufferedImage> decoded = new ArrayList<>();
        boolean anyCover = false;
        for (Optional<byte[]> cover : covers) {
            BufferedImage image = cover.flatMap(Raster::decode).map(c -> Raster.squareScaled(c, shape.tile))
                    .orElse(null);
            anyCover |= image != null;
            decoded.add(image);
        }
        BufferedImage picture = draw(heading, shown, decoded, footer, shape);
        return new CardImage(Raster.png(picture), "image/png", fileName, false, anyCover);
    }

    /** The picture itself (tests look at its pixels). */
    BufferedImage draw(String heading, List<Tile> tiles, List<BufferedImage> covers, String footer, Shape shape) {
        int count = Math.max(1, tiles.size());
        int columns = columns(count, shape);
        int rows = (count + columns - 1) / columns;
        int tile = shape.tile;
        int gap = 24;
        int pad = 32;
        int headingHeight = 64;
        int textHeight = 84;
        int footerHeight = footer == null || footer.isBlank() ? 0 : 36;
        int width = pad * 2 + columns * tile + (columns - 1) * gap;
        int height = pad + headingHeight + rows * (tile + textHeight) + (rows - 1) * gap + footerHeight + pad - 8;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            Raster.qualityHints(g);
            g.setPaint(new GradientPaint(0, 0, TOP, 0, height, BOTTOM));
            g.fillRect(0, 0, width, height);
            var frc = g.getFontRenderContext();
            TextFit headingFit = new TextFit(fonts.bold.deriveFont(30f), frc);
            g.setColor(ACCENT);
            g.fillRoundRect(pad, pad + 6, 8, 30, 8, 8);
            g.setColor(TEXT);
            headingFit.draw(g, headingFit.ellipsize(TextFit.clean(heading), width - 2 * pad - 20), pad + 20,
                    pad + 32);
            TextFit caption = new TextFit(fonts.bold.deriveFont(13f), frc);
            TextFit title = new TextFit(fonts.bold.deriveFont(18f), frc);
            TextFit subtitle = new TextFit(fonts.regular.deriveFont(15f), frc);
            for (int i = 0; i < tiles.size(); i++) {
                int x = pad + (i % columns) * (tile + gap);
                int y = pad + headingHeight + (i / columns) * (tile + textHeight + gap);
                drawCover(g, covers.get(i), x, y, tile);
                Tile item = tiles.get(i);
                float baseline = y + tile + 22;
                String captionText = TextFit.clean(item.caption());
                if (!captionText.isEmpty()) {
                    g.setColor(ACCENT);
                    caption.draw(g, caption.ellipsize(captionText.toUpperCase(Locale.ROOT), tile), x, baseline);
                }
                baseline += 24; // titles line up across the row, captioned or not
                g.setColor(TEXT);
                title.draw(g, title.ellipsize(TextFit.clean(item.title()), tile), x, baseline);
                String subtitleText = TextFit.clean(item.subtitle());
                if (!subtitleText.isEmpty()) {
                    g.setColor(SECONDARY);
                    subtitle.draw(g, subtitle.ellipsize(subtitleText, tile), x, baseline + 22);
                }
            }
            if (footerHeight > 0) {
                TextFit small = new TextFit(fonts.regular.deriveFont(15f), frc);
                g.setColor(SECONDARY);
                small.draw(g, small.ellipsize(TextFit.clean(footer), width - 2 * pad), pad, height - pad + 4);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Rows that look balanced: 1–2 side by side, 3 in a row, 4 as 2x2, then up to 5 a row (3 for the grid). */
    static int columns(int count, Shape shape) {
        if (shape == Shape.STRIP) {
            return Math.min(count, 5);
        }
        if (count <= 3) {
            return count;
        }
        return count == 4 ? 2 : count <= 6 ? 3 : count <= 8 ? 4 : 5;
    }

    private void drawCover(Graphics2D g, BufferedImage cover, int x, int y, int size) {
        RoundRectangle2D shape = new RoundRectangle2D.Float(x, y, size, size, 14, 14);
        if (cover == null) {
            Color light = new Color(0x3A4152);
            Color dark = new Color(0x232734);
            g.setPaint(new GradientPaint(x, y, light, x + size, y + size, dark));
            g.fill(shape);
            Font note = fonts.regular.deriveFont(size * 0.42f);
            g.setFont(note);
            Rectangle2D bounds = note.getStringBounds(NOTE, g.getFontRenderContext());
            g.setColor(new Color(255, 255, 255, 120));
            g.drawString(NOTE, x + (size - (float) bounds.getWidth()) / 2,
                    y + (size - (float) bounds.getHeight()) / 2 - (float) bounds.getY());
            return;
        }
        var clip = g.getClip();
        g.clip(shape);
        g.drawImage(cover, x, y, size, size, null);
        g.setClip(clip);
    }
}
