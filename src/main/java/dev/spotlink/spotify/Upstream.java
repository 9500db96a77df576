package dev.spotlink.spotify;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the requests of one Spotify client: through its {@link RateLimitGate} (a 429 closes it for everyone), with
 * bounded, jittered retries. Idempotent GETs are retried after a 5xx or any I/O error; other requests only when
 * the failure came before a single byte of the request was sent (a refused or timed-out connect), because a token
 * POST that reached Spotify may have used up an authorization code or rotated a refresh token.
 * The caller's handler reads each final answer and classifies it; the last I/O error is rethrown to the caller.
 */
final class Upstream {

    /** Reads one answer: its value, or a classified failure. */
    @FunctionalInterface
    interface Handler<T> {
        T handle(Response response) throws IOException, SpotifyException;
    }

    // A retry with less time than this left would only turn into a timeout.
    private static final Duration MIN_ATTEMPT = Duration.ofMillis(500);
    private static final Logger log = LoggerFactory.getLogger(Upstream.class);

    private final OkHttpClient http;
    private final OkHttpClient unsafeHttp;
    private final RateLimitGate gate;
    private final Backoff backoff;

    Upstream(OkHttpClient http, RateLimitGate gate, Backoff backoff) {
        this(http, null, gate, backoff);
    }

    /** @param unsafeHttp the no-silent-retry client of another {@code Upstream} to share, or null to build it */
    private Upstream(OkHttpClient http, OkHttpClient unsafeHttp, RateLimitGate gate, Backoff backoff) {
        this.http = Objects.requireNonNull(http, "http");
        this.gate = Objects.requireNonNull(gate, "gate");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        // Same pool, dispatcher and timeouts; OkHttp's own silent retry is off so that nothing resends a POST
        // behind our back, and a listener tells whether the request had started to go out.
        this.unsafeHttp = unsafeHttp != null ? unsafeHttp : http.newBuilder()
                .retryOnConnectionFailure(false)
                .eventListenerFactory(call -> {
                    SendTracker tracker = call.request().tag(SendTracker.class);
                    return tracker != null ? tracker : EventListener.NONE;
                })
                .build();
    }

    /** The same clients and back-off behind another app's gate (cheap: nothing is built). */
    Upstream withGate(RateLimitGate other) {
        return other == gate ? this : new Upstream(http, unsafeHttp, other, backoff);
    }

    /** An idempotent request (GET): retried after a 5xx or an I/O error. */
    <T> T idempotent(Request request, String label, Handler<T> handler) throws SpotifyException, IOException {
        return send(request, label, true, handler);
    }

    /** A request with effects (a token POST): retried only when it never left, never after a 5xx. */
    <T> T once(Request request, String label, Handler<T> handler) throws SpotifyException, IOException {
        return send(request, label, false, handler);
    }

    private <T> T send(Request original, String label, boolean idempotent, Handler<T> handler)
            throws SpotifyException, IOException {
        Instant start = backoff.clock().instant();
        Duration wait = Duration.ZERO;
        for (int attempt = 0; ; attempt++) {
            if (attempt > 0) {
                pause(wait, label);
            }
            gate.acquire(label);
            SendTracker tracker = new SendTracker();
            Call call = idempotent ? http.newCall(original)
                    : unsafeHttp.newCall(original.newBuilder().tag(SendTracker.class, tracker).build());
            if (attempt > 0) {
                limitToBudget(call, start);
            }
            try (Response response = call.execute()) {
                if (response.code() == 429) {
                    gate.close(HttpSupport.retryAfter(response));
                } else if (idempotent && response.code() >= 500) {
                    Optional<Duration> next = retryDelay(attempt, start);
                    if (next.isPresent()) {
                        log.debug("{} answered {}; retry {} of {} in {} ms", label, response.code(), attempt + 1,
                                backoff.policy().maxRetries(), next.get().toMillis());
                        wait = next.get();
                        continue;
                    }
                }
                return handler.handle(response);
            } catch (HttpSupport.TooLargeException e) {
                throw e; // the same answer would come again
            } catch (IOException e) {
                boolean mayResend = idempotent || !tracker.sent;
                Optional<Duration> next = mayResend ? retryDelay(attempt, start) : Optional.empty();
                if (next.isEmpty()) {
                    throw e;
                }
                log.debug("{} failed ({}); retry {} of {} in {} ms", label, e.getClass().getSimpleName(),
                        attempt + 1, backoff.policy().maxRetries(), next.get().toMillis());
                wait = next.get();
            }
        }
    }

    private void pause(Duration wait, String label) throws IOException {
        try {
            backoff.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted before retrying " + label);
        }
    }

    /** The back-off before the next attempt; empty when retries or the time budget are used up. */
    private Optional<Duration> retryDelay(int attempt, Instant start) {
        RetryPolicy policy = backoff.policy();
        if (attempt >= policy.maxRetries()) {
            return Optional.empty();
        }
        Duration next = backoff.delay(attempt + 1);
        Duration elapsed = Duration.between(start, backoff.clock().instant());
        return elapsed.plus(next).plus(MIN_ATTEMPT).compareTo(policy.budget()) <= 0
                ? Optional.of(next) : Optional.empty();
    }

    /** A retry gets only what is left of the budget, so the whole call stays within it. */
    private void limitToBudget(Call call, Instant start) {
        Duration left = backoff.policy().budget().minus(Duration.between(start, backoff.clock().instant()));
        long leftMillis = Math.max(MIN_ATTEMPT.toMillis(), left.toMillis());
        long configured = http.callTimeoutMillis();
        if (configured == 0 || leftMillis < configured) {
            call.timeout().timeout(leftMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** Notes whether a request began to go out; before that, a failure left Spotify untouched. */
    private static final class SendTracker extends EventListener {
        private volatile boolean sent;

        @Override
        public void requestHeadersStart(Call call) {
            sent = true;
        }
    }
}
