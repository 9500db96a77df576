package dev.spotlink.testing.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spotlink.testing.MultipartForm;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fake's REST API (paths after {@code /api/v10/}): login, command registration, interaction callbacks and
 * webhooks, DMs. Answers like Discord, including the errors a client must handle: 401 for a wrong token, 40060
 * for a second acknowledgement, 10062 for an unknown interaction, 50007 when a user's DMs are closed.
 */
final class FakeDiscordRest {

    private static final Pattern GLOBAL_COMMANDS = Pattern.compile("applications/(\\d+)/commands");
    private static final Pattern GUILD_COMMANDS = Pattern.compile("applications/(\\d+)/guilds/(\\d+)/commands");
    private static final Pattern CALLBACK = Pattern.compile("interactions/(\\d+)/([^/]+)/callback");
    private static final Pattern ORIGINAL = Pattern.compile("webhooks/(\\d+)/([^/]+)/messages/@original");
    private static final Pattern FOLLOW_UP = Pattern.compile("webhooks/(\\d+)/([^/]+)");
    private static final Pattern CHANNEL_MESSAGES = Pattern.compile("channels/(\\d+)/messages");
    private static final Pattern GUILD_MEMBER = Pattern.compile("guilds/(\\d+)/members/(\\d+)");

    /** An interaction the fake dispatched, and what has been done with it. */
    static final class InteractionState {
        final String id;
        final String token;
        final String channelId;
        boolean acknowledged;
        boolean originalDeleted;

        InteractionState(String id, String token, String channelId) {
            this.id = id;
            this.token = token;
            this.channelId = channelId;
        }
    }

    /** An HTTP answer. */
    record Answer(int status, JsonNode body) {
    }

    private final FakeDiscord fake;
    private final FakeDiscordJson json;
    private final Map<String, InteractionState> interactions = new ConcurrentHashMap<>();
    // guarded by this
    private final Map<String, Integer> registrations = new HashMap<>();
    private final Map<String, ArrayNode> registered = new HashMap<>();
    private final Map<String, String> dmChannels = new HashMap<>();
    private final Set<String> closedDms = new HashSet<>();
    private final Map<String, String> guildMembers = new HashMap<>();
    private int memberLookups;
    private boolean refuseRegistrations;

    FakeDiscordRest(FakeDiscord fake, FakeDiscordJson json) {
        this.fake = fake;
        this.json = json;
    }

    void track(InteractionState interaction) {
        interactions.put(interaction.token, interaction);
    }

    synchronized int registrations(String scope) {
        return registrations.getOrDefault(scope, 0);
    }

    synchronized ArrayNode registered(String scope) {
        ArrayNode commands = registered.get(scope);
        return commands == null ? null : commands.deepCopy();
    }

    synchronized void refuseRegistrations(boolean refuse) {
        refuseRegistrations = refuse;
    }

    synchronized void addGuildMember(String guildId, String userId, String userName) {
        guildMembers.put(guildId + "/" + userId, userName);
    }

    synchronized int memberLookups() {
        return memberLookups;
    }

    /** {@code GET /guilds/{guild}/members/{user}}: the member, or 10007 Unknown Member. */
    private synchronized Answer guildMember(String guildId, String userId) {
        memberLookups++;
        String name = guildMembers.get(guildId + "/" + userId);
        if (name == null || fake.guilds().stream().noneMatch(g -> g.id().equals(guildId))) {
            return new Answer(404, json.error(10007, "Unknown Member"));
        }
        return new Answer(200, json.member(json.user(userId, name, false)));
    }

    synchronized void setDmsClosed(String userId, boolean closed) {
        if (closed) {
            closedDms.add(userId);
        } else {
            closedDms.remove(userId);
        }
    }

    /** Parses, records and answers one request. */
    void handle(Context ctx) throws IOException {
        String path = ctx.path().replaceFirst("^/api/v\\d+/", "");
        String contentType = ctx.contentType();
        byte[] body = ctx.bodyAsBytes();
        JsonNode bodyJson = null;
        List<DiscordRequest.Part> parts = List.of();
        if (MultipartForm.isMultipart(contentType)) {
            List<DiscordRequest.Part> all = MultipartForm.parse(contentType, body).stream()
                    .map(p -> new DiscordRequest.Part(p.name(), p.fileName(), p.contentType(), p.data()))
                    .toList();
            for (DiscordRequest.Part part : all) {
                if ("payload_json".equals(part.name())) {
                    bodyJson = json.mapper().readTree(part.bytes());
                }
            }
            parts = all.stream().filter(p -> !"payload_json".equals(p.name())).toList();
        } else if (body.length > 0) {
            bodyJson = json.mapper().readTree(body);
        }
        Map<String, String> query = new HashMap<>();
        ctx.queryParamMap().forEach((k, v) -> query.put(k, v.isEmpty() ? "" : v.get(0)));
        DiscordRequest request = new DiscordRequest(ctx.method().name(), path, query, bodyJson, parts,
                ctx.header("Authorization"));
        Answer answer = answer(request);
        // recorded after answering, so a test that sees the request also sees its effect
        fake.record(request);
        ctx.status(answer.status());
        if (answer.body() != null) {
            ctx.contentType("application/json").result(answer.body().toString());
        }
    }

