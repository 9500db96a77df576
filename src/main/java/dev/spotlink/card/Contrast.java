package dev.spotlink.card;

import java.awt.Color;

/**
 * WCAG 2.x relative luminance and contrast ratio.
 *
 * <p>Why white-or-black text always passes 4.5:1: for a background of luminance {@code L}, white gives
 * {@code 1.05 / (L + 0.05)} and black gives {@code (L + 0.05) / 0.05}. Their product is {@code 1.05 / 0.05 = 21}
 * whatever {@code L} is, so the larger of the two is at least {@code sqrt(21) ≈ 4.583}. The worst background
 * ({@code L ≈ 0.179}) reaches exactly that with either colour.
 */
public final class Contrast {

    /** The least contrast {@link #blackOrWhite} can give: {@code sqrt(21)}. */
    public static final double GUARANTEED = Math.sqrt(21);
    /** WCAG AA for normal text. */
    public static final double AA_TEXT = 4.5;

    private static final double[] LINEAR = new double[256];

    static {
        for (int i = 0; i < 256; i++) {
            double c = i / 255.0;
            LINEAR[i] = c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
        }
    }

    private Contrast() {
    }

    /** Relative luminance of an sRGB colour, 0 (black) to 1 (white). */
    public static double luminance(int rgb) {
        return 0.2126 * LINEAR[(rgb >> 16) & 0xff] + 0.7152 * LINEAR[(rgb >> 8) & 0xff] + 0.0722 * LINEAR[rgb & 0xff];
    }

    public static double luminance(Color colour) {
        return luminance(colour.getRGB());
    }

    /** Contrast ratio, 1 to 21, order-independent. */
    public static double ratio(Color a, Color b) {
        return ratio(luminance(a), luminance(b));
    }

    static double ratio(double luminanceA, double luminanceB) {
        double lighter = Math.max(luminanceA, luminanceB);
        double darker = Math.min(luminanceA, luminanceB);
        return (lighter + 0.05) / (darker + 0.05);
    }

    /** True when white has at least black's contrast against a background of this luminance. */
    static boolean whiteWins(double backgroundLuminance) {
        return 1.05 / (backgroundLuminance + 0.05) >= (backgroundLuminance + 0.05) / 0.05;
    }

    /** White or black, whichever contrasts more with {@code background} (always ≥ {@link #GUARANTEED}). */
    public static Color blackOrWhite(Color background) {
        return whiteWins(luminance(background)) ? Color.WHITE : Color.BLACK;
    }

    /** {@code a} moved towards {@code b} by {@code t} (0 = a, 1 = b), per sRGB channel. */
    static Color mix(Color a, Color b, double t) {
        return new Color(
                (int) Math.round(a.getRed() + (b.getRed() - a.getRed()) * t),
                (int) Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * t),
                (int) Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * t));
    }
}
