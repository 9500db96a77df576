package dev.spotlink.spotify;

import dev.spotlink.spotify.SpotifyException.Reason;
import java.io.IOException;
import java.util.Locale;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Fetches code images: {@code {codes}/uri/plain/{format}/{bg}/{white|black}/{size}/{spotify URI}}. A GET, so
 * retried after a 5xx or an I/O error; the codes service is another host than the Web API, so it has a
 * {@link RateLimitGate} of its own.
 */
public final class SpotifyCodesClient {

    /** Largest image accepted; real codes are a few KiB, and chat uploads cap at 10 MB anyway. */
    public static final int MAX_IMAGE_BYTES = 5 * 1024 * 1024;
    private static final Pattern HEX_COLOUR = Pattern.compile("[0-9a-f]{6}");
    private static final String LABEL = "Spotify codes";

    private final Upstream upstream;
    private final HttpUrl codesUrl;

    /** With a gate of its own and {@link Backoff#standard()}. */
    public SpotifyCodesClient(OkHttpClient http, String codesUrl) {
        this(http, codesUrl, new RateLimitGate(LABEL), Backoff.standard());
    }

    public SpotifyCodesClient(OkHttpClient http, String codesUrl, RateLimitGate gate, Backoff backoff) {
        this.upstream = new Upstream(http, gate, backoff);
        this.codesUrl = HttpUrl.get(codesUrl.endsWith("/") ? codesUrl.substring(0, codesUrl.length() - 1)
                : codesUrl);
    }

    /**
     * The image bytes, of {@code style.mimeType()}.
     *
     * @throws IllegalArgumentException when the style's background is not 6 hex digits or its size not positive
     */
    public byte[] fetch(SpotifyUri uri, CodeStyle style) throws SpotifyException {
        Request request = new Request.Builder().url(url(uri, style)).get().build();
        try {
            return upstream.idempotent(request, LABEL, response -> read(response, uri));
        } catch (HttpSupport.TooLargeException e) {
            throw new SpotifyException(Reason.BAD_RESPONSE, "Spotify codes sent an oversized image", null, e);
        } catch (IOException e) {
            throw new SpotifyException(Reason.UNAVAILABLE,
                    "Spotify codes unreachable: " + e.getClass().getSimpleName(), null, e);
        }
    }

    private static byte[] read(Response response, SpotifyUri uri) throws IOException, SpotifyException {
        int status = response.code();
        if (status == 404) {
            throw new SpotifyException(Reason.NOT_FOUND, "Spotify codes: no code for " + uri);
        }
        if (status == 429) {
            throw new SpotifyException(Reason.RATE_LIMITED, "Spotify codes answered 429",
                    HttpSupport.pauseOf(response), null);
        }
        if (status >= 500) {
            throw new SpotifyException(Reason.UNAVAILABLE, "Spotify codes answered " + status);
        }
        if (!response.isSuccessful()) {
            throw new SpotifyException(Reason.BAD_RESPONSE, "Spotify codes answered " + status + " for " + uri);
        }
        String contentType = response.header("Content-Type", "");
        if (!contentType.toLowerCase(Locale.ROOT).startsWith("image/")) {
            throw new SpotifyException(Reason.BAD_RESPONSE,
                    "Spotify codes sent " + HttpSupport.clip(contentType) + " instead of an image");
        }
        byte[] image = HttpSupport.readBody(response, MAX_IMAGE_BYTES);
        if (image.length == 0) {
            throw new SpotifyException(Reason.BAD_RESPONSE, "Spotify codes sent an empty image");
        }
        return image;
    }

    /** The image URL for this entity and style (also usable as a cache key). */
    public HttpUrl url(SpotifyUri uri, CodeStyle style) {
        String background = style.background() == null ? ""
                : style.background().strip().replaceFirst("^#", "").toLowerCase(Locale.ROOT);
        if (!HEX_COLOUR.matcher(background).matches()) {
            throw new IllegalArgumentException("background must be 6 hex digits: " + style.background());
        }
        if (style.size() <= 0) {
            throw new IllegalArgumentException("size must be positive: " + style.size());
        }
        // addPathSegment leaves ':' as is; the codes service expects the raw spotify:type:id.
        return codesUrl.newBuilder()
                .addPathSegment("uri")
                .addPathSegment("plain")
                .addPathSegment(style.format().name().toLowerCase(Locale.ROOT))
                .addPathSegment(background)
                .addPathSegment(style.bars().name().toLowerCase(Locale.ROOT))
                .addPathSegment(Integer.toString(style.size()))
                .addPathSegment(uri.uri())
                .build();
    }
}
