package dev.spotlink.card;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/** Reading rendered cards back: decoding, ink bands, measured contrast, golden images. */
final class Pixels {

    /** {@code -Dspotlink.updateGoldens=true} rewrites the goldens in src/test/resources/golden instead of comparing. */
    static final String UPDATE_GOLDENS = "spotlink.updateGoldens";
    static final Path GOLDEN_SOURCES = Path.of("src/test/resources/golden");
    /** A pixel "differs" from its golden when a channel is off by more than this. */
    static final int CHANNEL_TOLERANCE = 40;
    /** At most this share of pixels may differ (anti-aliasing of another JDK's rasterizer). */
    static final double DIFFERING_SHARE = 0.005;

    private Pixels() {
    }

    static BufferedImage decode(byte[] png) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            assertNotNull(image, "not a decodable image");
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails unless both images have the same size and every pixel is exactly equal. */
    static void assertSamePixels(BufferedImage expected, BufferedImage actual, String what) {
        assertEquals(expected.getWidth(), actual.getWidth(), what + ": width");
        assertEquals(expected.getHeight(), actual.getHeight(), what + ": height");
        for (int y = 0; y < expected.getHeight(); y++) {
            for (int x = 0; x < expected.getWidth(); x++) {
                if (expected.getRGB(x, y) != actual.getRGB(x, y)) {
                    throw new AssertionError(what + ": pixel " + x + "," + y + " is "
                            + Integer.toHexString(actual.getRGB(x, y)) + ", expected "
                            + Integer.toHexString(expected.getRGB(x, y)));
                }
            }
        }
    }

    /** Row ranges [start, end) inside the box that contain any pixel differing from {@code background}. */
    static List<int[]> inkBands(BufferedImage image, int x0, int y0, int x1, int y1, Color background) {
        List<int[]> bands = new ArrayList<>();
        int start = -1;
        for (int y = y0; y < y1; y++) {
            boolean ink = false;
            for (int x = x0; x < x1 && !ink; x++) {
                ink = differs(image.getRGB(x, y), background.getRGB(), 8);
            }
            if (ink && start < 0) {
                start = y;
            } else if (!ink && start >= 0) {
                bands.add(new int[] {start, y});
                start = -1;
            }
        }
        if (start >= 0) {
            bands.add(new int[] {start, y1});
        }
        return bands;
    }

    /** The highest contrast any pixel in the box has against {@code background}: the fully inked glyph pixels. */
    static double maxContrast(BufferedImage image, int x0, int y0, int x1, int y1, Color background) {
        double max = 1;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                max = Math.max(max, Contrast.ratio(new Color(image.getRGB(x, y)), background));
            }
        }
        return max;
    }

    /** True when no pixel in the box differs from {@code background}. */
    static boolean blank(BufferedImage image, int x0, int y0, int x1, int y1, Color background) {
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                if (differs(image.getRGB(x, y), background.getRGB(), 8)) {
                    return false;
                }
            }
        }
        return true;
    }

    static boolean differs(int a, int b, int tolerance) {
        return Math.abs(((a >> 16) & 0xff) - ((b >> 16) & 0xff)) > tolerance
                || Math.abs(((a >> 8) & 0xff) - ((b >> 8) & 0xff)) > tolerance
                || Math.abs((a & 0xff) - (b & 0xff)) > tolerance;
    }

    /** Compares with {@code golden/NAME.png}, or rewrites it when {@value #UPDATE_GOLDENS} is true. */
    static void assertMatchesGolden(String name, BufferedImage actual) throws IOException {
        String file = name + ".png";
        if (Boolean.getBoolean(UPDATE_GOLDENS)) {
            Files.createDirectories(GOLDEN_SOURCES);
            ImageIO.write(actual, "png", GOLDEN_SOURCES.resolve(file).toFile());
            return;
        }
        BufferedImage golden;
        try (InputStream in = Pixels.class.getResourceAsStream("/golden/" + file)) {
            assertNotNull(in, "no golden " + file + "; create it with mvn test -D" + UPDATE_GOLDENS + "=true");
            golden = ImageIO.read(in);
        }
        assertEquals(golden.getWidth(), actual.getWidth(), name + " width");
        assertEquals(golden.getHeight(), actual.getHeight(), name + " height");
        long differing = 0;
        for (int y = 0; y < golden.getHeight(); y++) {
            for (int x = 0; x < golden.getWidth(); x++) {
                if (differs(golden.getRGB(x, y), actual.getRGB(x, y), CHANNEL_TOLERANCE)) {
                    differing++;
                }
            }
        }
        double share = (double) differing / (golden.getWidth() * golden.getHeight());
        if (share > DIFFERING_SHARE) {
            Path out = Path.of("target", "golden-diff");
            Files.createDirectories(out);
            ImageIO.write(actual, "png", out.resolve(name + "-actual.png").toFile());
        }
        assertTrue(share <= DIFFERING_SHARE, String.format("%s: %.3f%% of pixels differ from the golden (at most "
                + "%.3f%%); the actual image is in target/golden-diff", name, share * 100, DIFFERING_SHARE * 100));
    }
}
