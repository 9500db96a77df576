package dev.spotlink.testing.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A fake Telegram Bot API on 127.0.0.1 (random port) for the real TelegramBots client and poller. Serves
 * {@code /bot<token>/<method>} (method names case-insensitive, JSON, form or multipart bodies), checks
 * parameters against the Bot API spec, records every call, and holds {@code getUpdates} as a real long poll:
 * until an update is queued or its {@code timeout} passes. Updates stay queued until a later {@code getUpdates}
 * confirms them with a higher {@code offset}, as on Telegram.
 */
public final class FakeTelegram implements AutoCloseable {

    public static final long BOT_ID = 7_000_000_001L;
    public static final String BOT_USERNAME = "SpotlinkTestBot";
    private static final int MAX_POLL_SECONDS = 50;

    private final ObjectMapper mapper = new ObjectMapper();
    private final FakeTelegramSpec spec = FakeTelegramSpec.load(mapper);
    private final FakeTelegramUpdates updates = new FakeTelegramUpdates(mapper);
    private final FakeTelegramWebhook webhook = new FakeTelegramWebhook();
    private final FakeTelegramMembers members = new FakeTelegramMembers(mapper);
    private final String token;
    private final HttpServer server;
    private final ExecutorService executor;
    private final Object lock = new Object();
    // guarded by lock
    private final Deque<ObjectNode> queue = new ArrayDeque<>();
    private final List<FakeTelegramCall> calls = new ArrayList<>();
    private final Map<String, Integer> taken = new HashMap<>();
    private final Map<String, Deque<ObjectNode>> faults = new HashMap<>();
    private final Map<Long, ObjectNode> chats = new HashMap<>();
    private final List<String> specViolations = new ArrayList<>();
    private final Map<String, CountDownLatch> holds = new HashMap<>();
    private final Map<String, Integer> held = new HashMap<>();
    private long nextUpdateId = 500;
    private long confirmedBelow;
    private int nextMessageId = 1;
    private boolean closed;
    private int heldPolls;
    private volatile boolean recording = true;
    private volatile Consumer<FakeTelegramCall> observer;

