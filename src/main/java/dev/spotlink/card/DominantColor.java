package dev.spotlink.card;

import java.awt.Color;
import java.awt.image.BufferedImage;

/**
 * The colour a cover "is": k-means over a downscaled copy, then the cluster with the best mix of population and
 * colourfulness. An average of all pixels would turn a red-and-blue cover purple; the largest cluster alone
 * would pick a grey border over a vivid subject that fills nearly as much.
 */
final class DominantColor {

    /** Covers are averaged in blocks down to at most this many samples per side. */
    static final int GRID = 32;
    private static final int CLUSTERS = 5;
    private static final int ROUNDS = 8;
    /** Weight of a grey cluster relative to a fully saturated one of the same size. */
    private static final double GREY_WEIGHT = 0.35;

    private DominantColor() {
    }

    /** The dominant colour of {@code image} (opaque). */
    static Color of(BufferedImage image) {
        int[] samples = samples(Raster.shrink(image, 2 * GRID));
        int[] centres = seeds(samples);
        int k = centres.length;
        int[] assignment = new int[samples.length];
        long[][] sums = new long[k][3];
        int[] counts = new int[k];
        for (int round = 0; round < ROUNDS; round++) {
            boolean moved = false;
            for (int i = 0; i < samples.length; i++) {
                int nearest = nearest(samples[i], centres);
                moved |= nearest != assignment[i] || round == 0;
                assignment[i] = nearest;
            }
            for (int c = 0; c < k; c++) {
                sums[c][0] = sums[c][1] = sums[c][2] = 0;
                counts[c] = 0;
            }
            for (int i = 0; i < samples.length; i++) {
                int c = assignment[i];
                sums[c][0] += (samples[i] >> 16) & 0xff;
                sums[c][1] += (samples[i] >> 8) & 0xff;
                sums[c][2] += samples[i] & 0xff;
                counts[c]++;
            }
            for (int c = 0; c < k; c++) {
                if (counts[c] > 0) {
                    centres[c] = rgb(sums[c][0] / counts[c], sums[c][1] / counts[c], sums[c][2] / counts[c]);
                }
            }
            if (!moved) {
                break;
            }
        }
        int best = 0;
        double bestScore = -1;
        for (int c = 0; c < k; c++) {
            double share = (double) counts[c] / samples.length;
            double score = share * (GREY_WEIGHT + (1 - GREY_WEIGHT) * colourfulness(centres[c]));
            if (score > bestScore) {
                bestScore = score;
                best = c;
            }
        }
        return new Color(centres[best]);
    }

    /** Block averages on a grid of at most {@link #GRID}², so JPEG noise and fine detail do not form clusters. */
    static int[] samples(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        int cols = Math.min(GRID, width);
        int rows = Math.min(GRID, height);
        long[] r = new long[cols * rows];
        long[] g = new long[cols * rows];
        long[] b = new long[cols * rows];
        int[] n = new int[cols * rows];
        int[] line = new int[width];
        for (int y = 0; y < height; y++) {
            image.getRGB(0, y, width, 1, line, 0, width);
            int row = y * rows / height;
            for (int x = 0; x < width; x++) {
                int cell = row * cols + x * cols / width;
                int p = line[x];
                r[cell] += (p >> 16) & 0xff;
                g[cell] += (p >> 8) & 0xff;
                b[cell] += p & 0xff;
                n[cell]++;
            }
        }
        int[] samples = new int[cols * rows];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = rgb(r[i] / n[i], g[i] / n[i], b[i] / n[i]);
        }
        return samples;
    }

    /**
     * Deterministic starting centres: the means of the most populous cells of a coarse (3 bits per channel)
     * histogram, so the same cover always gives the same colour.
     */
    private static int[] seeds(int[] samples) {
        int[] count = new int[512];
        long[][] sum = new long[512][3];
        for (int p : samples) {
            int bin = ((p >> 21) & 7) << 6 | ((p >> 13) & 7) << 3 | (p >> 5) & 7;
            count[bin]++;
            sum[bin][0] += (p >> 16) & 0xff;
            sum[bin][1] += (p >> 8) & 0xff;
            sum[bin][2] += p & 0xff;
        }
        int[] chosen = new int[CLUSTERS];
        int found = 0;
        boolean[] used = new boolean[512];
        while (found < CLUSTERS) {
            int best = -1;
            for (int bin = 0; bin < 512; bin++) {
                if (!used[bin] && count[bin] > 0 && (best < 0 || count[bin] > count[best])) {
                    best = bin;
                }
            }
            if (best < 0) {
                break;
            }
            used[best] = true;
            chosen[found++] = rgb(sum[best][0] / count[best], sum[best][1] / count[best], sum[best][2] / count[best]);
        }
        int[] centres = new int[found];
        System.arraycopy(chosen, 0, centres, 0, found);
        return centres;
    }

    private static int nearest(int p, int[] centres) {
        int best = 0;
        long bestDistance = Long.MAX_VALUE;
        for (int c = 0; c < centres.length; c++) {
            long distance = distance(p, centres[c]);
            if (distance < bestDistance) {
                bestDistance = distance;
                best = c;
            }
        }
        return best;
    }

    /** Squared distance weighted 2:4:3 (the eye is most sensitive to green): closer to perceived difference. */
    private static long distance(int a, int b) {
        int dr = ((a >> 16) & 0xff) - ((b >> 16) & 0xff);
        int dg = ((a >> 8) & 0xff) - ((b >> 8) & 0xff);
        int db = (a & 0xff) - (b & 0xff);
        return 2L * dr * dr + 4L * dg * dg + 3L * db * db;
    }

    /** Chroma, 0 (grey, including black and white) to 1 (fully saturated). */
    static double colourfulness(int rgb) {
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        return (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b))) / 255.0;
    }

    private static int rgb(long r, long g, long b) {
        return (int) (r << 16 | g << 8 | b);
    }
}
