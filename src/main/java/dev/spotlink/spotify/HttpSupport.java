package dev.spotlink.spotify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import okhttp3.Response;
import okhttp3.ResponseBody;

/** Response reading shared by the Spotify clients: bounded bodies, Retry-After, error-body fields. */
final class HttpSupport {

    /** Upper bound for JSON answers; Spotify's largest objects we ask for are far below this. */
    static final int MAX_JSON_BYTES = 4 * 1024 * 1024;
    private static final int MAX_MESSAGE_CHARS = 200;

    private HttpSupport() {
    }

    /** Reads at most {@code limit} bytes; a longer body is an IOException ({@link TooLargeException}). */
    static byte[] readBody(Response response, int limit) throws IOException {
        ResponseBody body = response.body();
        try (InputStream in = body.byteStream()) {
            byte[] bytes = in.readNBytes(limit + 1);
            if (bytes.length > limit) {
                throw new TooLargeException(limit);
            }
            return bytes;
        }
    }

    /** Seconds or an HTTP date, per RFC 9110; null when absent or unreadable. Never above a day. */
    static Duration retryAfter(Response response) {
        return retryAfter(response.header("Retry-After"));
    }

    /** The pause a 429 asks for: its {@code Retry-After}, or {@link RateLimitGate#DEFAULT_PAUSE} without one. */
    static Duration pauseOf(Response response) {
        return RateLimitGate.pauseFor(retryAfter(response));
    }

    static Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long seconds = Long.parseLong(value.strip());
            return seconds < 0 ? null : Duration.ofSeconds(Math.min(seconds, RateLimitGate.MAX_PAUSE.toSeconds()));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return wait.isNegative() ? Duration.ZERO : RateLimitGate.pauseFor(wait);
            } catch (DateTimeException | ArithmeticException unreadable) {
                return null;
            }
        }
    }

    /** The JSON tree of an error body, or null when it is not JSON. */
    static JsonNode errorTree(ObjectMapper json, byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return json.readTree(body);
        } catch (IOException | RuntimeException notJson) {
            return null;
        }
    }

    /** A text field of a JSON object, or null. */
    static String text(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        JsonNode value = node.get(field);
        return value != null && value.isValueNode() && !value.isNull() ? value.asText() : null;
    }

    /** Shortens upstream text for an exception message and removes control characters. */
    static String clip(String text) {
        if (text == null) {
            return "";
        }
        String flat = text.replaceAll("\\p{Cntrl}", " ");
        return flat.length() <= MAX_MESSAGE_CHARS ? flat : flat.substring(0, MAX_MESSAGE_CHARS) + "...";
    }

    /** A body over the size limit. */
    static final class TooLargeException extends IOException {
        TooLargeException(int limit) {
            super("response body larger than " + limit + " bytes");
        }
    }
}
