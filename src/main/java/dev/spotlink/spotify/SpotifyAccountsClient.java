package dev.spotlink.spotify;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spotlink.config.SpotifyConfig;
import dev.spotlink.spotify.SpotifyException.Reason;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import okhttp3.Credentials;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The Spotify accounts service: authorize URL, code exchange, refresh — for the admin's app (a confidential
 * client: Basic auth with the client secret, plus PKCE) and for members' own apps (public clients: PKCE and
 * {@code client_id} in the form, no secret, no Authorization header). Token POSTs are never repeated once they
 * may have reached Spotify (a code is single-use; a refresh may rotate the refresh token): only a connect that
 * failed before sending is retried. A 429 closes that app's {@link RateLimitGate} only.
 */
public final class SpotifyAccountsClient {

    // Spotify always sends expires_in; should it ever not, assume its documented one hour.
    private static final long DEFAULT_EXPIRES_IN_SECONDS = 3600;
    private static final int MAX_TOKEN_RESPONSE_BYTES = 64 * 1024;

    private final Upstream upstream;
    private final RateLimitGates gates;
    private final ObjectMapper json;
    private final SpotifyConfig config;
    private final Clock clock;
    private final HttpUrl tokenUrl;

    /** With gates of its own and {@link Backoff#standard()}; wire shared gates with another constructor. */
    public SpotifyAccountsClient(OkHttpClient http, ObjectMapper json, SpotifyConfig config, Clock clock) {
        this(http, json, config, clock, new RateLimitGates(config.clientId()), Backoff.standard());
    }

    /**
     * @param gate    the admin app's pause, shared with the Web API client; members' apps get gates of their own
     * @param backoff used only to retry a connect that failed before anything was sent
     */
    public SpotifyAccountsClient(OkHttpClient http, ObjectMapper json, SpotifyConfig config, Clock clock,
                                 RateLimitGate gate, Backoff backoff) {
        this(http, json, config, clock, new RateLimitGates(config.clientId(), gate), backoff);
    }

    /**
     * @param gates   one pause per app, shared with the Web API client
     * @param backoff used only to retry a connect that failed before anything was sent
     */
    public SpotifyAccountsClient(OkHttpClient http, ObjectMapper json, SpotifyConfig config, Clock clock,
                                 RateLimitGates gates, Backoff backoff) {
        this.gates = Objects.requireNonNull(gates, "gates");
        this.upstream = new Upstream(http, gates.admin(), backoff);
        this.json = Objects.requireNonNull(json, "json");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.tokenUrl = HttpUrl.get(trimSlash(config.accountsUrl()) + "/api/token");
    }

    /** True for the admin's app (configured with a secret); every other client id is a member's own app. */
    public boolean isAdminApp(String clientId) {
        return config.clientId().equals(clientId);
    }

    /** {@link #authorizeUrl(String, String, String, List)} for the admin's app. */
    public URI authorizeUrl(String state, String codeChallenge, List<String> scopes) {
        return authorizeUrl(config.clientId(), state, codeChallenge, scopes);
    }

