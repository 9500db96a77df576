package dev.spotlink.testing.telegram;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The webhook side of {@link FakeTelegram}: what {@code setWebhook} set, and deliveries as Telegram makes them
 * (POST of one update as JSON, with the {@code X-Telegram-Bot-Api-Secret-Token} header). Thread-safe.
 */
final class FakeTelegramWebhook {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    // guarded by this
    private String url;
    private String secret;
    private final List<Integer> statuses = new ArrayList<>();

    synchronized void set(String url, String secret) {
        this.url = url;
        this.secret = secret;
    }

    synchronized void clear() {
        url = null;
        secret = null;
    }

    synchronized boolean active() {
        return url != null && !url.isEmpty();
    }

    synchronized String url() {
        return url;
    }

    synchronized String secret() {
        return secret;
    }

    synchronized List<Integer> statuses() {
        return List.copyOf(statuses);
    }

    /** POSTs {@code update} to the webhook with {@code secretHeader} (null: no header); returns the status. */
    int deliver(ObjectNode update, String secretHeader) {
        String target = url();
        if (target == null) {
            throw new IllegalStateException("no webhook set");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(update.toString()));
        if (secretHeader != null) {
            request.header("X-Telegram-Bot-Api-Secret-Token", secretHeader);
        }
        int status;
        try {
            status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            status = -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = -1;
        }
        synchronized (this) {
            statuses.add(status);
        }
        return status;
    }
}
