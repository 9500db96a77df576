package dev.spotlink.testing.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import io.javalin.websocket.WsMessageContext;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.eclipse.jetty.websocket.api.Callback;

/**
 * The fake's gateway websocket: HELLO on connect, IDENTIFY → READY (+ GUILD_CREATE per guild of that shard),
 * RESUME → RESUMED for a known session (else INVALID_SESSION), heartbeat → ACK, and dispatches on demand. Each
 * connection is one shard (IDENTIFY's {@code shard: [id, total]}, [0, 1] when absent); a guild belongs to shard
 * {@code (guild_id >> 22) % total} as on Discord, direct messages to shard 0. Plain JSON text frames (the client
 * must use no compression).
 */
final class FakeDiscordGateway {

    private static final int HEARTBEAT_INTERVAL_MS = 41_250;
    private static final long SEND_TIMEOUT_SECONDS = 5;

    /** One websocket connection and the shard it identified (or resumed) as. */
    private static final class Connection {
        final WsContext ctx;
        int shard = -1;
        int total = 1;
        boolean live;
        int sequence;

        Connection(WsContext ctx) {
            this.ctx = ctx;
        }

        boolean owns(long guildId) {
            return live && shard == (guildId < 0 ? 0 : (int) ((guildId >> 22) % total));
        }
    }

    private final FakeDiscord fake;
    private final FakeDiscordJson json;
    private final Object lock = new Object();
    // all guarded by lock
    private final Map<String, Connection> connections = new LinkedHashMap<>();
    private final Map<String, int[]> sessions = new HashMap<>();
    private final Map<Integer, Integer> identifiesByShard = new HashMap<>();
    private int connectionCount;
    private int identifies;
    private int resumes;
    private int lastIntents = -1;

    FakeDiscordGateway(FakeDiscord fake, FakeDiscordJson json) {
        this.fake = fake;
        this.json = json;
    }

    void configure(WsConfig ws) {
        ws.onConnect(ctx -> {
            synchronized (lock) {
                connectionCount++;
                Connection connection = new Connection(ctx);
                connections.put(ctx.sessionId(), connection);
                send(connection, frame(10, null, json.object().put("heartbeat_interval", HEARTBEAT_INTERVAL_MS)),
                        false);
            }
        });
        ws.onMessage(this::message);
        ws.onClose(ctx -> forget(ctx));
        ws.onError(ctx -> forget(ctx));
    }

    private void message(WsMessageContext ctx) throws IOException {
        JsonNode payload = json.mapper().readTree(ctx.message());
        JsonNode d = payload.path("d");
        synchronized (lock) {
            Connection connection = connections.get(ctx.sessionId());
            if (connection == null) {
                return;
            }
            switch (payload.path("op").asInt(-1)) {
                case 1 -> send(connection, frame(11, null, null), false);
                case 2 -> identify(connection, d);
                case 6 -> resume(connection, d);
                default -> {
                    // presence updates and the like: nothing to do
                }
            }
        }
    }

    private void identify(Connection connection, JsonNode d) {
        identifies++;
        lastIntents = d.path("intents").asInt(-1);
        if (!fake.token().equals(stripBot(d.path("token").asText()))) {
            connection.ctx.closeSession(4004, "Authentication failed.");
            return;
        }
        JsonNode shard = d.path("shard");
        connection.shard = shard.isArray() ? shard.path(0).asInt() : 0;
        connection.total = shard.isArray() ? Math.max(1, shard.path(1).asInt(1)) : 1;
        identifiesByShard.merge(connection.shard, 1, Integer::sum);
        String sessionId = "session-" + json.snowflake();
        sessions.put(sessionId, new int[] {connection.shard, connection.total});
        connection.sequence = 0;
        ObjectNode ready = json.object().put("v", 10).put("session_id", sessionId)
                .put("resume_gateway_url", fake.gatewayUrl());
        ready.set("user", fake.botUser());
        ready.putArray("private_channels");
        var guilds = ready.putArray("guilds");
        List<FakeDiscord.Guild> mine = fake.guilds().stream()
                .filter(g -> connection.shard == (int) ((Long.parseLong(g.id()) >> 22) % connection.total))
                .toList();
        for (FakeDiscord.Guild guild : mine) {
            guilds.addObject().put("id", guild.id()).put("unavailable", true);
        }
        ready.putObject("application").put("id", fake.applicationId()).put("flags", 0);
        ready.putArray("shard").add(connection.shard).add(connection.total);
        send(connection, frame(0, "READY", ready), true);
        for (FakeDiscord.Guild guild : mine) {
            send(connection, frame(0, "GUILD_CREATE", json.guild(guild.id(), guild.name(), fake.botUser())), true);
        }
        connection.live = true;
        lock.notifyAll();
    }

