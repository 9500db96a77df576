package dev.spotlink.card;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.InputStream;

/**
 * The bundled DejaVu Sans (Latin, Cyrillic, Greek and more; licence in {@code fonts/LICENSE-DejaVu.txt}), loaded
 * once, so cards look the same on every machine whatever fonts it has installed.
 */
final class CardFonts {

    static final String REGULAR = "/fonts/DejaVuSans.ttf";
    static final String BOLD = "/fonts/DejaVuSans-Bold.ttf";

    final Font regular;
    final Font bold;

    CardFonts() {
        this.regular = load(REGULAR);
        this.bold = load(BOLD);
    }

    private static Font load(String resource) {
        try (InputStream in = CardFonts.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Bundled font " + resource + " is missing from the jar");
            }
            return Font.createFont(Font.TRUETYPE_FONT, in);
        } catch (IOException | FontFormatException e) {
            throw new IllegalStateException("Bundled font " + resource + " cannot be loaded", e);
        }
    }
}
