package dev.spotlink.card;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

/** The PNG writer, whole and in segments: what a strict decoder reads back, checksums included. */
class PngEncoderTest {

    private final Random random = new Random(7);

    @Test
    void adlerOfTwoPartsCombinesIntoTheAdlerOfTheWhole() {
        for (int[] lengths : new int[][] {{0, 0}, {0, 10}, {10, 0}, {1, 1}, {65_521, 3}, {5, 65_521}, {70_000, 200_000},
                {123_457, 98_765}}) {
            byte[] first = bytes(lengths[0]);
            byte[] second = bytes(lengths[1]);
            // extremes too: all 0xff drives both sums around the modulus quickly
            if (lengths[0] == 70_000) {
                Arrays.fill(first, (byte) 0xff);
            }
            assertEquals(adler(first, second),
                    PngEncoder.combineAdler(adler(first), adler(second), second.length),
                    lengths[0] + " + " + lengths[1] + " bytes");
        }
    }

    @Test
    void wholeImageDecodesToTheSamePixelsAndChecksOut() {
        BufferedImage image = noisyImage(97, 61);
        byte[] png = PngEncoder.encode(image);

        Pixels.assertSamePixels(image, Pixels.decode(png), "decoded");
        inflateStrictly(png);
    }

    @Test
    void segmentsWrittenSeparatelyFormOneValidImage() {
        BufferedImage image = noisyImage(80, 50);
        int[] pixels = PngEncoder.pixels(image);
        int[] rowAbove = Arrays.copyOfRange(pixels, 19 * 80, 20 * 80);
        byte[] png = PngEncoder.assemble(80, 50, List.of(
                PngEncoder.segment(pixels, 80, 0, 20, null, false),
                PngEncoder.segment(pixels, 80, 20, 31, rowAbove, false),
                PngEncoder.segment(pixels, 80, 31, 50, null, true)));

        Pixels.assertSamePixels(image, Pixels.decode(png), "decoded");
        inflateStrictly(png);
    }

    @Test
    void aSegmentThatDoesNotKnowTheRowAboveStaysValidWhateverThatRowBecomes() {
        // The rows below a card's progress bar are compressed once and reused under bars drawn later: their first
        // row must not be stored as a difference from the row above it.
        BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        int[] pixels = PngEncoder.pixels(image);
        Arrays.fill(pixels, 0x336699); // flat: "Up" would be the cheapest filter everywhere
        PngEncoder.Segment top = PngEncoder.segment(pixels, 40, 0, 10, null, false);
        PngEncoder.Segment bottom = PngEncoder.segment(pixels, 40, 20, 30, null, true);

        for (int fill : new int[] {0x000000, 0xffffff, 0x12ab34}) {
            int[] band = new int[40 * 10];
            Arrays.fill(band, fill);
            int[] rowAbove = Arrays.copyOfRange(pixels, 9 * 40, 10 * 40);
            byte[] png = PngEncoder.assemble(40, 30, List.of(top, PngEncoder.segment(band, 40, 0, 10, rowAbove, false),
                    bottom));
            BufferedImage decoded = Pixels.decode(png);
            inflateStrictly(png);
            assertEquals(fill, decoded.getRGB(5, 15) & 0xffffff, "the band");
            assertEquals(0x336699, decoded.getRGB(5, 20) & 0xffffff, "the first row below the band");
            assertEquals(0x336699, decoded.getRGB(39, 29) & 0xffffff, "the last row");
        }
    }

    private BufferedImage noisyImage(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                // flat runs and noise: both filters get chosen somewhere
                image.setRGB(x, y, y % 7 < 3 ? 0x204060 + x : random.nextInt(0x1000000));
            }
        }
        return image;
    }

    /** Inflates the IDAT data with zlib, which refuses a wrong Adler-32, and checks every chunk's CRC. */
    private static void inflateStrictly(byte[] png) {
        ByteBuffer in = ByteBuffer.wrap(png, 8, png.length - 8);
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        int height = 0;
        int width = 0;
        while (in.hasRemaining()) {
            int length = in.getInt();
            byte[] type = new byte[4];
            in.get(type);
            byte[] data = new byte[length];
            in.get(data);
            CRC32 crc = new CRC32();
            crc.update(type);
            crc.update(data);
            assertEquals((int) crc.getValue(), in.getInt(), "CRC of " + new String(type, StandardCharsets.US_ASCII));
            String name = new String(type, StandardCharsets.US_ASCII);
            if (name.equals("IHDR")) {
                width = ByteBuffer.wrap(data).getInt();
                height = ByteBuffer.wrap(data).getInt(4);
            } else if (name.equals("IDAT")) {
                idat.writeBytes(data);
            }
        }
        Inflater inflater = new Inflater();
        inflater.setInput(idat.toByteArray());
        byte[] out = new byte[(1 + 3 * width) * height + 16];
        try {
            int n = inflater.inflate(out);
            assertTrue(inflater.finished(), "the zlib stream ends (final block and a matching Adler-32)");
            assertEquals((1 + 3 * width) * height, n);
            assertEquals(0, inflater.getRemaining(), "nothing after the stream");
        } catch (DataFormatException e) {
            throw new AssertionError("zlib refused the data: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }

    private byte[] bytes(int length) {
        byte[] data = new byte[length];
        random.nextBytes(data);
        return data;
    }

    private static long adler(byte[]... parts) {
        Adler32 adler = new Adler32();
        for (byte[] part : parts) {
            adler.update(part);
        }
        return adler.getValue();
    }
}
