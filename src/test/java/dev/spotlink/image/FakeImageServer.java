package dev.spotlink.image;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An image host on 127.0.0.1 for tests: answers by path prefix, with optional latency, and counts how many
 * requests were in flight at once (to prove fetches overlap without timing them).
 */
final class FakeImageServer implements AutoCloseable {

    /** One canned answer. {@code contentLength} -1 sends the body chunked (no Content-Length). */
    record Answer(int status, String contentType, byte[] body, Duration latency, boolean chunked) {
        static Answer image(String type, byte[] body) {
            return new Answer(200, type, body, Duration.ZERO, false);
        }

        Answer slow(Duration latency) {
            return new Answer(status, contentType, body, latency, chunked);
        }

        Answer chunkedBody() {
            return new Answer(status, contentType, body, latency, true);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-images");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger maxActive = new AtomicInteger();

    FakeImageServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Answer requests whose path starts with {@code prefix} (longest prefix wins). */
    FakeImageServer on(String prefix, Answer answer) {
        answers.put(prefix, answer);
        return this;
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<String> requests() {
        return List.copyOf(requests);
    }

    int maxConcurrent() {
        return maxActive.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        int now = active.incrementAndGet();
        maxActive.accumulateAndGet(now, Math::max);
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            requests.add(path);
            Answer answer = answers.entrySet().stream()
                    .filter(e -> path.startsWith(e.getKey()))
                    .max(Map.Entry.comparingByKey((a, b) -> Integer.compare(a.length(), b.length())))
                    .map(Map.Entry::getValue)
                    .orElse(new Answer(404, "text/plain", "not found".getBytes(), Duration.ZERO, false));
            if (!answer.latency().isZero()) {
                Thread.sleep(answer.latency().toMillis());
            }
            if (answer.contentType() != null) {
                exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            }
            exchange.sendResponseHeaders(answer.status(), answer.chunked() ? 0 : answer.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException ignored) {
            // the client gave up (size cap, timeout): nothing to answer
        } finally {
            active.decrementAndGet();
        }
    }
}
