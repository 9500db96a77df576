package dev.spotlink.command;

import dev.spotlink.spotify.CodeStyle;
import dev.spotlink.spotify.SpotifyCodesClient;
import dev.spotlink.spotify.SpotifyException;
import dev.spotlink.spotify.SpotifyUri;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Spotify code images as reply attachments; a failing codes service degrades to "no image", never an error. */
public final class CodeImages {

    private static final Logger log = LoggerFactory.getLogger(CodeImages.class);

    private final SpotifyCodesClient codes;

    public CodeImages(SpotifyCodesClient codes) {
        this.codes = codes;
    }

    /** The code image, or empty (logged) when the codes service fails. */
    public Optional<Reply.Attachment> attachment(SpotifyUri uri, CodeStyle style) {
        try {
            byte[] bytes = codes.fetch(uri, style);
            String extension = style.format().name().toLowerCase(Locale.ROOT);
            String fileName = "spotify-code-" + uri.type().path() + "-" + safe(uri.id()) + "." + extension;
            return Optional.of(new Reply.Attachment(bytes, fileName, style.mimeType()));
        } catch (SpotifyException e) {
            log.warn("Spotify code image for {} unavailable ({})", uri, e.reason(), e);
            return Optional.empty();
        }
    }

    private static String safe(String id) {
        return id.replaceAll("[^A-Za-z0-9_-]", "_");
    }
}
