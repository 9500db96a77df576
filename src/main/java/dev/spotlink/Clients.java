package dev.spotlink;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spotlink.card.CardRenderer;
import dev.spotlink.config.SpotlinkConfig;
import dev.spotlink.i18n.Messages;
import dev.spotlink.image.Images;
import dev.spotlink.metrics.Metrics;
import dev.spotlink.spotify.Backoff;
import dev.spotlink.spotify.HttpClients;
import dev.spotlink.spotify.Json;
import dev.spotlink.spotify.RateLimitGate;
import dev.spotlink.spotify.RateLimitGates;
import dev.spotlink.spotify.Sleeper;
import dev.spotlink.spotify.SpotifyAccountsClient;
import dev.spotlink.spotify.SpotifyApiClient;
import dev.spotlink.spotify.SpotifyCodesClient;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import okhttp3.OkHttpClient;

/**
 * The parts of the application that need no database: metrics, the Spotify clients with their HTTP client and
 * rate-limit gates, the message bundles, the image pipeline and the card renderer. {@link Application} builds them
 * while the database opens.
 */
record Clients(Metrics metrics, OkHttpClient http, ObjectMapper json, SpotifyAccountsClient accounts,
               SpotifyApiClient api, SpotifyCodesClient codes, Messages messages, Images images,
               CardRenderer renderer) {

    /** @param clock decides token expiry; gates and back-offs keep real time whatever it is */
    static Clients build(SpotlinkConfig config, Clock clock) {
        // The card renderer loads fonts and much of AWT, the rest TLS, OkHttp and Jackson: independent class loading
        // that two cores do side by side.
        CompletableFuture<CardRenderer> renderer = CompletableFuture.supplyAsync(CardRenderer::new, task -> {
            Thread t = new Thread(task, "spotlink-card-fonts");
            t.setDaemon(true);
            t.start();
        });
        Metrics metrics = Metrics.create(config.metrics());
        OkHttpClient http = metrics.instrument(HttpClients.create(), config.spotify());
        ObjectMapper json = Json.mapper();
        // One gate per Spotify app (the admin's, and each member's own): a 429 pauses that app's Web API and token
        // calls alike, and no other app's. Gates and back-offs keep real time (they sleep for real), whatever clock
        // decides token expiry.
        RateLimitGate adminGate = new RateLimitGate(RateLimitGates.name(config.spotify().clientId()),
                metrics.rateLimitWaits("app", Sleeper.system()));
        Sleeper ownAppWaits = metrics.rateLimitWaits("own_apps", Sleeper.system());
        RateLimitGates appGates = new RateLimitGates(config.spotify().clientId(), adminGate,
                RateLimitGates.DEFAULT_MAX_APPS, id -> new RateLimitGate(RateLimitGates.name(id), ownAppWaits));
        RateLimitGate codesGate = new RateLimitGate("Spotify codes", metrics.rateLimitWaits("codes", Sleeper.system()));
        metrics.bindRateLimitGate("app", adminGate);
        metrics.bindRateLimitGate("codes", codesGate);
        SpotifyAccountsClient accounts = new SpotifyAccountsClient(http, json, config.spotify(), clock,
                appGates, Backoff.standard());
        SpotifyApiClient api = new SpotifyApiClient(http, json, config.spotify().apiUrl(), appGates,
                Backoff.standard());
        SpotifyCodesClient codes = new SpotifyCodesClient(http, config.spotify().codesUrl(),
                codesGate, Backoff.standard());
        Images images = Images.create(http, codes, config.cache(), config.imageCacheDirectory());
        metrics.bindImageCache(images);
        return new Clients(metrics, http, json, accounts, api, codes, new Messages(), images, renderer.join());
    }

    /** Stops the image fetch threads and the HTTP client's threads and idle connections. */
    void close() {
        images.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
