package dev.spotlink.card;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A minimal PNG writer for opaque RGB images (8 bits per channel, no interlace). ImageIO's writer tries all five
 * row filters on every row and spent ~8 ms of a ~20 ms card doing so; here each row takes the better of Sub and
 * Up and zlib runs at its fastest level: a card is mostly flat colour, which compresses well anyway.
 *
 * <p>The image data can also be written as {@link Segment}s of rows, each compressed on its own and ending on a
 * byte boundary, so a segment whose rows never change is compressed once and its bytes reused: a now-playing card
 * re-encodes only the rows of its progress bar (see {@link CardTemplate}). The segments form one zlib stream, as
 * PNG requires: one zlib header, the segments' deflate blocks in order (only the last one final), and the Adler-32
 * of all the filtered rows, combined from the segments' own checksums.
 */
final class PngEncoder {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final int DEFLATE_LEVEL = 1;
    /** zlib header: deflate with a 32 KiB window, "fastest" level, header check bits. */
    private static final byte[] ZLIB_HEADER = {0x78, 0x01};
    private static final int ADLER_MODULUS = 65521;
    private static final byte FILTER_SUB = 1;
    private static final byte FILTER_UP = 2;

    private PngEncoder() {
    }

    /**
     * Rows {@code from..to-1} of an image, filtered and compressed as one piece of a PNG's zlib stream.
     *
     * @param deflate compressed rows: raw deflate blocks ending on a byte boundary, the last block final only
     *                when this segment ends the image
     * @param adler   Adler-32 of the filtered rows (the uncompressed data)
     * @param length  number of filtered bytes (rows × (1 + 3 × width))
     */
    record Segment(byte[] deflate, long adler, long length) {

        /** Bytes this segment holds in memory. */
        long bytes() {
            return deflate.length;
        }
    }

    /** The whole image as PNG bytes. */
    static byte[] encode(BufferedImage image) {
        int[] pixels = pixels(image);
        int width = image.getWidth();
        int height = image.getHeight();
        return assemble(width, height, List.of(segment(pixels, width, 0, height, null, true)));
    }

