package dev.spotlink.card;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class DominantColorTest {

    static final Color RED = new Color(0xe02020);
    static final Color BLUE = new Color(0x2030e0);

    @Test
    void seventyPercentRedAndThirtyBlueIsRedNotPurple() {
        BufferedImage cover = CardFixtures.split(RED, BLUE, 0.7, 640);

        Color dominant = DominantColor.of(cover);

        assertTrue(distance(dominant, RED) < 20, "red-ish: " + dominant);
        Color average = Contrast.mix(RED, BLUE, 0.3);
        assertTrue(distance(dominant, average) > 60, "not the muddy average " + average + ": " + dominant);
    }

    @Test
    void survivesJpegNoiseAndRescaling() {
        BufferedImage cover = new CardRenderer().decode(
                CardFixtures.jpeg(CardFixtures.split(RED, BLUE, 0.7, 300))).orElseThrow();

        assertTrue(distance(DominantColor.of(cover), RED) < 30, DominantColor.of(cover).toString());
    }

    @Test
    void aVividSubjectBeatsASlightlyLargerGreyArea() {
        Color green = new Color(0x1db954);
        BufferedImage cover = CardFixtures.split(new Color(0x808080), green, 0.55, 200);

        assertTrue(distance(DominantColor.of(cover), green) < 20, DominantColor.of(cover).toString());
    }

    @Test
    void aSmallAccentDoesNotOutweighTheWholeCover() {
        BufferedImage cover = CardFixtures.split(new Color(0x101010), new Color(0xff2020), 0.9, 200);

        assertTrue(distance(DominantColor.of(cover), new Color(0x101010)) < 20, DominantColor.of(cover).toString());
    }

    @Test
    void isDeterministicAndHandlesTinyAndOddSizedImages() {
        BufferedImage artwork = CardFixtures.artwork(333);
        assertEquals(DominantColor.of(artwork), DominantColor.of(artwork));

        BufferedImage pixel = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        pixel.setRGB(0, 0, 0x336699);
        assertEquals(new Color(0x336699), DominantColor.of(pixel));

        BufferedImage wide = new BufferedImage(300, 7, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = wide.createGraphics();
        g.setColor(BLUE);
        g.fillRect(0, 0, 300, 7);
        g.dispose();
        assertTrue(distance(DominantColor.of(wide), BLUE) < 5);
    }

    static double distance(Color a, Color b) {
        int dr = a.getRed() - b.getRed();
        int dg = a.getGreen() - b.getGreen();
        int db = a.getBlue() - b.getBlue();
        return Math.sqrt(dr * dr + dg * dg + db * db);
    }
}