    /** {@code {accounts}/authorize?response_type=code&client_id&redirect_uri&scope&state&code_challenge_method=S256&code_challenge}. */
    public URI authorizeUrl(String clientId, String state, String codeChallenge, List<String> scopes) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", clientId);
        query.put("redirect_uri", config.redirectUri().toString());
        query.put("scope", String.join(" ", scopes));
        query.put("state", state);
        query.put("code_challenge_method", "S256");
        query.put("code_challenge", codeChallenge);
        String encoded = query.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return URI.create(trimSlash(config.accountsUrl()) + "/authorize?" + encoded);
    }

    /** {@link #exchangeCode(String, String, String)} for the admin's app. */
    public TokenGrant exchangeCode(String code, String codeVerifier) throws SpotifyException {
        return exchangeCode(config.clientId(), code, codeVerifier);
    }

    /** POST {accounts}/api/token grant_type=authorization_code with {@code code_verifier}, as {@code clientId}. */
    public TokenGrant exchangeCode(String clientId, String code, String codeVerifier) throws SpotifyException {
        FormBody.Builder form = new FormBody.Builder()
                .add("grant_type", "authorization_code")
                .add("code", code)
                .add("redirect_uri", config.redirectUri().toString())
                .add("code_verifier", codeVerifier);
        return postToken(clientId, form, "authorization_code");
    }

    /**
     * POST {accounts}/api/token grant_type=refresh_token, as the app that issued the token. There is no
     * overload without a client id on purpose: a member's token refreshed as the admin's app is refused.
     */
    public TokenGrant refresh(String clientId, String refreshToken) throws SpotifyException {
        FormBody.Builder form = new FormBody.Builder()
                .add("grant_type", "refresh_token")
                .add("refresh_token", refreshToken);
        return postToken(clientId, form, "refresh_token");
    }

    // Messages below name the grant type and Spotify's error code only: never the code, tokens or verifier.
    private TokenGrant postToken(String clientId, FormBody.Builder form, String grantType)
            throws SpotifyException {
        Request.Builder request = new Request.Builder().url(tokenUrl).header("Accept", "application/json");
        if (isAdminApp(clientId)) {
            request.header("Authorization",
                    Credentials.basic(clientId, config.clientSecret().reveal(), StandardCharsets.UTF_8));
        } else {
            // A public client (PKCE without secret) names itself in the form, as RFC 6749 section 2.3.1 asks.
            form.add("client_id", clientId);
        }
        try {
            Upstream app = upstream.withGate(gates.forClient(clientId));
            String label = "Spotify token endpoint (" + grantType + ")";
            return app.once(request.post(form.build()).build(), label, response -> {
                byte[] body = HttpSupport.readBody(response, MAX_TOKEN_RESPONSE_BYTES);
                if (response.isSuccessful()) {
                    return parseGrant(body, grantType);
                }
                throw failure(response, body, grantType);
            });
        } catch (HttpSupport.TooLargeException e) {
            throw new SpotifyException(Reason.BAD_RESPONSE,
                    "Spotify token endpoint (" + grantType + ") sent an oversized answer", null, e);
        } catch (IOException e) {
            throw new SpotifyException(Reason.UNAVAILABLE,
                    "Spotify token endpoint (" + grantType + ") unreachable: " + e.getClass().getSimpleName(),
                    null, e);
        }
    }

    private TokenGrant parseGrant(byte[] body, String grantType) throws SpotifyException {
        TokenResponse parsed;
        try {
            parsed = json.readValue(body, TokenResponse.class);
        } catch (IOException | RuntimeException e) {
            // The cause is dropped on purpose: Jackson's message quotes the body, which holds tokens.
            throw new SpotifyException(Reason.BAD_RESPONSE,
                    "Spotify token endpoint (" + grantType + ") sent unreadable JSON");
        }
        if (parsed == null || parsed.accessToken() == null || parsed.accessToken().isBlank()) {
            throw new SpotifyException(Reason.BAD_RESPONSE,
                    "Spotify token endpoint (" + grantType + ") sent no access_token");
        }
        long expiresIn = parsed.expiresIn() == null ? DEFAULT_EXPIRES_IN_SECONDS : parsed.expiresIn();
        String refreshToken = parsed.refreshToken() == null || parsed.refreshToken().isBlank()
                ? null : parsed.refreshToken();
        return new TokenGrant(parsed.accessToken(), refreshToken,
                clock.instant().plusSeconds(Math.max(0, expiresIn)), parsed.scope());
    }

    private SpotifyException failure(Response response, byte[] body, String grantType) {
        int status = response.code();
        JsonNode tree = HttpSupport.errorTree(json, body);
        String error = HttpSupport.text(tree, "error");
        String prefix = "Spotify token endpoint (" + grantType + ") answered " + status
                + (error == null ? "" : " " + HttpSupport.clip(error));
        if (status == 429) {
            return new SpotifyException(Reason.RATE_LIMITED, prefix, HttpSupport.pauseOf(response), null);
        }
        if (status >= 500) {
            return new SpotifyException(Reason.UNAVAILABLE, prefix);
        }
        if ("invalid_grant".equals(error)) {
            return new SpotifyException(Reason.INVALID_GRANT, prefix);
        }
        if ("invalid_client".equals(error) || status == 401) {
            return new SpotifyException(Reason.INVALID_CLIENT, prefix);
        }
        return new SpotifyException(Reason.BAD_RESPONSE, prefix);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record TokenResponse(
            @JsonProperty("access_token") String accessToken,
            @JsonProperty("token_type") String tokenType,
            @JsonProperty("scope") String scope,
            @JsonProperty("expires_in") Long expiresIn,
            @JsonProperty("refresh_token") String refreshToken) {
    }
}
