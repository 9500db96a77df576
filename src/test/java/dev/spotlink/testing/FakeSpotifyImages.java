package dev.spotlink.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.imageio.ImageIO;

/** Draws the fake's images: album covers and Spotify-code-like barcodes (real PNG/JPEG via ImageIO, or SVG). */
final class FakeSpotifyImages {

    /** Bars in a Spotify code. */
    static final int BARS = 23;
    private static final int COVER_SIZE = 64;

    private FakeSpotifyImages() {
    }

    /** A small square cover whose colour derives from the name; JPEG unless the name ends in .png. */
    static byte[] cover(String name) {
        byte[] hash = sha256(name);
        BufferedImage image = new BufferedImage(COVER_SIZE, COVER_SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(hash[0] & 0xff, hash[1] & 0xff, hash[2] & 0xff));
        g.fillRect(0, 0, COVER_SIZE, COVER_SIZE);
        g.setColor(new Color(hash[3] & 0xff, hash[4] & 0xff, hash[5] & 0xff));
        g.fillOval(COVER_SIZE / 4, COVER_SIZE / 4, COVER_SIZE / 2, COVER_SIZE / 2);
        g.dispose();
        return encode(image, name.endsWith(".png") ? "png" : "jpg");
    }

    /** The code for {@code uri}: {@code size} wide, a quarter as high, bars in {@code bars} on {@code background}. */
    static byte[] code(String format, Color background, Color bars, int size, String uri) {
        int width = size;
        int height = Math.max(1, size / 4);
        int[] levels = levels(uri);
        if (format.equals("svg")) {
            return svg(background, bars, width, height, levels).getBytes(StandardCharsets.UTF_8);
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(background);
        g.fillRect(0, 0, width, height);
        g.setColor(bars);
        Geometry geo = new Geometry(width, height);
        g.fillOval(geo.logoX, geo.logoY, geo.logoSize, geo.logoSize);
        for (int i = 0; i < BARS; i++) {
            int barHeight = geo.barHeight(levels[i]);
            g.fillRect(geo.barX(i), (height - barHeight) / 2, geo.barWidth, barHeight);
        }
        g.dispose();
        return encode(image, format.equals("jpeg") ? "jpg" : "png");
    }

    private static String svg(Color background, Color bars, int width, int height, int[] levels) {
        Geometry geo = new Geometry(width, height);
        StringBuilder svg = new StringBuilder()
                .append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\">\n")
                .append("<rect x=\"0\" y=\"0\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" fill=\"").append(hex(background)).append("\"/>\n")
                .append("<circle cx=\"").append(geo.logoX + geo.logoSize / 2).append("\" cy=\"")
                .append(geo.logoY + geo.logoSize / 2).append("\" r=\"").append(geo.logoSize / 2)
                .append("\" fill=\"").append(hex(bars)).append("\"/>\n");
        for (int i = 0; i < BARS; i++) {
            int barHeight = geo.barHeight(levels[i]);
            svg.append("<rect x=\"").append(geo.barX(i)).append("\" y=\"").append((height - barHeight) / 2)
                    .append("\" width=\"").append(geo.barWidth).append("\" height=\"").append(barHeight)
                    .append("\" rx=\"").append(Math.max(1, geo.barWidth / 2)).append("\" fill=\"")
                    .append(hex(bars)).append("\"/>\n");
        }
        return svg.append("</svg>\n").toString();
    }

    /** Bar heights 0..7 derived from the URI, first and last fixed like the real code's start/end markers. */
    private static int[] levels(String uri) {
        byte[] hash = sha256(uri);
        int[] levels = new int[BARS];
        for (int i = 0; i < BARS; i++) {
            levels[i] = (hash[i] & 0xff) % 8;
        }
        levels[0] = 0;
        levels[BARS / 2] = 7;
        levels[BARS - 1] = 0;
        return levels;
    }

    /** Where the logo and bars go in a width x height code. */
    private static final class Geometry {
        final int logoSize;
        final int logoX;
        final int logoY;
        final int barWidth;
        final int barsStart;
        final int pitch;
        final int height;

        Geometry(int width, int height) {
            this.height = height;
            this.logoSize = Math.max(1, height * 6 / 10);
            this.logoX = Math.max(0, height / 5);
            this.logoY = (height - logoSize) / 2;
            this.barsStart = logoX + logoSize + Math.max(1, height / 8);
            int available = Math.max(BARS, width - barsStart - logoX);
            this.pitch = Math.max(1, available / BARS);
            this.barWidth = Math.max(1, pitch * 6 / 10);
        }

        int barX(int i) {
            return barsStart + i * pitch;
        }

        int barHeight(int level) {
            int max = Math.max(1, height * 6 / 10);
            return Math.max(1, max * (level + 1) / 8);
        }
    }

    static Color parseColour(String hex) {
        return new Color(Integer.parseInt(hex, 16));
    }

    private static String hex(Color c) {
        return String.format("#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }

    private static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("No ImageIO writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
