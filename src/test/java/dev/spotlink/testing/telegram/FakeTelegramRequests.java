package dev.spotlink.testing.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.spotlink.testing.MultipartForm;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Reads Bot API requests the way Telegram accepts them: query string, JSON, urlencoded form or multipart. */
final class FakeTelegramRequests {

    private FakeTelegramRequests() {
    }

    static FakeTelegramCall read(HttpExchange exchange, String method, ObjectMapper mapper) throws IOException {
        ObjectNode params = mapper.createObjectNode();
        Map<String, FakeTelegramCall.Upload> files = new HashMap<>();
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null) {
            putForm(params, query, mapper);
        }
        byte[] body = exchange.getRequestBody().readAllBytes();
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (body.length > 0) {
            if (MultipartForm.isMultipart(type)) {
                for (MultipartForm.Part part : MultipartForm.parse(contentType, body)) {
                    if (part.fileName() != null) {
                        files.put(part.name(), new FakeTelegramCall.Upload(part.fileName(), part.contentType(),
                                part.data()));
                    } else {
                        params.set(part.name(), value(part.text(), mapper));
                    }
                }
            } else if (type.startsWith("application/x-www-form-urlencoded")) {
                putForm(params, new String(body, StandardCharsets.UTF_8), mapper);
            } else {
                JsonNode json = mapper.readTree(body);
                if (json instanceof ObjectNode object) {
                    params.setAll(object);
                }
            }
        }
        return new FakeTelegramCall(method, params, files);
    }

    static ObjectNode botUser(ObjectMapper mapper, long id, String username) {
        return mapper.createObjectNode().put("id", id).put("is_bot", true).put("first_name", "Spotlink")
                .put("username", username).put("can_join_groups", true).put("can_read_all_group_messages", false)
                .put("supports_inline_queries", true);
    }

    private static void putForm(ObjectNode params, String form, ObjectMapper mapper) {
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.set(name, value(value, mapper));
        }
    }

    /** Form values that hold JSON (reply_markup, results...) become JSON nodes, as Telegram reads them. */
    private static JsonNode value(String text, ObjectMapper mapper) {
        String trimmed = text.strip();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            try {
                return mapper.readTree(trimmed);
            } catch (IOException notJson) {
                // plain text that merely starts with a bracket
            }
        }
        return mapper.getNodeFactory().textNode(text);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
