package dev.spotlink.testing.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One REST request as the fake Discord saw it.
 *
 * @param method HTTP method
 * @param path   path after the API base ({@code interactions/1/tok/callback}), no query
 * @param query  query parameters (first value each)
 * @param json   the JSON body, or the {@code payload_json} part of a multipart body; {@link MissingNode} if none
 * @param parts  multipart parts other than {@code payload_json} (uploaded files), in order
 * @param authorization the {@code Authorization} header, or null
 */
public record DiscordRequest(String method, String path, Map<String, String> query, JsonNode json,
                             List<Part> parts, String authorization) {

    /** Interaction callback types (Discord's InteractionCallbackType). */
    public static final int CHANNEL_MESSAGE = 4;
    public static final int DEFERRED_CHANNEL_MESSAGE = 5;
    /** A form (modal) opened in answer to a button click; {@code data} holds its custom id, title, components. */
    public static final int MODAL = 9;
    /** Message flag: only the invoking user sees it. */
    public static final int EPHEMERAL = 64;

    /** One uploaded multipart part. */
    public record Part(String name, String fileName, String contentType, byte[] bytes) {
        @Override
        public String toString() {
            return "Part[" + name + ", " + fileName + ", " + contentType + ", " + bytes.length + " bytes]";
        }
    }

    public DiscordRequest {
        query = Map.copyOf(query);
        parts = List.copyOf(parts);
        json = json == null ? MissingNode.getInstance() : json;
    }

    public boolean is(String method, String pathRegex) {
        return this.method.equals(method) && path.matches(pathRegex);
    }

    public boolean isCallback() {
        return method.equals("POST") && path.matches("interactions/\\d+/[^/]+/callback");
    }

    /** The interaction token this request answers (callback or webhook), or null. */
    public String interactionToken() {
        String[] segments = path.split("/");
        if (isCallback()) {
            return segments[2];
        }
        if (segments.length >= 3 && segments[0].equals("webhooks")) {
            return segments[2];
        }
        return null;
    }

    /** The callback type (4 reply, 5 deferred, 9 modal), or -1 when this is not a callback. */
    public int callbackType() {
        return isCallback() ? json.path("type").asInt(-1) : -1;
    }

    /** The message object sent: a callback's {@code data}, else the body itself. */
    public JsonNode message() {
        return isCallback() ? json.path("data") : json;
    }

    public int flags() {
        return message().path("flags").asInt(0);
    }

    public boolean ephemeral() {
        return (flags() & EPHEMERAL) != 0;
    }

    /** The first embed of the message, or a missing node. */
    public JsonNode embed() {
        return message().path("embeds").path(0);
    }

    /** Every link button of the message, in order, as {@code label -> url} nodes. */
    public List<JsonNode> linkButtons() {
        return streamButtons().filter(b -> b.path("style").asInt() == 5).toList();
    }

    /** Every button of the message that sends the bot an interaction (it has a custom id), in order. */
    public List<JsonNode> interactionButtons() {
        return streamButtons().filter(b -> b.hasNonNull("custom_id")).toList();
    }

    private java.util.stream.Stream<JsonNode> streamButtons() {
        java.util.stream.Stream.Builder<JsonNode> out = java.util.stream.Stream.builder();
        for (JsonNode row : message().path("components")) {
            for (JsonNode component : row.path("components")) {
                if (component.path("type").asInt() == 2) {
                    out.add(component);
                }
            }
        }
        return out.build();
    }

    /** The uploaded file with this file name. */
    public Optional<Part> file(String fileName) {
        return parts.stream().filter(p -> fileName.equals(p.fileName())).findFirst();
    }

    @Override
    public String toString() {
        return method + " " + path + (json.isMissingNode() ? "" : " " + json) + (parts.isEmpty() ? "" : " " + parts);
    }
}
