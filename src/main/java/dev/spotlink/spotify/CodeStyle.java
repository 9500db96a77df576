package dev.spotlink.spotify;

/**
 * How a Spotify code image is drawn by the codes service.
 *
 * @param background 6 hex digits without '#'
 * @param size       width in pixels
 */
public record CodeStyle(Format format, String background, Bars bars, int size) {

    public enum Format { PNG, JPEG, SVG }

    public enum Bars { WHITE, BLACK }

    public static final CodeStyle DEFAULT = new CodeStyle(Format.PNG, "000000", Bars.WHITE, 640);

    /** Image MIME type for this format. */
    public String mimeType() {
        return switch (format) {
            case PNG -> "image/png";
            case JPEG -> "image/jpeg";
            case SVG -> "image/svg+xml";
        };
    }
}
