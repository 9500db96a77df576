package dev.spotlink.testing.discord;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A fake Discord on 127.0.0.1 (random port) that the real JDA talks to: REST under {@code /api/v10/} and the
 * gateway websocket at {@code /gateway}. Tests dispatch slash-command interactions and then inspect what the
 * bot sent back; every REST request is recorded. Thread-safe.
 *
 * <p>Point JDA at it with {@code RestConfig#setBaseUrl(apiUrl())}, a session controller whose gateway is
 * {@link #gatewayUrl()}, {@code Compression.NONE} and the token {@link #token()}.
 */
public final class FakeDiscord implements AutoCloseable {

    /** A server the bot is in (announced in READY and GUILD_CREATE). */
    public record Guild(String id, String name) {
    }

    /** An interaction that was dispatched; its token identifies the bot's answers. */
    public record SentInteraction(String id, String token, String command) {
    }

    public static final String DEFAULT_TOKEN = "MTEwMDAwMDAwMDAwMDAwMDAx.fake.discord-bot-token-SECRET";
    private static final Duration DISPATCH_TIMEOUT = Duration.ofSeconds(15);

    private final String token;
    private final int shards;
    private final String applicationId;
    private final FakeDiscordJson json = new FakeDiscordJson();
    private final ObjectNode botUser;
    private final List<Guild> guilds = new CopyOnWriteArrayList<>();
    private final List<DiscordRequest> requests = new ArrayList<>();
    private final FakeDiscordRest rest;
    private final FakeDiscordGateway gateway;
    private final Javalin server;
    private final String baseUrl;

    private FakeDiscord(String token, int shards) {
        this.token = token;
        this.shards = shards;
        this.applicationId = json.snowflake();
        this.botUser = json.user(applicationId, "Spotlink", true);
        this.rest = new FakeDiscordRest(this, json);
        this.gateway = new FakeDiscordGateway(this, json);
        this.server = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.jetty.modifyWebSocketServletFactory(ws -> ws.setIdleTimeout(Duration.ofMinutes(5)));
            cfg.routes.ws("/gateway", gateway::configure);
            for (HandlerType type : List.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT, HandlerType.PATCH,
                    HandlerType.DELETE)) {
                cfg.routes.addHttpHandler(type, "/api/v10/<path>", rest::handle);
            }
        }).start("127.0.0.1", 0);
        this.baseUrl = "127.0.0.1:" + server.port();
    }

    /** Starts a fake that accepts {@link #DEFAULT_TOKEN}. */
    public static FakeDiscord start() {
        return start(DEFAULT_TOKEN);
    }

    /** Starts a fake that accepts only {@code token}. */
    public static FakeDiscord start(String token) {
        return new FakeDiscord(token, 1);
    }

    /** Starts a fake accepting {@link #DEFAULT_TOKEN} that recommends {@code shards} shards in gateway/bot. */
    public static FakeDiscord sharded(int shards) {
        return new FakeDiscord(DEFAULT_TOKEN, shards);
    }

    /** The shard count this fake recommends (GET gateway/bot). */
    public int shards() {
        return shards;
    }

    @Override
    public void close() {
        gateway.closeAll();
        server.stop();
    }

    /** REST base with version and trailing slash, for {@code discord.api-url}. */
    public String apiUrl() {
        return "http://" + baseUrl + "/api/v10/";
    }

    /** For {@code discord.gateway-url}; also the {@code resume_gateway_url} in READY. */
    public String gatewayUrl() {
        return "ws://" + baseUrl + "/gateway";
    }

    public String token() {
        return token;
    }

    /** The application id, which is also the bot user's id. */
    public String applicationId() {
        return applicationId;
    }

    ObjectNode botUser() {
        return botUser.deepCopy();
    }

    List<Guild> guilds() {
        return List.copyOf(guilds);
    }

    /** A server the bot is a member of, announced at the next IDENTIFY. */
    public void addGuild(String id, String name) {
        guilds.add(new Guild(id, name));
    }

    /** A member of a server (the bot's guild member lookup finds them); anyone else is Unknown Member. */
    public void addGuildMember(String guildId, String userId, String userName) {
        rest.addGuildMember(guildId, userId, userName);
    }

    /** How many guild member lookups the bot made. */
    public int memberLookups() {
        return rest.memberLookups();
    }

    // --- gateway ----------------------------------------------------------------------------------------------

    /**
     * Sends INTERACTION_CREATE once the gateway session is live (waits through a reconnect) and returns its
     * id and token; the bot's answers carry that token.
     */
    public SentInteraction dispatchInteraction(FakeInteraction interaction) {
        String id = json.snowflake();
        String interactionToken = "itoken-" + id;
        ObjectNode payload = interaction.toJson(json, applicationId, id, interactionToken, commandId(interaction));
        rest.track(new FakeDiscordRest.InteractionState(id, interactionToken, payload.path("channel_id").asText()));
        long guildId = payload.hasNonNull("guild_id") ? Long.parseLong(payload.get("guild_id").asText()) : -1;
        gateway.dispatch("INTERACTION_CREATE", payload, guildId, DISPATCH_TIMEOUT);
        return new SentInteraction(id, interactionToken, interaction.command());
    }

    private String commandId(FakeInteraction interaction) {
        ArrayNode global = rest.registered("global");
        if (global != null) {
            for (var command : global) {
                if (command.path("name").asText().equals(interaction.command())) {
                    return command.path("id").asText();
                }
            }
        }
        return json.snowflake();
    }

    /** Cuts the gateway connection abruptly mid-session (no close frame), like a network failure. */
    public void dropConnection() {
        gateway.drop();
    }

    /** Waits until every recommended shard has a live gateway session (READY or RESUMED sent). */
    public boolean awaitSession(Duration timeout) {
        return gateway.awaitLive(shards, timeout);
    }

    /** Waits until shard {@code id} has a live gateway session. */
    public boolean awaitShard(int id, Duration timeout) {
        return gateway.awaitShard(id, timeout);
    }

    /** How many times shard {@code id} identified. */
    public int identifies(int shard) {
        return gateway.stats().byShard().getOrDefault(shard, 0);
    }

    public int gatewayConnections() {
        return gateway.stats().connections();
    }

    public int identifies() {
        return gateway.stats().identifies();
    }

    public int resumes() {
        return gateway.stats().resumes();
    }

    /** The {@code intents} of the last IDENTIFY, or -1. */
    public int lastIntents() {
        return gateway.stats().lastIntents();
    }

    // --- REST state -------------------------------------------------------------------------------------------

    /** How many times the command list was replaced: scope {@code global} or {@code guild:<id>}. */
    public int commandRegistrations(String scope) {
        return rest.registrations(scope);
    }

    /** The last command list registered in that scope (as sent, plus ids), or null. */
    public ArrayNode registeredCommands(String scope) {
        return rest.registered(scope);
    }

    /** Command registrations get 403 Missing Access (as without the applications.commands scope). */
    public void refuseCommandRegistrations(boolean refuse) {
        rest.refuseRegistrations(refuse);
    }

    /** Messages to this user's DM channel get 403 code 50007, as when they closed DMs from server members. */
    public void setDmsClosed(String userId, boolean closed) {
        rest.setDmsClosed(userId, closed);
    }

    // --- recorded requests ------------------------------------------------------------------------------------

    void record(DiscordRequest request) {
        synchronized (requests) {
            requests.add(request);
            requests.notifyAll();
        }
    }

    /** Every REST request so far, in arrival order. */
    public List<DiscordRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** The requests answering this interaction (callback, edits, deletes, follow-ups), in order. */
    public List<DiscordRequest> answers(SentInteraction interaction) {
        return requests().stream().filter(r -> interaction.token().equals(r.interactionToken())).toList();
    }

    /** Waits for the first recorded request (past or future) matching {@code match}. */
    public DiscordRequest awaitRequest(Predicate<DiscordRequest> match, Duration timeout) {
        return awaitRequests(match, 1, timeout).get(0);
    }

    /** Waits until {@code count} recorded requests match and returns them (in order). */
    public List<DiscordRequest> awaitRequests(Predicate<DiscordRequest> match, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (requests) {
            while (true) {
                List<DiscordRequest> matching = requests.stream().filter(match).toList();
                if (matching.size() >= count) {
                    return matching;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("Expected " + count + " matching request(s) within " + timeout
                            + "; got " + matching.size() + ". All requests: " + requests);
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(requests, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("Interrupted", e);
                }
            }
        }
    }

    /** Waits until the bot sent {@code count} answers to the interaction and returns all answers so far. */
    public List<DiscordRequest> awaitAnswers(SentInteraction interaction, int count, Duration timeout) {
        awaitRequests(r -> interaction.token().equals(r.interactionToken()), count, timeout);
        return answers(interaction);
    }
}
