package dev.spotlink.testing;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** One answer of {@link FakeSpotify}: status, headers and body bytes (null body = none, e.g. 204). */
record FakeSpotifyResponse(int status, Map<String, String> headers, byte[] body) {

    static FakeSpotifyResponse json(int status, String json) {
        return new FakeSpotifyResponse(status, Map.of("Content-Type", "application/json; charset=utf-8"),
                json.getBytes(StandardCharsets.UTF_8));
    }

    static FakeSpotifyResponse noContent() {
        return new FakeSpotifyResponse(204, Map.of(), null);
    }

    static FakeSpotifyResponse bytes(String contentType, byte[] body) {
        return new FakeSpotifyResponse(200, Map.of("Content-Type", contentType), body);
    }

    static FakeSpotifyResponse text(int status, String text) {
        return new FakeSpotifyResponse(status, Map.of("Content-Type", "text/plain; charset=utf-8"),
                text.getBytes(StandardCharsets.UTF_8));
    }

    /** The Web API's error shape: {@code {"error":{"status":..,"message":..}}}. */
    static FakeSpotifyResponse apiError(int status, String message) {
        return json(status, "{\"error\":{\"status\":" + status + ",\"message\":" + quote(message) + "}}");
    }

    /** The accounts service's OAuth error shape: {@code {"error":..,"error_description":..}}. */
    static FakeSpotifyResponse oauthError(int status, String error, String description) {
        return json(status, "{\"error\":" + quote(error) + ",\"error_description\":" + quote(description) + "}");
    }

    /** A fault as queued by {@link FakeSpotify#failNext}: JSON content type when the body looks like JSON. */
    static FakeSpotifyResponse fault(int status, Map<String, String> headers, String body) {
        Map<String, String> all = new LinkedHashMap<>();
        boolean hasType = headers.keySet().stream().anyMatch(h -> h.equalsIgnoreCase("Content-Type"));
        if (!hasType && body != null && !body.isEmpty()) {
            String trimmed = body.strip();
            all.put("Content-Type", trimmed.startsWith("{") || trimmed.startsWith("[")
                    ? "application/json; charset=utf-8" : "text/plain; charset=utf-8");
        }
        all.putAll(headers);
        return new FakeSpotifyResponse(status, all,
                body == null || body.isEmpty() ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