    private Answer answer(DiscordRequest r) {
        if (!("Bot " + fake.token()).equals(r.authorization()) && !r.path().startsWith("webhooks/")
                && !r.path().startsWith("interactions/")) {
            return new Answer(401, json.error(0, "401: Unauthorized"));
        }
        String method = r.method();
        String path = r.path();
        Matcher m;
        if (method.equals("GET") && path.equals("users/@me")) {
            return new Answer(200, fake.botUser());
        }
        if (method.equals("GET") && (path.equals("gateway") || path.equals("gateway/bot"))) {
            ObjectNode gateway = json.object().put("url", fake.gatewayUrl()).put("shards", fake.shards());
            // max_concurrency 16: all shards identify at once instead of 5 s apart
            gateway.putObject("session_start_limit").put("total", 1000).put("remaining", 999)
                    .put("reset_after", 86_400_000).put("max_concurrency", 16);
            return new Answer(200, gateway);
        }
        if (method.equals("PUT") && (m = GUILD_COMMANDS.matcher(path)).matches()) {
            return registerCommands(m.group(1), "guild:" + m.group(2), r.json());
        }
        if (method.equals("PUT") && (m = GLOBAL_COMMANDS.matcher(path)).matches()) {
            return registerCommands(m.group(1), "global", r.json());
        }
        if (method.equals("POST") && (m = CALLBACK.matcher(path)).matches()) {
            return callback(m.group(1), m.group(2));
        }
        if ((m = ORIGINAL.matcher(path)).matches()) {
            return original(method, m.group(1), m.group(2), r);
        }
        if (method.equals("POST") && (m = FOLLOW_UP.matcher(path)).matches()) {
            return followUp(m.group(1), m.group(2), r);
        }
        if (method.equals("POST") && path.equals("users/@me/channels")) {
            return openDm(r.json().path("recipient_id").asText());
        }
        if (method.equals("GET") && (m = GUILD_MEMBER.matcher(path)).matches()) {
            return guildMember(m.group(1), m.group(2));
        }
        if (method.equals("POST") && (m = CHANNEL_MESSAGES.matcher(path)).matches()) {
            return channelMessage(m.group(1), r);
        }
        return new Answer(404, json.error(0, "404: Not Found"));
    }

    private synchronized Answer registerCommands(String applicationId, String scope, JsonNode commands) {
        if (!applicationId.equals(fake.applicationId()) || refuseRegistrations) {
            return new Answer(403, json.error(50001, "Missing Access"));
        }
        ArrayNode echoed = json.mapper().createArrayNode();
        for (JsonNode command : commands) {
            ObjectNode copy = command.deepCopy();
            copy.put("id", json.snowflake()).put("application_id", applicationId).put("version", json.snowflake())
                    .put("type", command.path("type").asInt(1));
            if (scope.startsWith("guild:")) {
                copy.put("guild_id", scope.substring("guild:".length()));
            }
            echoed.add(copy);
        }
        registrations.merge(scope, 1, Integer::sum);
        registered.put(scope, echoed.deepCopy());
        return new Answer(200, echoed);
    }

    private Answer callback(String interactionId, String token) {
        InteractionState interaction = interactions.get(token);
        if (interaction == null || !interaction.id.equals(interactionId)) {
            return new Answer(404, json.error(10062, "Unknown interaction"));
        }
        synchronized (interaction) {
            if (interaction.acknowledged) {
                return new Answer(400, json.error(40060, "Interaction has already been acknowledged."));
            }
            interaction.acknowledged = true;
        }
        return new Answer(204, null);
    }

    private Answer original(String method, String applicationId, String token, DiscordRequest r) {
        InteractionState interaction = interactions.get(token);
        if (interaction == null || !applicationId.equals(fake.applicationId())) {
            return new Answer(404, json.error(10015, "Unknown Webhook"));
        }
        synchronized (interaction) {
            if (!interaction.acknowledged || interaction.originalDeleted) {
                return new Answer(404, json.error(10008, "Unknown Message"));
            }
            switch (method) {
                case "DELETE" -> {
                    interaction.originalDeleted = true;
                    return new Answer(204, null);
                }
                case "PATCH", "GET" -> {
                    return new Answer(200, json.message(interaction.id, interaction.channelId, fake.botUser(),
                            r.json(), r.parts(), fake.applicationId()));
                }
                default -> {
                    return new Answer(405, json.error(0, "405: Method Not Allowed"));
                }
            }
        }
    }

    private Answer followUp(String applicationId, String token, DiscordRequest r) {
        InteractionState interaction = interactions.get(token);
        if (interaction == null || !applicationId.equals(fake.applicationId())) {
            return new Answer(404, json.error(10015, "Unknown Webhook"));
        }
        if (!interaction.acknowledged) {
            return new Answer(404, json.error(10015, "Unknown Webhook"));
        }
        return new Answer(200, json.message(json.snowflake(), interaction.channelId, fake.botUser(), r.json(),
                r.parts(), fake.applicationId()));
    }

    private synchronized Answer openDm(String userId) {
        if (userId.isEmpty()) {
            return new Answer(400, json.error(50035, "Invalid Form Body"));
        }
        String channelId = dmChannels.computeIfAbsent(userId, ignored -> json.snowflake());
        return new Answer(200, json.dmChannel(channelId, json.user(userId, "user" + userId, false)));
    }

    private Answer channelMessage(String channelId, DiscordRequest r) {
        String recipient;
        synchronized (this) {
            recipient = dmChannels.entrySet().stream().filter(e -> e.getValue().equals(channelId))
                    .map(Map.Entry::getKey).findFirst().orElse(null);
            if (recipient != null && closedDms.contains(recipient)) {
                return new Answer(403, json.error(50007, "Cannot send messages to this user"));
            }
        }
        if (recipient == null) {
            return new Answer(404, json.error(10003, "Unknown Channel"));
        }
        return new Answer(200, json.message(json.snowflake(), channelId, fake.botUser(), r.json(), r.parts(),
                fake.applicationId()));
    }
}
