package dev.spotlink.testing;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Reading requests from and writing answers to the JDK HttpServer, for {@link FakeSpotify}. */
final class FakeSpotifyHttp {

    private FakeSpotifyHttp() {
    }

    static FakeSpotify.RecordedRequest record(HttpExchange exchange) throws IOException {
        byte[] bodyBytes;
        try (InputStream in = exchange.getRequestBody()) {
            bodyBytes = in.readAllBytes();
        }
        String body = new String(bodyBytes, StandardCharsets.UTF_8);
        Map<String, List<String>> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        Map<String, String> form = contentType != null && contentType.startsWith("application/x-www-form-urlencoded")
                ? parseQuery(body) : Map.of();
        URI uri = exchange.getRequestURI();
        return new FakeSpotify.RecordedRequest(exchange.getRequestMethod(), uri.getPath(),
                Map.copyOf(parseQuery(uri.getRawQuery())), Map.copyOf(headers), Map.copyOf(form), body);
    }

    static void send(HttpExchange exchange, FakeSpotifyResponse response) throws IOException {
        response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        byte[] body = response.body();
        if (body == null || body.length == 0) {
            exchange.sendResponseHeaders(response.status(), -1);
            return;
        }
        exchange.sendResponseHeaders(response.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Hangs up without answering: closing an exchange before its headers were sent drops the connection. */
    static void cutOff(HttpExchange exchange) {
        exchange.close();
    }

    /** {@code a=1&b=x%20y} → map (first value wins); null or empty → empty map. */
    static Map<String, String> parseQuery(String raw) {
        Map<String, String> map = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return map;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            map.putIfAbsent(key, value);
        }
        return map;
    }
}
