package dev.spotlink.testing.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import io.javalin.websocket.WsMessageContext;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;

/**
 * The fake's gateway websocket: HELLO on connect, IDENTIFY → READY (+ GUILD_CREATE per guild), RESUME → RESUMED
 * for a known session (else INVALID_SESSION), heartbeat → ACK, and dispatches on demand. Plain JSON text frames
 * (the client must use no compression).
 */
final class FakeDiscordGateway {

    private static final int HEARTBEAT_INTERVAL_MS = 41_250;
    private static final long SEND_TIMEOUT_SECONDS = 5;

    private final FakeDiscord fake;
    private final FakeDiscordJson json;
    private final Object lock = new Object();
    // all guarded by lock
    private WsContext current;
    private boolean live;
    private final Set<String> sessions = new HashSet<>();
    private int sequence;
    private int connections;
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
                connections++;
                current = ctx;
                live = false;
                send(ctx, frame(10, null, json.object().put("heartbeat_interval", HEARTBEAT_INTERVAL_MS)), false);
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
            switch (payload.path("op").asInt(-1)) {
                case 1 -> send(ctx, frame(11, null, null), false);
                case 2 -> identify(ctx, d);
                case 6 -> resume(ctx, d);
                default -> {
                    // presence updates and the like: nothing to do
                }
            }
        }
    }

    private void identify(WsContext ctx, JsonNode d) {
        identifies++;
        lastIntents = d.path("intents").asInt(-1);
        if (!fake.token().equals(stripBot(d.path("token").asText()))) {
            ctx.closeSession(4004, "Authentication failed.");
            return;
        }
        String sessionId = "session-" + json.snowflake();
        sessions.add(sessionId);
        sequence = 0;
        ObjectNode ready = json.object().put("v", 10).put("session_id", sessionId)
                .put("resume_gateway_url", fake.gatewayUrl());
        ready.set("user", fake.botUser());
        ready.putArray("private_channels");
        var guilds = ready.putArray("guilds");
        for (FakeDiscord.Guild guild : fake.guilds()) {
            guilds.addObject().put("id", guild.id()).put("unavailable", true);
        }
        ready.putObject("application").put("id", fake.applicationId()).put("flags", 0);
        ready.putArray("shard").add(0).add(1);
        send(ctx, frame(0, "READY", ready), true);
        for (FakeDiscord.Guild guild : fake.guilds()) {
            send(ctx, frame(0, "GUILD_CREATE", json.guild(guild.id(), guild.name(), fake.botUser())), true);
        }
        live = true;
        lock.notifyAll();
    }

    private void resume(WsContext ctx, JsonNode d) {
        resumes++;
        if (!fake.token().equals(stripBot(d.path("token").asText()))
                || !sessions.contains(d.path("session_id").asText())) {
            send(ctx, frame(9, null, null).put("d", false), false);
            return;
        }
        send(ctx, frame(0, "RESUMED", json.object()), true);
        live = true;
        lock.notifyAll();
    }

    /** Sends a dispatch once a session is live (after READY or RESUMED), waiting up to {@code timeout}. */
    void dispatch(String type, ObjectNode data, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (!live || current == null) {
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
            send(current, frame(0, type, data), true);
        }
    }

    /** Cuts the TCP connection without a close frame, as a network failure would (client sees 1006). */
    void drop() {
        WsContext ctx;
        synchronized (lock) {
            ctx = current;
            current = null;
            live = false;
        }
        if (ctx != null) {
            ctx.session.disconnect();
        }
    }

    /** Waits until a session is live again, e.g. after {@link #drop()}. */
    boolean awaitLive(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (!live) {
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
            return new Stats(connections, identifies, resumes, lastIntents);
        }
    }

    /** Counters for assertions. */
    record Stats(int connections, int identifies, int resumes, int lastIntents) {
    }

    void closeAll() {
        synchronized (lock) {
            if (current != null) {
                current.session.disconnect();
                current = null;
                live = false;
            }
        }
    }

    private void forget(WsContext ctx) {
        synchronized (lock) {
            if (current != null && current.sessionId().equals(ctx.sessionId())) {
                current = null;
                live = false;
            }
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
    private void send(WsContext ctx, ObjectNode frame, boolean dispatch) {
        if (dispatch) {
            frame.put("s", ++sequence);
        } else {
            frame.putNull("s");
        }
        Callback.Completable done = new Callback.Completable();
        ctx.session.sendText(frame.toString(), done);
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
