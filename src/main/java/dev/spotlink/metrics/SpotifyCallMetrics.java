package dev.spotlink.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import okhttp3.FormBody;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * An OkHttp interceptor that times every upstream call by templated endpoint and status
 * ({@code spotlink_spotify_calls_seconds}) and counts token refreshes by outcome
 * ({@code spotlink_token_refreshes_total}). Application-level: one record per call the clients make, retries
 * included, whatever the transport below did.
 */
final class SpotifyCallMetrics implements Interceptor {

    private final MeterRegistry registry;
    private final SpotifyEndpoints endpoints;

    SpotifyCallMetrics(MeterRegistry registry, SpotifyEndpoints endpoints) {
        this.registry = registry;
        this.endpoints = endpoints;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        SpotifyEndpoints.Endpoint endpoint = endpoints.classify(request.url());
        boolean refresh = isRefresh(request);
        long start = System.nanoTime();
        String status = "io_error";
        try {
            Response response = chain.proceed(request);
            status = Integer.toString(response.code());
            if (refresh) {
                refreshed(response.isSuccessful() ? "success" : response.code() == 400 ? "rejected" : "failed");
            }
            return response;
        } catch (IOException | RuntimeException e) {
            if (refresh) {
                refreshed("failed");
            }
            throw e;
        } finally {
            Timer.builder("spotlink.spotify.calls")
                    .description("Calls to Spotify (Web API, accounts, codes, cover images), by endpoint and status")
                    .tag("upstream", endpoint.upstream())
                    .tag("endpoint", endpoint.path())
                    .tag("method", request.method())
                    .tag("status", status)
                    .register(registry)
                    .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    private void refreshed(String outcome) {
        Counter.builder("spotlink.token.refreshes")
                .description("Access-token refreshes at the Spotify accounts service, by outcome")
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    private static boolean isRefresh(Request request) {
        if (!(request.body() instanceof FormBody form)) {
            return false;
        }
        for (int i = 0; i < form.size(); i++) {
            if (form.name(i).equals("grant_type") && form.value(i).equals("refresh_token")) {
                return true;
            }
        }
        return false;
    }
}
