package dev.spotlink.card;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Pixel work for cards: decoding, scaling, recolouring the code, PNG encoding. The decoder's stream is
 * memory-backed on purpose: ImageIO's default cache would write a temp file for every image, and turning that off
 * is a JVM-wide switch.
 */
final class Raster {

    /** Refuse to decode anything larger (a hostile or broken image could ask for gigabytes). */
    static final int MAX_PIXELS = 4096 * 4096;

    private Raster() {
    }

    /** The decoded image, or empty when the bytes are no image ImageIO can read. */
    static Optional<BufferedImage> decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return Optional.empty();
        }
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return Optional.empty();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                if ((long) reader.getWidth(0) * reader.getHeight(0) > MAX_PIXELS) {
                    return Optional.empty();
                }
                return Optional.ofNullable(reader.read(0));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            // ImageIO throws unchecked exceptions for some corrupt files (e.g. CMYK JPEGs, bad PNG chunks)
            return Optional.empty();
        }
    }

    /** PNG bytes of {@code image} (see {@link PngEncoder} for why not ImageIO's writer). */
    static byte[] png(BufferedImage image) {
        return PngEncoder.encode(image);
    }

    /** The centred square of {@code image}, scaled to {@code size}: halved while at least twice as big, then bilinear. */
    static BufferedImage squareScaled(BufferedImage image, int size) {
        int side = Math.min(image.getWidth(), image.getHeight());
        BufferedImage current = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = current.createGraphics();
        try {
            g.drawImage(image, -(image.getWidth() - side) / 2, -(image.getHeight() - side) / 2, null);
        } finally {
            g.dispose();
        }
        while (current.getWidth() / 2 >= size) {
            current = halve(current);
        }
        return current.getWidth() == size ? current : resized(current, size, size);
    }

    /**
     * {@code image} halved (2x2 averages) until neither side reaches {@code 2 * maxSide}: alias-free, and the
     * small RGB copy reads far faster than a decoded JPEG's BGR raster.
     */
    static BufferedImage shrink(BufferedImage image, int maxSide) {
        BufferedImage current = intRgb(image);
        while (Math.max(current.getWidth(), current.getHeight()) >= 2 * maxSide) {
            current = halve(current);
        }
        return current;
    }

    /** {@code image} drawn at {@code width x height} with bilinear filtering, as opaque RGB. */
    static BufferedImage resized(BufferedImage image, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(image, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** {@code image} itself when it is plain {@code TYPE_INT_RGB}, else an opaque RGB copy (a fast blit). */
    static BufferedImage intRgb(BufferedImage image) {
        if (isPlainIntRgb(image)) {
            return image;
        }
        BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = copy.createGraphics();
        try {
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return copy;
    }

    /** The pixel array behind a {@link #isPlainIntRgb} image: reading it skips the per-pixel colour model. */
    static int[] pixels(BufferedImage intRgb) {
        return ((DataBufferInt) intRgb.getRaster().getDataBuffer()).getData();
    }

    static boolean isPlainIntRgb(BufferedImage image) {
        return image.getType() == BufferedImage.TYPE_INT_RGB
                && image.getRaster().getDataBuffer() instanceof DataBufferInt ints
                && ints.getNumBanks() == 1 && ints.getData().length == image.getWidth() * image.getHeight()
                && image.getRaster().getParent() == null;
    }

    /** Half the size, each pixel the mean of a 2x2 block (an odd last row or column is dropped). */
    private static BufferedImage halve(BufferedImage image) {
        int width = image.getWidth();
        int[] in = pixels(image);
        int w = Math.max(1, width / 2);
        int h = Math.max(1, image.getHeight() / 2);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] px = pixels(out);
        int x1 = width > 1 ? 1 : 0;
        int y1 = image.getHeight() > 1 ? width : 0;
        for (int y = 0; y < h; y++) {
            int row = 2 * y * width;
            for (int x = 0; x < w; x++) {
                int i = row + 2 * x;
                int a = in[i];
                int b = in[i + x1];
                int c = in[i + y1];
                int d = in[i + y1 + x1];
                int r = (((a >> 16) & 0xff) + ((b >> 16) & 0xff) + ((c >> 16) & 0xff) + ((d >> 16) & 0xff) + 2) >> 2;
                int gr = (((a >> 8) & 0xff) + ((b >> 8) & 0xff) + ((c >> 8) & 0xff) + ((d >> 8) & 0xff) + 2) >> 2;
                int bl = ((a & 0xff) + (b & 0xff) + (c & 0xff) + (d & 0xff) + 2) >> 2;
                px[y * w + x] = r << 16 | gr << 8 | bl;
            }
        }
        return out;
    }

    /**
     * The code image repainted in the card's colours. The code is fetched once per entity in a neutral style
     * (white bars on black) and used as a coverage mask: a pixel's brightness says how much of it is bar, so
     * anti-aliased edges blend exactly as the codes service would have drawn them on the card's background.
     * A mask of the opposite polarity (dark bars on light) is detected from its corner and read inverted.
     */
    static BufferedImage recolour(BufferedImage mask, Color background, Color bars) {
        BufferedImage source = mask.getColorModel().hasAlpha() ? overBlack(mask) : intRgb(mask);
        int[] in = pixels(source);
        BufferedImage out = new BufferedImage(source.getWidth(), source.getHeight(), BufferedImage.TYPE_INT_RGB);
        int[] px = pixels(out);
        boolean darkGround = brightness(in[0]) < 128;
        int br = background.getRed();
        int bg = background.getGreen();
        int bb = background.getBlue();
        int dr = bars.getRed() - br;
        int dg = bars.getGreen() - bg;
        int db = bars.getBlue() - bb;
        for (int i = 0; i < in.length; i++) {
            int coverage = darkGround ? brightness(in[i]) : 255 - brightness(in[i]);
            px[i] = (br + dr * coverage / 255) << 16 | (bg + dg * coverage / 255) << 8 | (bb + db * coverage / 255);
        }
        return out;
    }

    /** A transparent mask flattened onto black: transparent pixels count as background. */
    private static BufferedImage overBlack(BufferedImage mask) {
        BufferedImage flat = new BufferedImage(mask.getWidth(), mask.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = flat.createGraphics();
        try {
            g.setColor(Color.BLACK);
            g.fillRect(0, 0, mask.getWidth(), mask.getHeight());
            g.drawImage(mask, 0, 0, null);
        } finally {
            g.dispose();
        }
        return flat;
    }

    private static int brightness(int rgb) {
        return (((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff)) / 3;
    }

    /** Antialiased shapes and text, fractional metrics, bilinear scaling, quality over speed: how cards are drawn. */
    static void qualityHints(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    }
}
