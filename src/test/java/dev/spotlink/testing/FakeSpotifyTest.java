package dev.spotlink.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake's own rules (the spotify package tests cover it through the real clients). */
class FakeSpotifyTest {

    private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URKfjvsFY95gOc";

    private FakeSpotify fake;

    @BeforeEach
    void setUp() {
        fake = FakeSpotify.start();
        fake.registerApp("app", "secret");
        fake.addUser("u1", "User One");
    }

    @AfterEach
    void tearDown() {
        fake.close();
    }

    private URI authorize(String clientId, String redirect, String method, String scope) {
        return URI.create(fake.accountsUrl() + "/authorize?response_type=code&client_id=" + clientId
                + "&redirect_uri=" + redirect + "&scope=" + scope + "&state=st%20ate"
                + "&code_challenge_method=" + method + "&code_challenge=" + CHALLENGE);
    }

    @Test
    void consentRedirectsWithCodeAndState() {
        URI redirect = fake.consent(authorize("app", "https%3A%2F%2Fbot.example.org%2Fcallback", "S256",
                "user-read-private"), "u1");
        assertTrue(redirect.toString().startsWith("https://bot.example.org/callback?code=AC-"), redirect.toString());
        assertTrue(redirect.toString().endsWith("&state=st+ate"), redirect.toString());
    }

    @Test
    void denyRedirectsWithAccessDenied() {
        URI redirect = fake.deny(authorize("app", "http%3A%2F%2F127.0.0.1%3A9%2Fcb", "S256", ""));
        assertEquals("http://127.0.0.1:9/cb?error=access_denied&state=st+ate", redirect.toString());
    }

    @Test
    void consentRefusesWhatSpotifyRefuses() {
        String ok = "https%3A%2F%2Fbot.example.org%2Fcallback";
        assertThrows(IllegalArgumentException.class, () -> fake.consent(authorize("nope", ok, "S256", ""), "u1"));
        assertThrows(IllegalArgumentException.class, () -> fake.consent(authorize("app", ok, "plain", ""), "u1"));
        assertThrows(IllegalArgumentException.class,
                () -> fake.consent(authorize("app", ok, "S256", "not-a-scope"), "u1"));
        assertThrows(IllegalArgumentException.class,
                () -> fake.consent(authorize("app", "http%3A%2F%2Flocalhost%2Fcb", "S256", ""), "u1"));
        assertThrows(IllegalArgumentException.class, () -> fake.consent(authorize("app", ok, "S256", ""), "nobody"));
    }

    @Test
    void webApiWithoutTokenIs401AndFaultsApplyOnce() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        assertEquals(401, get(http, "/v1/me").statusCode());
        fake.failNext("/images", 418, Map.of(), "teapot");
        assertEquals(418, get(http, "/images/a.jpg").statusCode());
        HttpResponse<String> cover = get(http, "/images/a.jpg");
        assertEquals(200, cover.statusCode());
        assertEquals("image/jpeg", cover.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(3, fake.requests().size());
        fake.clearRequests();
        assertTrue(fake.requests().isEmpty());
    }

    private HttpResponse<String> get(HttpClient http, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