    /**
     * Compresses rows {@code from..to-1} of {@code pixels} (RGB ints, row by row, {@code width} per row).
     *
     * @param previousRow the pixels of row {@code from - 1} as the decoder will see them, or null when they are not
     *                    known yet (they change between encodings): then the first row does not refer to them
     * @param last        whether this segment ends the image (its last block is then marked final)
     */
    static Segment segment(int[] pixels, int width, int from, int to, int[] previousRow, boolean last) {
        int stride = width * 3;
        byte[] previous = new byte[stride];
        byte[] current = new byte[stride];
        if (previousRow != null) {
            toBytes(previousRow, 0, width, previous);
        }
        // filtered rows carry their filter type in front, as PNG stores them
        byte[] sub = new byte[stride + 1];
        byte[] up = new byte[stride + 1];
        sub[0] = FILTER_SUB;
        up[0] = FILTER_UP;
        Deflater deflater = new Deflater(DEFLATE_LEVEL, true);
        Adler32 adler = new Adler32();
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, stride * (to - from) / 4));
        byte[] buffer = new byte[64 * 1024];
        try {
            for (int y = from; y < to; y++) {
                toBytes(pixels, y * width, width, current);
                // Separate simple loops vectorize; the costs are estimated from every 4th byte (which still
                // visits all three channels) because summing every one took longer than filtering.
                sub[1] = current[0];
                sub[2] = current[1];
                sub[3] = current[2];
                for (int i = 3; i < stride; i++) {
                    sub[i + 1] = (byte) (current[i] - current[i - 3]);
                }
                boolean upAllowed = y > from || previousRow != null || from == 0;
                byte[] chosen = sub;
                if (upAllowed) {
                    for (int i = 0; i < stride; i++) {
                        up[i + 1] = (byte) (current[i] - previous[i]);
                    }
                    int subCost = 0;
                    int upCost = 0;
                    for (int i = 1; i <= stride; i += 4) {
                        subCost += Math.abs(sub[i]);
                        upCost += Math.abs(up[i]);
                    }
                    chosen = subCost <= upCost ? sub : up;
                }
                adler.update(chosen);
                deflater.setInput(chosen);
                while (!deflater.needsInput()) {
                    out.write(buffer, 0, deflater.deflate(buffer));
                }
                byte[] swap = previous;
                previous = current;
                current = swap;
            }
            if (last) {
                deflater.finish();
                while (!deflater.finished()) {
                    out.write(buffer, 0, deflater.deflate(buffer));
                }
            } else {
                // A sync flush ends on a byte boundary with a non-final block: the next segment's blocks follow.
                int written;
                do {
                    written = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
                    out.write(buffer, 0, written);
                } while (written == buffer.length);
            }
        } finally {
            deflater.end();
        }
        return new Segment(out.toByteArray(), adler.getValue(), (long) (to - from) * (stride + 1));
    }

    /** The PNG of an image {@code width} × {@code height} whose rows are the {@code segments}, in order. */
    static byte[] assemble(int width, int height, List<Segment> segments) {
        long adler = 1; // Adler-32 of no data
        int size = ZLIB_HEADER.length + 4;
        for (Segment segment : segments) {
            adler = combineAdler(adler, segment.adler(), segment.length());
            size += segment.deflate().length;
        }
        byte[] data = new byte[size];
        System.arraycopy(ZLIB_HEADER, 0, data, 0, ZLIB_HEADER.length);
        int offset = ZLIB_HEADER.length;
        for (Segment segment : segments) {
            System.arraycopy(segment.deflate(), 0, data, offset, segment.deflate().length);
            offset += segment.deflate().length;
        }
        putInt(data, offset, (int) adler);
        ByteArrayOutputStream png = new ByteArrayOutputStream(size + 64);
        png.writeBytes(SIGNATURE);
        byte[] header = new byte[13];
        putInt(header, 0, width);
        putInt(header, 4, height);
        header[8] = 8; // bits per channel
        header[9] = 2; // colour type: RGB
        chunk(png, "IHDR", header);
        chunk(png, "IDAT", data);
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    /**
     * The Adler-32 of data A followed by data B from the checksums of each. With s1 = 1 + the sum of the bytes and
     * s2 = the sum of s1 after each byte: s1(AB) = s1(A) + s1(B) - 1, and every s1 step of B is higher by
     * s1(A) - 1, so s2(AB) = s2(A) + s2(B) + length(B) × (s1(A) - 1), all modulo 65521.
     */
    static long combineAdler(long first, long second, long secondLength) {
        long s1First = first & 0xffff;
        long s2First = first >>> 16 & 0xffff;
        long s1Second = second & 0xffff;
        long s2Second = second >>> 16 & 0xffff;
        long s1 = (s1First + s1Second + ADLER_MODULUS - 1) % ADLER_MODULUS;
        long shift = (secondLength % ADLER_MODULUS) * ((s1First + ADLER_MODULUS - 1) % ADLER_MODULUS) % ADLER_MODULUS;
        long s2 = (s2First + s2Second + shift) % ADLER_MODULUS;
        return s2 << 16 | s1;
    }

    /** The pixels row by row as RGB ints: straight from the raster when it already is one. */
    static int[] pixels(BufferedImage image) {
        return Raster.isPlainIntRgb(image) ? Raster.pixels(image)
                : image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    private static void toBytes(int[] pixels, int offset, int width, byte[] target) {
        for (int x = 0, i = 0; x < width; x++) {
            int p = pixels[offset + x];
            target[i++] = (byte) (p >> 16);
            target[i++] = (byte) (p >> 8);
            target[i++] = (byte) p;
        }
    }

    private static void chunk(ByteArrayOutputStream png, String type, byte[] data) {
        byte[] length = new byte[4];
        putInt(length, 0, data.length);
        png.writeBytes(length);
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        png.writeBytes(typeBytes);
        png.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        byte[] checksum = new byte[4];
        putInt(checksum, 0, (int) crc.getValue());
        png.writeBytes(checksum);
    }

    private static void putInt(byte[] target, int offset, int value) {
        target[offset] = (byte) (value >>> 24);
        target[offset + 1] = (byte) (value >>> 16);
        target[offset + 2] = (byte) (value >>> 8);
        target[offset + 3] = (byte) value;
    }
}
