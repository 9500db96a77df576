package dev.spotlink.card;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A minimal PNG writer for opaque RGB images (8 bits per channel, no interlace). ImageIO's writer tries all five
 * row filters on every row and spent ~8 ms of a ~20 ms card doing so; here each row takes the better of Sub and
 * Up and zlib runs at its fastest level: a card is mostly flat colour, which compresses well anyway.
 */
final class PngEncoder {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final int DEFLATE_LEVEL = 1;
    private static final byte FILTER_SUB = 1;
    private static final byte FILTER_UP = 2;

    private PngEncoder() {
    }

    static byte[] encode(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        int stride = width * 3;
        int[] pixels = pixels(image);
        byte[] previous = new byte[stride];
        byte[] current = new byte[stride];
        // filtered rows carry their filter type in front, as PNG stores them
        byte[] sub = new byte[stride + 1];
        byte[] up = new byte[stride + 1];
        sub[0] = FILTER_SUB;
        up[0] = FILTER_UP;
        Deflater deflater = new Deflater(DEFLATE_LEVEL);
        ByteArrayOutputStream idat = new ByteArrayOutputStream(stride * height / 4 + 1024);
        byte[] buffer = new byte[64 * 1024];
        try {
            for (int y = 0; y < height; y++) {
                for (int x = 0, i = 0, offset = y * width; x < width; x++) {
                    int p = pixels[offset + x];
                    current[i++] = (byte) (p >> 16);
                    current[i++] = (byte) (p >> 8);
                    current[i++] = (byte) p;
                }
                // Separate simple loops vectorize; the costs are estimated from every 4th byte (which still
                // visits all three channels) because summing every one took longer than filtering.
                sub[1] = current[0];
                sub[2] = current[1];
                sub[3] = current[2];
                for (int i = 3; i < stride; i++) {
                    sub[i + 1] = (byte) (current[i] - current[i - 3]);
                }
                for (int i = 0; i < stride; i++) {
                    up[i + 1] = (byte) (current[i] - previous[i]);
                }
                int subCost = 0;
                int upCost = 0;
                for (int i = 1; i <= stride; i += 4) {
                    subCost += Math.abs(sub[i]);
                    upCost += Math.abs(up[i]);
                }
                deflater.setInput(subCost <= upCost ? sub : up);
                while (!deflater.needsInput()) {
                    idat.write(buffer, 0, deflater.deflate(buffer));
                }
                byte[] swap = previous;
                previous = current;
                current = swap;
            }
            deflater.finish();
            while (!deflater.finished()) {
                idat.write(buffer, 0, deflater.deflate(buffer));
            }
        } finally {
            deflater.end();
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream(idat.size() + 64);
        png.writeBytes(SIGNATURE);
        byte[] header = new byte[13];
        putInt(header, 0, width);
        putInt(header, 4, height);
        header[8] = 8; // bits per channel
        header[9] = 2; // colour type: RGB
        chunk(png, "IHDR", header);
        chunk(png, "IDAT", idat.toByteArray());
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    /** The pixels row by row as RGB ints: straight from the raster when it already is one. */
    private static int[] pixels(BufferedImage image) {
        return Raster.isPlainIntRgb(image) ? Raster.pixels(image)
                : image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
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
