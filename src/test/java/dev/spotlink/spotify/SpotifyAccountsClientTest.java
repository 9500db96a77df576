package dev.spotlink.spotify;

import static dev.spotlink.spotify.SpotifyTestSupport.CLIENT_ID;
import static dev.spotlink.spotify.SpotifyTestSupport.CLIENT_SECRET;
import static dev.spotlink.spotify.SpotifyTestSupport.REDIRECT;
import static dev.spotlink.spotify.SpotifyTestSupport.SCOPE;
import static dev.spotlink.spotify.SpotifyTestSupport.SCOPES;
import static dev.spotlink.spotify.SpotifyTestSupport.USER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlink.spotify.SpotifyException.Reason;
import dev.spotlink.testing.FakeSpotify;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SpotifyAccountsClientTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private FakeSpotify fake;
    private SpotifyAccountsClient client;

    @BeforeEach
    void setUp() {
        fake = SpotifyTestSupport.startFake();
        client = client(SpotifyTestSupport.config(fake), HttpClients.create());
    }

    @AfterEach
    void tearDown() {
        fake.close();
    }

    private static SpotifyAccountsClient client(dev.spotlink.config.SpotifyConfig config, okhttp3.OkHttpClient http) {
        return new SpotifyAccountsClient(http, Json.mapper(), config, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void authorizeUrlCarriesEveryParameterEncoded() {
        URI url = client.authorizeUrl("st/ate+1=", "challenge-abc", SCOPES);

        assertEquals(fake.accountsUrl() + "/authorize", url.getScheme() + "://" + url.getRawAuthority()
                + url.getRawPath());
        assertTrue(url.getRawQuery().contains("scope=user-read-currently-playing%20user-read-recently-played"));
        assertTrue(url.getRawQuery().contains("redirect_uri=http%3A%2F%2F127.0.0.1%3A8080%2Fcallback"));
        Map<String, String> q = query(url);
        assertEquals("code", q.get("response_type"));
        assertEquals(CLIENT_ID, q.get("client_id"));
        assertEquals(REDIRECT.toString(), q.get("redirect_uri"));
        assertEquals(SCOPE, q.get("scope"));
        assertEquals("st/ate+1=", q.get("state"));
        assertEquals("S256", q.get("code_challenge_method"));
        assertEquals("challenge-abc", q.get("code_challenge"));
    }

    @Test
    void exchangesCodeWithBasicAuthAndVerifier() throws Exception {
        Pkce pkce = Pkce.generate();
        String code = consent(pkce, "state-1");

        TokenGrant grant = client.exchangeCode(code, pkce.verifier());

        assertTrue(grant.accessToken().startsWith("AT-"));
        assertTrue(grant.refreshToken().startsWith("RT-"));
        assertEquals(NOW.plusSeconds(3600), grant.expiresAt());
        assertEquals(SCOPE, grant.scope());
        FakeSpotify.RecordedRequest request = fake.requests().get(fake.requests().size() - 1);
        assertEquals("POST", request.method());
        assertEquals("/api/token", request.path());
        assertEquals("authorization_code", request.form().get("grant_type"));
        assertEquals(code, request.form().get("code"));
        assertEquals(REDIRECT.toString(), request.form().get("redirect_uri"));
        assertEquals(pkce.verifier(), request.form().get("code_verifier"));
        assertEquals(okhttp3.Credentials.basic(CLIENT_ID, CLIENT_SECRET), request.header("Authorization"));
        assertFalse(grant.toString().contains(grant.accessToken()));
    }

    @Test
    void unknownOrReusedCodeIsInvalidGrantAndNotEchoed() throws Exception {
        Pkce pkce = Pkce.generate();
        String code = consent(pkce, "s");
        client.exchangeCode(code, pkce.verifier());

        SpotifyException reused = assertThrows(SpotifyException.class,
                () -> client.exchangeCode(code, pkce.verifier()));
        assertEquals(Reason.INVALID_GRANT, reused.reason());
        assertNoSecrets(reused, code, pkce.verifier());

        SpotifyException bogus = assertThrows(SpotifyException.class,
                () -> client.exchangeCode("AC-bogus", pkce.verifier()));
        assertEquals(Reason.INVALID_GRANT, bogus.reason());
    }

    @Test
    void wrongVerifierIsInvalidGrant() {
        Pkce pkce = Pkce.generate();
        String code = consent(pkce, "s");
        SpotifyException e = assertThrows(SpotifyException.class,
                () -> client.exchangeCode(code, Pkce.generate().verifier()));
        assertEquals(Reason.INVALID_GRANT, e.reason());
    }

    @Test
    void wrongSecretIsInvalidClient() {
        Pkce pkce = Pkce.generate();
        String code = consent(pkce, "s");
        SpotifyAccountsClient wrong = client(SpotifyTestSupport.config(fake, "not-the-secret"), HttpClients.create());

        SpotifyException e = assertThrows(SpotifyException.class, () -> wrong.exchangeCode(code, pkce.verifier()));

        assertEquals(Reason.INVALID_CLIENT, e.reason());
        assertNoSecrets(e, code, pkce.verifier(), "not-the-secret");
    }

    @Test
    void unauthorizedWithoutErrorCodeIsInvalidClient() {
        fake.failNext("/api/token", 401, Map.of(), "");
        SpotifyException e = assertThrows(SpotifyException.class, () -> client.refresh(CLIENT_ID, "RT-x"));
        assertEquals(Reason.INVALID_CLIENT, e.reason());
    }

    @Test
    void serverErrorIsUnavailable() {
        fake.failNext("/api/token", 500);
        SpotifyException e = assertThrows(SpotifyException.class,
                () -> client.refresh(CLIENT_ID, "RT-some-token"));
        assertEquals(Reason.UNAVAILABLE, e.reason());
        assertNoSecrets(e, "RT-some-token");
    }

    @Test
    void tooManyRequestsIsRateLimitedWithRetryAfter() {
        fake.failNext("/api/token", 429, Map.of("Retry-After", "7"), "");
        SpotifyException e = assertThrows(SpotifyException.class, () -> client.refresh(CLIENT_ID, "RT-x"));
        assertEquals(Reason.RATE_LIMITED, e.reason());
        assertEquals(Duration.ofSeconds(7), e.retryAfter().orElseThrow());
    }

    @Test
    void readTimeoutIsUnavailable() {
        SpotifyAccountsClient impatient = client(SpotifyTestSupport.config(fake),
                HttpClients.create(Duration.ofSeconds(1), Duration.ofMillis(150), Duration.ofSeconds(2)));
        fake.setLatency(Duration.ofMillis(800));
        SpotifyException e = assertThrows(SpotifyException.class, () -> impatient.refresh(CLIENT_ID, "RT-x"));
        assertEquals(Reason.UNAVAILABLE, e.reason());
    }

    @Test
    void connectionRefusedIsUnavailable() {
        String url = fake.accountsUrl();
        fake.close();
        SpotifyAccountsClient offline = client(new dev.spotlink.config.SpotifyConfig(CLIENT_ID,
                new dev.spotlink.config.Secret(CLIENT_SECRET), REDIRECT, url, url, url), HttpClients.create());
        SpotifyException e = assertThrows(SpotifyException.class, () -> offline.refresh(CLIENT_ID, "RT-x"));
        assertEquals(Reason.UNAVAILABLE, e.reason());
    }

    @Test
    void unreadableJsonIsBadResponseWithoutQuotingIt() {
        fake.failNext("/api/token", 200, Map.of("Content-Type", "application/json"),
                "{\"access_token\":\"AT-leaky\",");
        SpotifyException e = assertThrows(SpotifyException.class, () -> client.refresh(CLIENT_ID, "RT-x"));
        assertEquals(Reason.BAD_RESPONSE, e.reason());
        assertNoSecrets(e, "AT-leaky");
    }

    @Test
    void missingAccessTokenIsBadResponse() {
        fake.failNext("/api/token", 200, Map.of(), "{\"token_type\":\"Bearer\",\"expires_in\":3600}");
        assertEquals(Reason.BAD_RESPONSE,
                assertThrows(SpotifyException.class, () -> client.refresh(CLIENT_ID, "RT-x")).reason());
    }

    @Test
    void refreshWithoutRotationReturnsNoRefreshToken() throws Exception {
        TokenGrant first = link();
        TokenGrant refreshed = client.refresh(CLIENT_ID, first.refreshToken());
        assertNotEquals(first.accessToken(), refreshed.accessToken());
        assertNull(refreshed.refreshToken());
        assertEquals(1, fake.tokenRequests("refresh_token"));
        assertEquals("refresh_token", last().form().get("grant_type"));
        assertEquals(first.refreshToken(), last().form().get("refresh_token"));
        assertEquals(okhttp3.Credentials.basic(CLIENT_ID, CLIENT_SECRET), last().header("Authorization"));
    }

    @Test
    void refreshWithRotationReturnsNewRefreshToken() throws Exception {
        fake.setRotateRefreshTokens(true);
        TokenGrant first = link();
        TokenGrant refreshed = client.refresh(CLIENT_ID, first.refreshToken());
        assertTrue(refreshed.refreshToken().startsWith("RT-"));
        assertNotEquals(first.refreshToken(), refreshed.refreshToken());
    }

    @Test
    void revokedRefreshTokenIsInvalidGrant() throws Exception {
        TokenGrant first = link();
        fake.revokeRefreshTokens(USER);
        SpotifyException e = assertThrows(SpotifyException.class,
                () -> client.refresh(CLIENT_ID, first.refreshToken()));
        assertEquals(Reason.INVALID_GRANT, e.reason());
        assertNoSecrets(e, first.refreshToken());
    }

    @Test
    void accessTokenTtlDrivesExpiry() throws Exception {
        fake.setAccessTokenTtl(Duration.ofSeconds(90));
        assertEquals(NOW.plusSeconds(90), link().expiresAt());
    }

    private TokenGrant link() throws SpotifyException {
        Pkce pkce = Pkce.generate();
        return client.exchangeCode(consent(pkce, "s"), pkce.verifier());
    }

    private String consent(Pkce pkce, String state) {
        URI redirect = fake.consent(client.authorizeUrl(state, pkce.challenge(), SCOPES), USER);
        Map<String, String> q = query(redirect);
        assertEquals(state, q.get("state"));
        return q.get("code");
    }

    private FakeSpotify.RecordedRequest last() {
        return fake.requests().get(fake.requests().size() - 1);
    }

    static void assertNoSecrets(Throwable e, String... secrets) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String text = String.valueOf(t.getMessage()) + t;
            for (String secret : secrets) {
                assertFalse(text.contains(secret), "exception text reveals a secret: " + text);
            }
        }
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            map.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return map;
    }
}
