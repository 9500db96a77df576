package dev.spotlink.card;

/**
 * A rendered card or code image, ready to attach to a reply.
 *
 * @param bytes    the image
 * @param mimeType {@code image/png}
 * @param fileName a file name for uploads, e.g. {@code spotlink-card-track-4uLU6hMCjMI75M1A2tKUQC.png}
 * @param hasCode  false when the card carries no Spotify code (local file, codes service down): callers say why
 * @param hasCover false when the placeholder stands in for the cover art
 */
public record CardImage(byte[] bytes, String mimeType, String fileName, boolean hasCode, boolean hasCover) {

    @Override
    public String toString() {
        return "CardImage[" + fileName + ", " + bytes.length + " bytes, code=" + hasCode + ", cover=" + hasCover + "]";
    }
}