    private void resume(Connection connection, JsonNode d) {
        resumes++;
        int[] shard = sessions.get(d.path("session_id").asText());
        if (!fake.token().equals(stripBot(d.path("token").asText())) || shard == null) {
            send(connection, frame(9, null, null).put("d", false), false);
            return;
        }
        connection.shard = shard[0];
        connection.total = shard[1];
        send(connection, frame(0, "RESUMED", json.object()), true);
        connection.live = true;
        lock.notifyAll();
    }

    /**
     * Sends a dispatch on the shard that owns {@code guildId} (-1: a direct message, shard 0) once that shard's
     * session is live (after READY or RESUMED), waiting up to {@code timeout}.
     */
    void dispatch(String type, ObjectNode data, long guildId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (true) {
                Connection target = connections.values().stream().filter(c -> c.owns(guildId)).findFirst()
                        .orElse(null);
                if (target != null) {
                    send(target, frame(0, type, data), true);
                    return;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("No live gateway session within " + timeout + " to dispatch " + type);
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("Interrupted", e);
                }
            }
        }
    }

    /** Cuts every connection without a close frame, as a network failure would (clients see 1006). */
    void drop() {
        List<WsContext> dropped;
        synchronized (lock) {
            dropped = connections.values().stream().map(c -> c.ctx).toList();
            connections.clear();
        }
        dropped.forEach(ctx -> ctx.session.disconnect());
    }

    /** Waits until shards 0..shards-1 all have a live session, e.g. after {@link #drop()}. */
    boolean awaitLive(int shards, Duration timeout) {
        return await(() -> IntStream.range(0, shards).allMatch(this::liveLocked), timeout);
    }

    /** Waits until shard {@code id} has a live session. */
    boolean awaitShard(int id, Duration timeout) {
        return await(() -> liveLocked(id), timeout);
    }

    private boolean liveLocked(int id) {
        return connections.values().stream().anyMatch(c -> c.live && c.shard == id);
    }

    private boolean await(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (!condition.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    Stats stats() {
        synchronized (lock) {
            return new Stats(connectionCount, identifies, resumes, lastIntents, Map.copyOf(identifiesByShard));
        }
    }

    /** Counters for assertions. */
    record Stats(int connections, int identifies, int resumes, int lastIntents, Map<Integer, Integer> byShard) {
    }

    void closeAll() {
        drop();
    }

    private void forget(WsContext ctx) {
        synchronized (lock) {
            connections.remove(ctx.sessionId());
        }
    }

    private ObjectNode frame(int op, String type, JsonNode d) {
        ObjectNode frame = json.object().put("op", op);
        if (type == null) {
            frame.putNull("t");
        } else {
            frame.put("t", type);
        }
        frame.set("d", d == null ? json.mapper().nullNode() : d);
        return frame;
    }

    /** Writes one frame and waits until it is on the wire, so frames keep their order. Caller holds the lock. */
    private void send(Connection connection, ObjectNode frame, boolean dispatch) {
        if (dispatch) {
            frame.put("s", ++connection.sequence);
        } else {
            frame.putNull("s");
        }
        Callback.Completable done = new Callback.Completable();
        connection.ctx.session.sendText(frame.toString(), done);
        try {
            done.get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the client went away meanwhile; it will reconnect and resume
        }
    }

    private static String stripBot(String token) {
        return token.startsWith("Bot ") ? token.substring(4) : token;
    }
}
