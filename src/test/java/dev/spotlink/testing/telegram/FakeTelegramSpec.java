package dev.spotlink.testing.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks requests against the machine-readable Bot API (the vendored {@code specs/tgapi.json} on the test class
 * path, see {@code specs/SOURCES.md}): required parameters present, and nested objects (keyboards, inline
 * results, reply parameters) with their required fields, so a payload the real API would refuse is refused here
 * too. A missing spec fails loudly: checks that silently turn off would let every fake test pass unchecked.
 */
final class FakeTelegramSpec {

    private static final Pattern MUST_BE = Pattern.compile("must be (\\w+)");
    private static final String RESOURCE = "/specs/tgapi.json";

    private final JsonNode spec;

    private FakeTelegramSpec(JsonNode spec) {
        this.spec = spec;
    }

    static FakeTelegramSpec load(ObjectMapper mapper) {
        try (InputStream in = FakeTelegramSpec.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The vendored Bot API spec " + RESOURCE
                        + " is missing from the test class path (src/test/resources" + RESOURCE + ")");
            }
            return new FakeTelegramSpec(mapper.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when the spec describes methods and types (a truncated or foreign file would not). */
    boolean present() {
        return spec.path("methods").size() > 0 && spec.path("types").size() > 0;
    }

    /** The first problem with a call's parameters, as Telegram would word it; empty when fine. */
    Optional<String> check(String method, JsonNode params, List<String> fileFields) {
        JsonNode methodSpec = findIgnoringCase(spec.path("methods"), method);
        if (methodSpec == null) {
            return Optional.empty(); // unknown methods get 404 elsewhere
        }
        List<String> problems = new ArrayList<>();
        for (JsonNode field : methodSpec.path("fields")) {
            String name = field.path("name").asText();
            JsonNode value = params.get(name);
            if (value == null || value.isNull()) {
                if (field.path("required").asBoolean() && !fileFields.contains(name)) {
                    problems.add(name + " is required");
                }
                continue;
            }
            checkValue(name, value, field.path("types"), problems);
        }
        return problems.stream().findFirst();
    }

    private void checkValue(String path, JsonNode value, JsonNode types, List<String> problems) {
        List<String> firstFailure = null;
        for (JsonNode type : types) {
            List<String> attempt = new ArrayList<>();
            checkType(path, value, type.asText(), attempt);
            if (attempt.isEmpty()) {
                return;
            }
            if (firstFailure == null) {
                firstFailure = attempt;
            }
        }
        if (firstFailure != null) {
            problems.addAll(firstFailure);
        }
    }

    private void checkType(String path, JsonNode value, String type, List<String> problems) {
        if (type.startsWith("Array of ")) {
            if (!value.isArray()) {
                problems.add(path + " must be an array");
                return;
            }
            for (int i = 0; i < value.size(); i++) {
                checkType(path + "[" + i + "]", value.get(i), type.substring("Array of ".length()), problems);
            }
            return;
        }
        JsonNode typeSpec = spec.path("types").get(type);
        if (typeSpec == null) {
            return; // String, Integer, Boolean, InputFile...: not checked
        }
        if (!value.isObject()) {
            problems.add(path + " must be a " + type + " object");
            return;
        }
        if (typeSpec.has("subtypes")) {
            // several subtypes may share a kind (InlineQueryResultPhoto and ...CachedPhoto are both "photo"):
            // the value is fine when it satisfies one of them
            String kind = value.path("type").asText(null);
            List<String> firstFailure = null;
            int bestScore = Integer.MAX_VALUE;
            for (JsonNode subtype : typeSpec.path("subtypes")) {
                if (kind != null && kind.equals(declaredKind(subtype.asText()))) {
                    List<String> attempt = new ArrayList<>();
                    checkType(path, value, subtype.asText(), attempt);
                    if (attempt.isEmpty()) {
                        return;
                    }
                    // report against the subtype the value resembles most (fewest problems and foreign fields)
                    int score = attempt.size() + foreignFields(value, subtype.asText());
                    if (score < bestScore) {
                        bestScore = score;
                        firstFailure = attempt;
                    }
                }
            }
            if (firstFailure != null) {
                problems.addAll(firstFailure);
            } else if (kind != null) {
                problems.add(path + ".type \"" + kind + "\" is not a " + type);
            }
            return;
        }
        for (JsonNode field : typeSpec.path("fields")) {
            String name = field.path("name").asText();
            JsonNode fieldValue = value.get(name);
            if (fieldValue == null || fieldValue.isNull()) {
                if (field.path("required").asBoolean()) {
                    problems.add(path + "." + name + " is required");
                }
            } else {
                checkValue(path + "." + name, fieldValue, field.path("types"), problems);
            }
        }
    }

    private int foreignFields(JsonNode value, String typeName) {
        List<String> known = new ArrayList<>();
        spec.path("types").path(typeName).path("fields").forEach(f -> known.add(f.path("name").asText()));
        int foreign = 0;
        for (var it = value.fieldNames(); it.hasNext(); ) {
            foreign += known.contains(it.next()) ? 0 : 1;
        }
        return foreign;
    }

    /** "photo" for InlineQueryResultPhoto: from its {@code type} field's "must be photo". */
    private String declaredKind(String typeName) {
        for (JsonNode field : spec.path("types").path(typeName).path("fields")) {
            if (field.path("name").asText().equals("type")) {
                Matcher m = MUST_BE.matcher(field.path("description").asText());
                return m.find() ? m.group(1) : null;
            }
        }
        return null;
    }

    private static JsonNode findIgnoringCase(JsonNode object, String name) {
        for (var it = object.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (key.equalsIgnoreCase(name)) {
                return object.get(key);
            }
        }
        return null;
    }
}
