package dev.spotlink.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A fake Spotify on 127.0.0.1 (random port) speaking the real wire protocol: accounts service
 * ({@code /api/token}; consent is simulated by {@link #consent}), Web API under {@code /v1}, cover images under
 * {@code /images/{name}} and code images under {@code /uri/plain/{fmt}/{bg}/{bars}/{size}/{uri}}.
 *
 * <p>Catalogue ids ({@code /v1/tracks/{id}} and friends) must be 22-char base62 (else 400); ids starting with
 * {@code missing} are 404 on the Web API and the codes service; other ids get a generated spec-shaped object
 * unless one was set with {@link #setEntity}. Thread-safe; handles concurrent requests.
 */
public final class FakeSpotify implements AutoCloseable {

    /** One request as the fake saw it; header names lower-case, {@code form} parsed from a form body. */
    public record RecordedRequest(String method, String path, Map<String, String> query,
                                  Map<String, List<String>> headers, Map<String, String> form, String body) {
        /** First value of a header (case-insensitive), or null. */
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    /** Tokens minted by {@link #issueTokens}. */
    public record Tokens(String accessToken, String refreshToken, Instant expiresAt, String scope) {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final String baseUrl;
    private final FakeSpotifyJson json;
    private final FakeSpotifyAccounts accounts;
    private final FakeSpotifyApi api;
    private final List<RecordedRequest> requests = new ArrayList<>();
    private final FakeSpotifyFaults faults = new FakeSpotifyFaults();
    private volatile Duration latency = Duration.ZERO;
    private volatile Duration imageLatency;
    private volatile boolean recording = true;
    private volatile Observer observer;

    /**
     * Told of every answered request (load driver), just before the answer is sent: whose it was and how long the
     * fake took, latency included.
     */
    @FunctionalInterface
    public interface Observer {
        /** @param accountId the Spotify account whose token the request carried, or null (images, codes) */
        void served(String accountId, String path, long nanos);
    }

    private FakeSpotify() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-spotify");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
        json = new FakeSpotifyJson(baseUrl);
        accounts = new FakeSpotifyAccounts(this);
        api = new FakeSpotifyApi(json, accounts);
    }

    /** Starts a fake on 127.0.0.1 and a random port. */
    public static FakeSpotify start() {
        try {
            FakeSpotify fake = new FakeSpotify();
            fake.server.start();
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** {@code http://127.0.0.1:P}. */
    public String baseUrl() {
        return baseUrl;
    }

    /** For {@code spotify.accounts-url}: authorize = {@code accountsUrl()+"/authorize"}. */
    public String accountsUrl() {
        return baseUrl;
    }

    /** For {@code spotify.api-url}: {@code http://127.0.0.1:P/v1}. */
    public String apiUrl() {
        return baseUrl + "/v1";
    }

    /** For {@code spotify.codes-url}. */
    public String codesUrl() {
        return baseUrl;
    }

    // --- accounts ---------------------------------------------------------------------------------------------

    /** A Spotify app; the token endpoint accepts Basic auth with exactly these, else {@code invalid_client}. */
    public void registerApp(String clientId, String clientSecret) {
        accounts.registerApp(clientId, clientSecret);
    }

    /**
     * A member's own app (a public client): the token endpoint takes {@code client_id} in the form with PKCE and
     * no secret, refuses Basic auth for it, and rotates its refresh tokens on every refresh (the old one then
     * gets {@code invalid_grant}). A confidential app ({@link #registerApp}) sent no secret gets
     * {@code invalid_client}, as does an unknown client id.
     */
    public void registerPublicApp(String clientId) {
        accounts.registerPublicApp(clientId);
    }

    /** The app is deleted on Spotify: its token requests get {@code invalid_client} from now on. */
    public void deleteApp(String clientId) {
        accounts.deleteApp(clientId);
    }

    /** A Spotify user; {@code accountId} is {@code /me}'s {@code account_id}, {@code displayName} may be null. */
    public void addUser(String accountId, String displayName) {
        api.addUser(accountId, displayName);
    }

    boolean hasUser(String accountId) {
        return api.hasUser(accountId);
    }

    /**
     * The user approves on Spotify: checks the authorize URL like Spotify does (client, https or 127.0.0.1
     * redirect, response_type=code, S256 challenge, known scopes; IllegalArgumentException otherwise) and returns
     * the redirect {@code redirect_uri?code=...&state=...} with a one-time code bound to user, client, redirect
     * URI and challenge.
     */
    public URI consent(URI authorizeUrl, String accountId) {
        return accounts.consent(authorizeUrl, accountId);
    }

    /** The user cancels: {@code redirect_uri?error=access_denied&state=...}. */
    public URI deny(URI authorizeUrl) {
        return accounts.deny(authorizeUrl);
    }

    /** Tokens as if the user had linked already (for tests that store a linked account directly). */
    public Tokens issueTokens(String accountId, String clientId, String scope) {
        return accounts.issue(accountId, clientId, scope);
    }

    /** Lifetime of new access tokens (default 1 h); sent as {@code expires_in} in whole seconds. */
    public void setAccessTokenTtl(Duration ttl) {
        accounts.setAccessTokenTtl(ttl);
    }

    /** Whether a refresh returns a new refresh token (the old one then stops working). Default false. */
    public void setRotateRefreshTokens(boolean rotate) {
        accounts.setRotateRefreshTokens(rotate);
    }

    /** The user's refresh tokens die: the next refresh gets {@code invalid_grant}. */
    public void revokeRefreshTokens(String accountId) {
        accounts.revokeRefreshTokens(accountId);
    }

    /** The user's current access tokens expire now: Web API calls with them get 401. */
    public void expireAccessTokens(String accountId) {
        accounts.expireAccessTokens(accountId);
    }

    // --- Web API ----------------------------------------------------------------------------------------------

    /** Every Web API call by this user gets 403 "User not registered in the Developer Dashboard". */
    public void setNotAllowlisted(String accountId) {
        setNotAllowlisted(accountId, true);
    }

    public void setNotAllowlisted(String accountId, boolean notAllowlisted) {
        api.user(accountId).notAllowlisted = notAllowlisted;
    }

    /** Web API calls with this app's tokens get 403 for this user (other apps' tokens still work). */
    public void setNotAllowlistedBy(String clientId, String accountId) {
        api.user(accountId).notAllowlistedBy.add(clientId);
    }

    /** The body of {@code /me/player/currently-playing} (see {@link #trackJson}...); null = nothing, 204. */
    public void setPlaying(String accountId, String currentlyPlayingJson) {
        api.user(accountId).playing = currentlyPlayingJson;
    }

    /** The listening history: one entry, a TrackObject ({@link #trackObjectJson}) played at {@code playedAt}. */
    public void setRecentlyPlayed(String accountId, String trackObjectJson, Instant playedAt) {
        JsonNode track = parse(trackObjectJson);
        api.user(accountId).history = List.of(json.playHistory(track, playedAt.toString()));
    }

    /** Listening histories and top items, for {@code /recent} and {@code /top}. */
    public FakeSpotifyHistory history() {
        return new FakeSpotifyHistory(api, json);
    }

    /** Empties the listening history. */
    public void clearRecentlyPlayed(String accountId) {
        api.user(accountId).history = List.of();
    }

    /** Serves this JSON for {@code /v1/{type}s/{id}} ({@code type}: track, album, playlist, artist, show, episode). */
    public void setEntity(String type, String id, String entityJson) {
        api.setEntity(type, id, entityJson);
    }

    /** Whether player endpoints demand their scopes (403 "Insufficient client scope"). Default true. */
    public void setEnforceScopes(boolean enforce) {
        api.setEnforceScopes(enforce);
    }

    // --- JSON builders (spec-shaped; images point at this fake) -----------------------------------------------

    /** A TrackObject. */
    public String trackObjectJson(String trackId, String name, List<String> artists, String album, long durationMs) {
        return write(json.track(trackId, name, artists, album, durationMs));
    }

    /** Currently playing: a track, playing, 30 s into 3:30. */
    public String trackJson(String trackId, String name, String artist, String album) {
        return trackJson(trackId, name, List.of(artist), album, 30_000, 210_000, true);
    }

    /** Currently playing: a track. */
    public String trackJson(String trackId, String name, List<String> artists, String album, long progressMs,
                            long durationMs, boolean playing) {
        ObjectNode track = json.track(trackId, name, artists, album, durationMs);
        return write(json.currentlyPlaying("track", track, progressMs, playing));
    }

    /** Currently playing: an episode, playing, 1 min into 30 min. */
    public String episodeJson(String episodeId, String name, String show, String publisher) {
        return episodeJson(episodeId, name, show, publisher, 60_000, 1_800_000, true);
    }

    /** Currently playing: an episode (the fake hides it unless asked with {@code additional_types=episode}). */
    public String episodeJson(String episodeId, String name, String show, String publisher, long progressMs,
                              long durationMs, boolean playing) {
        ObjectNode episode = json.episode(episodeId, name, show, publisher, durationMs);
        return write(json.currentlyPlaying("episode", episode, progressMs, playing));
    }

    /** Currently playing: an ad (item null). */
    public String adJson() {
        return write(json.currentlyPlaying("ad", null, 5_000, true));
    }

    /** Currently playing: a local file (is_local, null ids, {@code spotify:local:} URI), 10 s into 3:00. */
    public String localTrackJson(String name, String artist, String album) {
        return write(json.currentlyPlaying("track", json.localTrack(name, artist, album, 180_000), 10_000, true));
    }

    // --- faults and observation -------------------------------------------------------------------------------

    /** The next request whose path starts with {@code pathPrefix} gets this answer instead (queued, in order). */
    public void failNext(String pathPrefix, int status, Map<String, String> headers, String body) {
        faults.add(pathPrefix, FakeSpotifyResponse.fault(status, headers, body));
    }

    /**
     * The next {@code times} requests whose path starts with {@code pathPrefix} get {@link #failNext(String, int)}'s
     * answer: enough of them outlast the clients' retries (1 + {@code RetryPolicy.DEFAULT.maxRetries()} attempts).
     */
    public void failNext(String pathPrefix, int status, int times) {
        for (int i = 0; i < times; i++) {
            failNext(pathPrefix, status);
        }
    }

    /**
     * The next request whose path starts with {@code pathPrefix} is read, then its connection is cut without an
     * answer: the client sees an I/O error after its request was sent.
     */
    public void dropNext(String pathPrefix) {
        faults.add(pathPrefix, FakeSpotifyFaults.DROP);
    }

    /** Faults queued but not yet used. */
    public int pendingFaults() {
        return faults.pending();
    }

    /** Requests so far whose path starts with {@code pathPrefix}. */
    public int requests(String pathPrefix) {
        return (int) requests().stream().filter(r -> r.path().startsWith(pathPrefix)).count();
    }

    /** As above with Spotify's error body for that path; a 429 carries {@code Retry-After: 1}. */
    public void failNext(String pathPrefix, int status) {
        Map<String, String> headers = status == 429 ? Map.of("Retry-After", "1") : Map.of();
        String body = pathPrefix.startsWith("/api/token")
                ? "{\"error\":\"server_error\",\"error_description\":\"Injected " + status + "\"}"
                : "{\"error\":{\"status\":" + status + ",\"message\":\"Injected " + status + "\"}}";
        failNext(pathPrefix, status, headers, body);
    }

    /** Delay before every answer (to provoke client timeouts). */
    public void setLatency(Duration latency) {
        this.latency = latency;
    }

    /** Delay before answering cover images and codes (image hosts); unset, they get {@link #setLatency}'s. */
    public void setImageLatency(Duration latency) {
        this.imageLatency = latency;
    }

    /** Whether {@link #requests()} keeps requests (default true; a long load run turns it off). */
    public void setRecording(boolean recording) {
        this.recording = recording;
    }

    /** Receives every answered request's account and duration; null for none. */
    public void setObserver(Observer observer) {
        this.observer = observer;
    }

    /** All {@code POST /api/token} requests so far. */
    public int tokenRequests() {
        return tokenRequests(null);
    }

    /** {@code POST /api/token} requests with this {@code grant_type} (null = any). */
    public int tokenRequests(String grantType) {
        return (int) requests().stream()
                .filter(r -> r.method().equals("POST") && r.path().equals("/api/token"))
                .filter(r -> grantType == null || grantType.equals(r.form().get("grant_type")))
                .count();
    }

    /** Every request so far, in arrival order. */
    public List<RecordedRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public void clearRequests() {
        synchronized (requests) {
            requests.clear();
        }
    }

    // --- HTTP -------------------------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) {
        long start = System.nanoTime();
        try (exchange) {
            RecordedRequest request = FakeSpotifyHttp.record(exchange);
            if (recording) {
                synchronized (requests) {
                    requests.add(request);
                }
            }
            Observer watching = observer;
            // before the answer: a refresh that rotates its token makes the presented one unknown afterwards
            String account = watching == null ? null : accounts.accountOf(request);
            FakeSpotifyResponse response;
            try {
                boolean image = request.path().startsWith("/images/") || request.path().startsWith("/uri/plain/");
                Duration imageDelay = imageLatency;
                sleep(image && imageDelay != null ? imageDelay : latency);
                response = respond(request, exchange.getRequestURI().getRawPath());
            } catch (RuntimeException e) {
                response = FakeSpotifyResponse.text(500, "fake spotify failed: " + e);
            }
            if (response == FakeSpotifyFaults.DROP) {
                FakeSpotifyHttp.cutOff(exchange);
                return;
            }
            if (watching != null) {
                // Told before the answer goes out: told after it, the client could finish its whole command and the
                // load driver read the account's upstream time before this request was added to it.
                watching.served(account, request.path(), System.nanoTime() - start);
            }
            FakeSpotifyHttp.send(exchange, response);
        } catch (IOException clientGone) {
            // The client timed out or hung up; nothing to answer.
        }
    }

    private FakeSpotifyResponse respond(RecordedRequest request, String rawPath) {
        FakeSpotifyResponse fault = faults.take(request.path());
        if (fault != null) {
            return fault;
        }
        String path = request.path();
        if (path.equals("/api/token")) {
            return request.method().equals("POST") ? accounts.token(request)
                    : FakeSpotifyResponse.oauthError(405, "invalid_request", "POST only");
        }
        if (path.startsWith("/v1/")) {
            return api.handle(request);
        }
        if (path.startsWith("/images/") && request.method().equals("GET")) {
            String name = path.substring("/images/".length());
            return FakeSpotifyResponse.bytes(name.endsWith(".png") ? "image/png" : "image/jpeg",
                    FakeSpotifyImages.cover(name));
        }
        if (path.startsWith("/uri/plain/") && request.method().equals("GET")) {
            return FakeSpotifyCodes.respond(rawPath);
        }
        return FakeSpotifyResponse.text(404, "Not found");
    }

    private JsonNode parse(String text) {
        try {
            return json.mapper().readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }

    private String write(JsonNode node) {
        try {
            return json.mapper().writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(Duration duration) {
        if (duration.isZero() || duration.isNegative()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
