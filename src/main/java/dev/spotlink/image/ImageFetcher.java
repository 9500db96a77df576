package dev.spotlink.image;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Downloads a cover image: http(s) only, 2xx only, a raster {@code image/*} content type, at most a size cap.
 * Every failure is an {@link ImageUnavailableException}; nothing else escapes.
 */
public final class ImageFetcher {

    /** Spotify's largest cover (640 px JPEG) is ~100-300 KiB; anything near this cap is not a cover. */
    public static final int DEFAULT_MAX_BYTES = 4 * 1024 * 1024;

    private final OkHttpClient http;
    private final int maxBytes;

    public ImageFetcher(OkHttpClient http) {
        this(http, DEFAULT_MAX_BYTES);
    }

    public ImageFetcher(OkHttpClient http, int maxBytes) {
        this.http = Objects.requireNonNull(http, "http");
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /** The image's bytes. */
    public byte[] fetch(String url) throws ImageUnavailableException {
        HttpUrl parsed = url == null ? null : HttpUrl.parse(url);
        if (parsed == null) {
            throw new ImageUnavailableException("not an http(s) image URL");
        }
        Request request = new Request.Builder().url(parsed).header("Accept", "image/*").get().build();
        try (Response response = http.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                throw new ImageUnavailableException("image server answered " + response.code() + " for "
                        + parsed);
            }
            String type = response.header("Content-Type", "").toLowerCase(Locale.ROOT).strip();
            // SVG is an image type but not one ImageIO can draw; HTML error pages are the usual impostor.
            if (!type.startsWith("image/") || type.startsWith("image/svg")) {
                throw new ImageUnavailableException("image server sent " + clip(type) + " for " + parsed);
            }
            ResponseBody body = response.body();
            if (body.contentLength() > maxBytes) {
                throw new ImageUnavailableException("image larger than " + maxBytes + " bytes: " + parsed);
            }
            byte[] bytes;
            try (InputStream in = body.byteStream()) {
                bytes = in.readNBytes(maxBytes + 1);
            }
            if (bytes.length > maxBytes) {
                throw new ImageUnavailableException("image larger than " + maxBytes + " bytes: " + parsed);
            }
            if (bytes.length == 0) {
                throw new ImageUnavailableException("empty image from " + parsed);
            }
            return bytes;
        } catch (IOException e) {
            throw new ImageUnavailableException("image download failed (" + e.getClass().getSimpleName() + ") for "
                    + parsed, e);
        } catch (RuntimeException e) {
            // okhttp reports some connection problems unchecked; a cover must never take a command down
            throw new ImageUnavailableException("image download failed for " + parsed, e);
        }
    }

    private static String clip(String text) {
        String flat = text.replaceAll("\\p{Cntrl}", " ");
        return flat.isEmpty() ? "no content type" : flat.length() > 80 ? flat.substring(0, 80) + "..." : flat;
    }
}
