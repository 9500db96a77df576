package dev.spotlink.testing.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * One Bot API request as the fake received it.
 *
 * @param method  the method as called, lower-case ({@code sendmessage}); compare with {@link #is}
 * @param params  JSON body, or multipart/form text fields (values that are JSON parsed into nodes)
 * @param files   uploaded files of a multipart request, by field name
 */
public record FakeTelegramCall(String method, ObjectNode params, Map<String, Upload> files) {

    /** An uploaded file. */
    public record Upload(String fileName, String contentType, byte[] bytes) {
        @Override
        public String toString() {
            return "Upload[" + fileName + ", " + contentType + ", " + bytes.length + " bytes]";
        }
    }

    public FakeTelegramCall {
        files = Map.copyOf(files);
    }

    public boolean is(String name) {
        return method.equalsIgnoreCase(name);
    }

    /** A parameter as text ({@code chat_id} arrives as "123" or 123 depending on the client), or null. */
    public String string(String name) {
        JsonNode value = params.get(name);
        return value == null || value.isNull() ? null : value.isValueNode() ? value.asText() : value.toString();
    }

    /** A parameter as JSON (reply_markup, results...), or a missing node. */
    public JsonNode json(String name) {
        return params.path(name);
    }

    /**
     * The file uploaded for parameter {@code name}: its own part, or the part it names as
     * {@code attach://<part>} (how TelegramBots uploads); null when none.
     */
    public Upload file(String name) {
        Upload direct = files.get(name);
        if (direct != null) {
            return direct;
        }
        String value = string(name);
        return value != null && value.startsWith("attach://") ? files.get(value.substring("attach://".length()))
                : null;
    }
}