    private FakeTelegram(String token, int port) throws IOException {
        this.token = token;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-telegram");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /** A fake accepting only {@code token}. */
    public static FakeTelegram start(String token) {
        return start(token, 0);
    }

    /** A fake accepting only {@code token} on {@code port} (0: any free one), e.g. one a test kept unreachable. */
    public static FakeTelegram start(String token, int port) {
        try {
            FakeTelegram fake = new FakeTelegram(token, port);
            fake.server.start();
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** For {@code telegram.api-url}: {@code http://127.0.0.1:P}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The URL {@code setWebhook} set, or null (none, or deleted). */
    public String webhookUrl() {
        return webhook.url();
    }

    /** The {@code secret_token} {@code setWebhook} set, or null. */
    public String webhookSecret() {
        return webhook.secret();
    }

    /** Delivers an update to the webhook with this secret header (null: none), as a forger would; the status. */
    public int postToWebhook(ObjectNode update, String secretHeader) {
        ObjectNode copy = update.deepCopy();
        synchronized (lock) {
            copy.put("update_id", nextUpdateId++);
        }
        return webhook.deliver(copy, secretHeader);
    }

    /** The HTTP status of every webhook delivery so far, in order (-1: no answer). */
    public List<Integer> webhookStatuses() {
        return webhook.statuses();
    }

    /** True when the vendored Bot API spec was read and requests are checked against it. */
    public boolean checksAgainstSpec() {
        return spec.present();
    }

    /** Group memberships that getChatMember reports. */
    public FakeTelegramMembers members() {
        return members;
    }

    /** Update builders. */
    public FakeTelegramUpdates updates() {
        return updates;
    }

    /** Queues an update (JSON text) for {@code getUpdates}; returns its {@code update_id}. */
    public long pushUpdate(String json) {
        try {
            return pushUpdate((ObjectNode) mapper.readTree(json));
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Queues an update for {@code getUpdates}; returns its {@code update_id}. While a webhook is set, delivers it
     * there instead (as Telegram does), with the secret token {@code setWebhook} gave.
     */
    public long pushUpdate(ObjectNode update) {
        if (webhook.active()) {
            ObjectNode copy = update.deepCopy();
            long id;
            synchronized (lock) {
                id = nextUpdateId++;
                copy.put("update_id", id);
            }
            webhook.deliver(copy, webhook.secret());
            return id;
        }
        synchronized (lock) {
            ObjectNode copy = update.deepCopy();
            long id = nextUpdateId++;
            copy.put("update_id", id);
            JsonNode chat = copy.path("message").path("chat");
            if (chat.isObject() && chat.path("id").canConvertToLong()) {
                chats.put(chat.path("id").asLong(), (ObjectNode) chat.deepCopy());
            }
            queue.add(copy);
            lock.notifyAll();
            return id;
        }
    }

    /** Waits until the poller confirmed update {@code updateId} (asked for a higher offset). */
    public void awaitConfirmed(long updateId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (confirmedBelow <= updateId) {
                waitUntil(deadline, "update " + updateId + " to be confirmed");
            }
        }
    }

    /**
     * The next call of {@code method} not yet returned by this method (each call is returned once, in order),
     * waiting up to {@code timeout} for it.
     */
    public FakeTelegramCall awaitCall(String method, Duration timeout) {
        String key = method.toLowerCase(Locale.ROOT);
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (true) {
                List<FakeTelegramCall> matching = callsLocked(key);
                int index = taken.getOrDefault(key, 0);
                if (matching.size() > index) {
                    taken.put(key, index + 1);
                    return matching.get(index);
                }
                waitUntil(deadline, "a " + method + " call");
            }
        }
    }

    /** Every call of {@code method} so far, in order. */
    public List<FakeTelegramCall> calls(String method) {
        synchronized (lock) {
            return callsLocked(method.toLowerCase(Locale.ROOT));
        }
    }

    /** Every call so far (any method but getUpdates), in order. */
    public List<FakeTelegramCall> sends() {
        synchronized (lock) {
            return calls.stream().filter(c -> !c.is("getUpdates")).toList();
        }
    }

    /** Requests refused because they break the Bot API spec ("method: problem"); tests expect none. */
    public List<String> specViolations() {
        synchronized (lock) {
            return List.copyOf(specViolations);
        }
    }

    /** Whether {@link #calls} keeps calls (default true; a long load run turns it off: photos are big). */
    public void setRecording(boolean recording) {
        this.recording = recording;
    }

    /** Told of every answered call but {@code getUpdates}, after the answer went out; null for none. */
    public void setObserver(Consumer<FakeTelegramCall> observer) {
        this.observer = observer;
    }

    /** The next call of {@code method} fails with this HTTP status; a 429 carries {@code retry_after}. */
    public void failNext(String method, int status, int retryAfter) {
        ObjectNode error = mapper.createObjectNode().put("ok", false).put("error_code", status);
        if (status == 429) {
            error.put("description", "Too Many Requests: retry after " + retryAfter);
            error.putObject("parameters").put("retry_after", retryAfter);
        } else {
            error.put("description", status == 403 ? "Forbidden: bot was blocked by the user"
                    : "Bad Request: injected failure");
        }
        synchronized (lock) {
            faults.computeIfAbsent(method.toLowerCase(Locale.ROOT), k -> new ArrayDeque<>()).add(error);
        }
    }

    /**
     * Every call of {@code method} from now on waits for its answer until {@code release} opens (see
     * {@link #awaitHeld}): shows how many calls the client has in flight at once.
     */
    public void holdAnswers(String method, CountDownLatch release) {
        synchronized (lock) {
            holds.put(method.toLowerCase(Locale.ROOT), release);
        }
    }

    /** Waits until {@code count} calls of {@code method} are held at the same time; fails after {@code timeout}. */
    public void awaitHeld(String method, int count, Duration timeout) {
        String key = method.toLowerCase(Locale.ROOT);
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (held.getOrDefault(key, 0) < count) {
                waitUntil(deadline, count + " calls of " + method + " held at once (" + held.getOrDefault(key, 0)
                        + " so far)");
            }
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll(); // held long polls answer [] now
            long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            while (heldPolls > 0 && System.nanoTime() < deadline) {
                try {
                    lock.wait(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        // stop(0): on Java 17 stop(n) waits the full n seconds even when no exchange is open
        server.stop(0);
        executor.shutdownNow();
    }

    // --- HTTP -----------------------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String prefix = "/bot" + token + "/";
            if (!path.startsWith(prefix)) {
                send(exchange, 401, error(401, "Unauthorized"));
                return;
            }
            String method = path.substring(prefix.length()).toLowerCase(Locale.ROOT);
            FakeTelegramCall call = FakeTelegramRequests.read(exchange, method, mapper);
            ObjectNode fault;
            synchronized (lock) {
                if (recording) {
                    calls.add(call);
                }
                lock.notifyAll();
                Deque<ObjectNode> queued = faults.get(method);
                fault = queued == null ? null : queued.poll();
            }
            if (fault != null) {
                send(exchange, fault.path("error_code").asInt(), fault);
                return;
            }
            Optional<String> problem = spec.check(method, call.params(), List.copyOf(call.files().keySet()));
            if (problem.isPresent()) {
                synchronized (lock) {
                    specViolations.add(method + ": " + problem.get());
                }
                send(exchange, 400, error(400, "Bad Request: " + problem.get()));
                return;
            }
            hold(method);
            boolean poll = method.equals("getupdates");
            synchronized (lock) {
                heldPolls += poll ? 1 : 0;
            }
            try {
                ObjectNode answer = answer(method, call);
                send(exchange, answer.path("ok").asBoolean() ? 200 : answer.path("error_code").asInt(500), answer);
                Consumer<FakeTelegramCall> watching = observer;
                if (watching != null && !poll) {
                    watching.accept(call);
                }
            } finally {
                synchronized (lock) {
                    heldPolls -= poll ? 1 : 0;
                    lock.notifyAll();
                }
            }
        } catch (IOException | RuntimeException e) {
            // the client hung up (e.g. a long poll cancelled at shutdown), or a bug in the fake: nothing to answer
        }
    }

    /** Waits while {@link #holdAnswers} holds this method, counted in {@link #held}. */
    private void hold(String method) throws IOException {
        CountDownLatch release;
        synchronized (lock) {
            release = holds.get(method);
            if (release == null) {
                return;
            }
            held.merge(method, 1, Integer::sum);
            lock.notifyAll();
        }
        try {
            if (!release.await(30, TimeUnit.SECONDS)) {
                throw new IOException("held " + method + " never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while held", e);
        } finally {
            synchronized (lock) {
                held.merge(method, -1, Integer::sum);
            }
        }
    }

    private ObjectNode answer(String method, FakeTelegramCall call) {
        return switch (method) {
            case "getme" -> ok(FakeTelegramRequests.botUser(mapper, BOT_ID, BOT_USERNAME));
            case "setmycommands", "answerinlinequery" -> ok(mapper.valueToTree(true));
            case "setwebhook" -> {
                webhook.set(call.string("url"), call.string("secret_token"));
                yield ok(mapper.valueToTree(true));
            }
            case "deletewebhook" -> {
                webhook.clear();
                yield ok(mapper.valueToTree(true));
            }
            case "getupdates" -> webhook.active()
                    ? error(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook "
                    + "to delete the webhook first")
                    : ok(poll(call));
            case "sendmessage", "sendphoto" -> ok(sentMessage(method, call));
            case "getchatmember" -> ok(members.member(Long.parseLong(call.string("chat_id")),
                    Long.parseLong(call.string("user_id"))));
            default -> error(404, "Not Found: method not found");
        };
    }

    private ArrayNode poll(FakeTelegramCall call) {
        long offset = call.params().path("offset").asLong(0);
        int limit = Math.max(1, Math.min(100, call.params().path("limit").asInt(100)));
        int timeout = Math.max(0, Math.min(MAX_POLL_SECONDS, call.params().path("timeout").asInt(0)));
        long deadline = System.nanoTime() + Duration.ofSeconds(timeout).toNanos();
        ArrayNode result = mapper.createArrayNode();
        synchronized (lock) {
            if (offset > 0) {
                confirmedBelow = Math.max(confirmedBelow, offset);
                queue.removeIf(u -> u.path("update_id").asLong() < offset);
                lock.notifyAll();
            }
            while (!closed && queue.isEmpty() && System.nanoTime() < deadline) {
                try {
                    lock.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return result;
                }
            }
            if (!closed) {
                queue.stream().limit(limit).forEach(result::add);
            }
        }
        return result;
    }

    private ObjectNode sentMessage(String method, FakeTelegramCall call) {
        long chatId = Long.parseLong(call.string("chat_id"));
        ObjectNode message = mapper.createObjectNode();
        synchronized (lock) {
            message.put("message_id", nextMessageId++);
            ObjectNode chat = chats.get(chatId);
            message.set("chat", chat != null ? chat.deepCopy() : mapper.createObjectNode().put("id", chatId)
                    .put("type", chatId > 0 ? "private" : "supergroup"));
        }
        message.put("date", System.currentTimeMillis() / 1000);
        message.set("from", FakeTelegramRequests.botUser(mapper, BOT_ID, BOT_USERNAME));
        if (method.equals("sendphoto")) {
            message.putArray("photo").addObject().put("file_id", "AgACAgIAAxkDAAI" + message.get("message_id"))
                    .put("file_unique_id", "AQAD" + message.get("message_id")).put("width", 640).put("height", 160);
            Optional.ofNullable(call.string("caption")).ifPresent(c -> message.put("caption", c));
        } else {
            message.put("text", call.string("text"));
        }
        return message;
    }

    private List<FakeTelegramCall> callsLocked(String key) {
        return calls.stream().filter(c -> c.method().equals(key)).toList();
    }

    private void waitUntil(long deadline, String what) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new AssertionError("Timed out waiting for " + what);
        }
        try {
            lock.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted waiting for " + what, e);
        }
    }

    private ObjectNode ok(JsonNode result) {
        ObjectNode answer = mapper.createObjectNode().put("ok", true);
        answer.set("result", result);
        return answer;
    }

    private ObjectNode error(int code, String description) {
        return mapper.createObjectNode().put("ok", false).put("error_code", code).put("description", description);
    }

    private void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = mapper.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
