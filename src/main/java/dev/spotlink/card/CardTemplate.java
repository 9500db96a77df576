package dev.spotlink.card;

import java.util.Arrays;
import java.util.List;

/**
 * A rendered card minus what changes from one command to the next. Two users playing the same track get the same
 * card except for the progress bar and its times, so the rest is drawn and compressed once: a card without a
 * progress bar is kept whole as PNG bytes; a card with one keeps the rows above and below the bar compressed
 * ({@link PngEncoder.Segment}) and the bar's rows as background pixels to draw on. Immutable once built; shared
 * between threads.
 */
final class CardTemplate {

    private final byte[] png;
    private final CardColors colors;
    private final boolean withCode;
    private final int width;
    private final int height;
    private final int bandTop;
    private final int[] band;
    private final int[] rowAboveBand;
    private final PngEncoder.Segment above;
    private final PngEncoder.Segment below;

    private CardTemplate(byte[] png, CardColors colors, boolean withCode, int width, int height, int bandTop, int[] band,
                         int[] rowAboveBand, PngEncoder.Segment above, PngEncoder.Segment below) {
        this.png = png;
        this.colors = colors;
        this.withCode = withCode;
        this.width = width;
        this.height = height;
        this.bandTop = bandTop;
        this.band = band;
        this.rowAboveBand = rowAboveBand;
        this.above = above;
        this.below = below;
    }

    /** A card that never changes: its PNG as is. */
    static CardTemplate whole(byte[] png, CardColors colors, boolean withCode) {
        return new CardTemplate(png, colors, withCode, 0, 0, 0, null, null, null, null);
    }

    /**
     * A card whose rows {@code bandTop..bandBottom-1} change: the others are compressed now.
     *
     * @param pixels the card without its progress bar, RGB ints row by row
     */
    static CardTemplate withBand(int[] pixels, int width, int height, int bandTop, int bandBottom, CardColors colors,
                                 boolean withCode) {
        if (bandTop < 1 || bandBottom <= bandTop || bandBottom > height) {
            throw new IllegalArgumentException("band " + bandTop + ".." + bandBottom + " outside 1.." + height);
        }
        PngEncoder.Segment above = PngEncoder.segment(pixels, width, 0, bandTop, null, false);
        PngEncoder.Segment below = bandBottom == height ? null
                : PngEncoder.segment(pixels, width, bandBottom, height, null, true);
        int[] band = Arrays.copyOfRange(pixels, bandTop * width, bandBottom * width);
        int[] rowAbove = Arrays.copyOfRange(pixels, (bandTop - 1) * width, bandTop * width);
        return new CardTemplate(null, colors, withCode, width, height, bandTop, band, rowAbove, above, below);
    }

    /** Whether the card has a part that changes (then draw on {@link #copyBandInto}, else use {@link #png()}). */
    boolean hasBand() {
        return png == null;
    }

    /** The whole card, for a template without a band. */
    byte[] png() {
        return png;
    }

    CardColors colors() {
        return colors;
    }

    /** Whether the card shows a Spotify code. */
    boolean withCode() {
        return withCode;
    }

    int width() {
        return width;
    }

    int bandTop() {
        return bandTop;
    }

    /** Rows in the band. */
    int bandRows() {
        return band.length / width;
    }

    /** Copies the band's pixels without the progress bar into {@code target} (at least as long), to draw on. */
    void copyBandInto(int[] target) {
        System.arraycopy(band, 0, target, 0, band.length);
    }

    /** The PNG of the card with these pixels in the band (as {@link #copyBandInto} gave them, drawn on). */
    byte[] png(int[] drawnBand) {
        int bandRows = bandRows();
        boolean bandEndsCard = below == null;
        PngEncoder.Segment middle = PngEncoder.segment(drawnBand, width, 0, bandRows, rowAboveBand, bandEndsCard);
        return PngEncoder.assemble(width, height, bandEndsCard
                ? List.of(above, middle) : List.of(above, middle, below));
    }

    /** Bytes held, for the cache's bound. */
    long bytes() {
        if (png != null) {
            return png.length + 64L;
        }
        return 4L * (band.length + rowAboveBand.length) + above.bytes() + (below == null ? 0 : below.bytes()) + 128;
    }
}
