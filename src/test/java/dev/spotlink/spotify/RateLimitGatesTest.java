package dev.spotlink.spotify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlink.testing.FakeSpotify;
import dev.spotlink.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One gate per Spotify app: a member's app that hits 429 pauses only itself. */
class RateLimitGatesTest {

    private static final String OWN = "0123456789abcdef0123456789abcdef";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T12:00:00Z"));

    private RateLimitGates gates(int maxApps) {
        return new RateLimitGates(SpotifyTestSupport.CLIENT_ID,
                SpotifyTestSupport.gate(clock, Duration.ofSeconds(5), new ArrayList<>()), maxApps,
                id -> SpotifyTestSupport.gate(clock, Duration.ofSeconds(5), new ArrayList<>()));
    }

    @Test
    void eachAppHasItsOwnGateAndTheAdminsIsKeptWhileOthersAreBounded() {
        RateLimitGates gates = gates(2);
        assertSame(gates.admin(), gates.forClient(SpotifyTestSupport.CLIENT_ID));
        RateLimitGate first = gates.forClient("a".repeat(32));
        assertSame(first, gates.forClient("a".repeat(32)));
        assertNotSame(first, gates.forClient("b".repeat(32)));
        gates.forClient("c".repeat(32));
        assertEquals(2, gates.size(), "least recently used gate forgotten");
        assertNotSame(first, gates.forClient("a".repeat(32)));
        assertThrows(IllegalArgumentException.class, () -> gates(0));
    }

    @Test
    void aMembersAppRateLimitedAtTheTokenEndpointLeavesTheAdminAppAlone() throws Exception {
        try (FakeSpotify fake = SpotifyTestSupport.startFake()) {
            fake.registerPublicApp(OWN);
            RateLimitGates gates = gates(8);
            SpotifyAccountsClient client = new SpotifyAccountsClient(HttpClients.create(), Json.mapper(),
                    SpotifyTestSupport.config(fake), clock, gates, SpotifyTestSupport.recordingBackoff(
                            new ArrayList<>()));
            fake.failNext("/api/token", 429, java.util.Map.of("Retry-After", "600"), "");
            SpotifyException limited = assertThrows(SpotifyException.class, () -> client.refresh(OWN, "RT-x"));
            assertEquals(SpotifyException.Reason.RATE_LIMITED, limited.reason());

            assertTrue(gates.forClient(OWN).remaining().isPresent(), "the member's app pauses");
            assertTrue(gates.admin().remaining().isEmpty(), "the admin's app does not");
            int before = fake.tokenRequests();
            SpotifyException held = assertThrows(SpotifyException.class, () -> client.refresh(OWN, "RT-y"));
            assertEquals(SpotifyException.Reason.RATE_LIMITED, held.reason());
            assertEquals(before, fake.tokenRequests(), "held back without a request");
            SpotifyException admin = assertThrows(SpotifyException.class,
                    () -> client.refresh(SpotifyTestSupport.CLIENT_ID, "RT-unknown"));
            assertEquals(SpotifyException.Reason.INVALID_GRANT, admin.reason(), "the admin's app still talks");
        }
    }

    @Test
    void aMembersAppRateLimitedAtTheWebApiPausesOnlyItsOwnCallers() throws Exception {
        String other = "fedcba9876543210fedcba9876543210";
        try (FakeSpotify fake = SpotifyTestSupport.startFake()) {
            fake.registerPublicApp(OWN);
            fake.registerPublicApp(other);
            fake.addUser("ann", "Ann");
            fake.addUser("bob", "Bob");
            fake.addUser("cat", "Cat");
            RateLimitGates gates = gates(8);
            SpotifyApiClient api = new SpotifyApiClient(HttpClients.create(), Json.mapper(), fake.apiUrl(), gates,
                    SpotifyTestSupport.recordingBackoff(new ArrayList<>()));
            String ann = fake.issueTokens("ann", OWN, SpotifyTestSupport.SCOPE).accessToken();
            String bob = fake.issueTokens("bob", SpotifyTestSupport.CLIENT_ID, SpotifyTestSupport.SCOPE).accessToken();
            String cat = fake.issueTokens("cat", other, SpotifyTestSupport.SCOPE).accessToken();

            fake.failNext("/v1/me", 429, java.util.Map.of("Retry-After", "600"), "");
            assertEquals(SpotifyException.Reason.RATE_LIMITED,
                    assertThrows(SpotifyException.class, () -> api.forApp(OWN).me(ann)).reason());
            int before = fake.requests("/v1/");
            assertEquals(SpotifyException.Reason.RATE_LIMITED,
                    assertThrows(SpotifyException.class, () -> api.forApp(OWN).me(ann)).reason());
            assertEquals(before, fake.requests("/v1/"), "Ann's app is paused: held back without a request");

            assertEquals("Bob", api.forApp(SpotifyTestSupport.CLIENT_ID).me(bob).displayName(), "admin's app");
            assertEquals("Cat", api.forApp(other).me(cat).displayName(), "another member's own app");
        }
    }

    @Test
    void aConfidentialAppSendingNoSecretAndUnknownPublicIdsAreInvalidClients() throws Exception {
        try (FakeSpotify fake = SpotifyTestSupport.startFake()) {
            SpotifyAccountsClient client = new SpotifyAccountsClient(HttpClients.create(), Json.mapper(),
                    SpotifyTestSupport.config(fake), clock);
            SpotifyException unknown = assertThrows(SpotifyException.class, () -> client.refresh(OWN, "RT-x"));
            assertEquals(SpotifyException.Reason.INVALID_CLIENT, unknown.reason());
            List<FakeSpotify.RecordedRequest> sent = fake.requests();
            assertEquals(OWN, sent.get(sent.size() - 1).form().get("client_id"));

            // the admin's app is confidential: naming it without its secret does not pass
            okhttp3.Request secretless = new okhttp3.Request.Builder().url(fake.accountsUrl() + "/api/token")
                    .post(new okhttp3.FormBody.Builder().add("grant_type", "refresh_token")
                            .add("refresh_token", "RT-x").add("client_id", SpotifyTestSupport.CLIENT_ID).build())
                    .build();
            try (okhttp3.Response response = HttpClients.create().newCall(secretless).execute()) {
                assertEquals(400, response.code());
                assertTrue(response.body().string().contains("invalid_client"));
            }
        }
    }
}
