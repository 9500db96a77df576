package dev.spotlink.card;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Deterministic test images: covers with known colours and Spotify-code-like masks. */
final class CardFixtures {

    static final int BARS = 23;

    private CardFixtures() {
    }

    /** A square cover: {@code share} of its area (left part) in {@code main}, the rest in {@code other}. */
    static BufferedImage split(Color main, Color other, double share, int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(other);
        g.fillRect(0, 0, size, size);
        g.setColor(main);
        g.fillRect(0, 0, (int) Math.round(size * share), size);
        g.dispose();
        return image;
    }

    /** A cover that looks like album art: a warm gradient, a sun, a dark horizon. Same pixels every time. */
    static BufferedImage artwork(int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, new Color(0xE0533D), 0, size, new Color(0xF2A541)));
        g.fillRect(0, 0, size, size);
        g.setColor(new Color(0xFCE38A));
        g.fill(new Ellipse2D.Float(size * 0.30f, size * 0.22f, size * 0.40f, size * 0.40f));
        g.setColor(new Color(0x2B2D42));
        g.fillRect(0, (int) (size * 0.72), size, size);
        g.dispose();
        return image;
    }

    /** A code mask like the codes service's: white logo and 23 bars on black, {@code width} x {@code width/4}. */
    static BufferedImage codeMask(int width) {
        int height = width / 4;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.BLACK);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.WHITE);
        float logo = height * 0.6f;
        float margin = height * 0.2f;
        g.fill(new Ellipse2D.Float(margin, (height - logo) / 2, logo, logo));
        float start = margin * 2 + logo;
        float pitch = (width - start - margin) / BARS;
        float barWidth = pitch * 0.55f;
        for (int i = 0; i < BARS; i++) {
            int level = i == 0 || i == BARS - 1 ? 0 : i == BARS / 2 ? 7 : (i * 5 + 3) % 8;
            float barHeight = logo * (level + 1) / 8;
            g.fill(new RoundRectangle2D.Float(start + i * pitch, (height - barHeight) / 2, barWidth, barHeight,
                    barWidth, barWidth));
        }
        g.dispose();
        return image;
    }

    static byte[] png(BufferedImage image) {
        return encode(image, "png");
    }

    static byte[] jpeg(BufferedImage image) {
        return encode(image, "jpg");
    }

    private static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, format, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
