package dev.spotlink.spotify;

import static dev.spotlink.spotify.SpotifyApiClientTest.assertReason;
import static dev.spotlink.spotify.SpotifyTestSupport.CLIENT_ID;
import static dev.spotlink.spotify.SpotifyTestSupport.SCOPE;
import static dev.spotlink.spotify.SpotifyTestSupport.USER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlink.config.Secret;
import dev.spotlink.config.SpotifyConfig;
import dev.spotlink.spotify.SpotifyException.Reason;
import dev.spotlink.testing.FakeSpotify;
import dev.spotlink.testing.MutableClock;
import dev.spotlink.testing.TestConfigs;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every upstream fault injected through the fake Spotify: 5xx, cut connections, slow answers, 429s with and
 * without Retry-After, token endpoint failures. Waits go through recording sleepers on a test clock, so nothing
 * here really sleeps except the short client timeouts.
 */
class UpstreamFaultsTest {

    private static final SpotifyUri TRACK = new SpotifyUri(SpotifyUri.Type.TRACK, "4cOdK2wGLETKBW3PvgPWqT");

    private final MutableClock time = new MutableClock(Instant.parse("2026-05-01T00:00:00Z"));
    private final List<Duration> backoffs = new CopyOnWriteArrayList<>();
    private final List<Duration> gateWaits = new CopyOnWriteArrayList<>();
    private final OkHttpClient http = HttpClients.create();
    private FakeSpotify fake;
    private RateLimitGate gate;
    private String token;

    @BeforeEach
    void setUp() {
        fake = SpotifyTestSupport.startFake();
        gate = SpotifyTestSupport.gate(time, TokenManager.DEFAULT_MAX_RETRY_AFTER, gateWaits);
        token = fake.issueTokens(USER, CLIENT_ID, SCOPE).accessToken();
    }

    @AfterEach
    void tearDown() {
        fake.close();
    }

    private Backoff backoff(RetryPolicy policy) {
        return new Backoff(policy, d -> {
            backoffs.add(d);
            time.advance(d);
        }, new Random(7), time);
    }

    private SpotifyApiClient api(OkHttpClient client, RateLimitGate gate) {
        return new SpotifyApiClient(client, Json.mapper(), fake.apiUrl(), gate, backoff(RetryPolicy.DEFAULT));
    }

    private SpotifyApiClient api() {
        return api(http, gate);
    }

    private SpotifyAccountsClient accounts(SpotifyConfig config) {
        return new SpotifyAccountsClient(http, Json.mapper(), config, time, gate, backoff(RetryPolicy.DEFAULT));
    }

    // --- retries of idempotent GETs ----------------------------------------------------------------------------

    @Test
    void aGetSucceedsAfterA5xx() throws Exception {
        fake.failNext("/v1/me", 503);

        assertEquals(USER, api().me(token).accountId());

        assertEquals(2, fake.requests("/v1/me"));
        assertEquals(1, backoffs.size());
        assertBetween(Duration.ofMillis(100), Duration.ofMillis(200), backoffs.get(0));
    }

    @Test
    void aGetGivesUpAfterTwoRetriesWithGrowingJitteredWaits() {
        fake.failNext("/v1/me", 500, 3);

        assertReason(Reason.UNAVAILABLE, () -> api().me(token));

        assertEquals(3, fake.requests("/v1/me"));
        assertEquals(2, backoffs.size());
        assertBetween(Duration.ofMillis(100), Duration.ofMillis(200), backoffs.get(0));
        assertBetween(Duration.ofMillis(200), Duration.ofMillis(400), backoffs.get(1));
    }

    @Test
    void aConnectionCutMidAnswerIsRetried() throws Exception {
        fake.dropNext("/v1/me");
        assertEquals(USER, api().me(token).accountId());
        assertEquals(2, fake.requests("/v1/me"));
    }

    @Test
    void connectionsCutEveryTimeEndUnavailable() {
        for (int i = 0; i < 3; i++) {
            fake.dropNext("/v1/me");
        }
        SpotifyException e = assertReason(Reason.UNAVAILABLE, () -> api().me(token));
        assertInstanceOf(IOException.class, e.getCause());
        assertEquals(3, fake.requests("/v1/me"));
    }

    @Test
    void readTimeoutsAreRetriedThenUnavailable() {
        OkHttpClient impatient = HttpClients.create(Duration.ofSeconds(1), Duration.ofMillis(150),
                Duration.ofSeconds(2));
        fake.setLatency(Duration.ofMillis(600));

        SpotifyException e = assertReason(Reason.UNAVAILABLE, () -> api(impatient, gate).me(token));

        assertInstanceOf(InterruptedIOException.class, e.getCause(), "a timeout: " + e.getCause());
        assertEquals(3, fake.requests("/v1/me"));
    }

    @Test
    void retriesStayWithinTheTimeBudget() {
        RetryPolicy patient = new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(2));
        SpotifyApiClient client = new SpotifyApiClient(http, Json.mapper(), fake.apiUrl(), gate, backoff(patient));
        fake.failNext("/v1/me", 500, 6);

        assertReason(Reason.UNAVAILABLE, () -> client.me(token));

        Duration waited = backoffs.stream().reduce(Duration.ZERO, Duration::plus);
        assertTrue(waited.plusMillis(500).compareTo(Duration.ofSeconds(2)) <= 0, "waited " + waited);
        assertEquals(backoffs.size() + 1, fake.requests("/v1/me"));
        assertTrue(fake.requests("/v1/me") < 6, "the budget, not maxRetries, stopped it");
    }

    @Test
    void codeImagesAreRetriedToo() throws Exception {
        SpotifyCodesClient codes = new SpotifyCodesClient(http, fake.codesUrl(), new RateLimitGate("codes"),
                backoff(RetryPolicy.DEFAULT));
        fake.failNext("/uri/plain", 502);
        fake.dropNext("/uri/plain");

        assertTrue(codes.fetch(TRACK, CodeStyle.DEFAULT).length > 0);
        assertEquals(3, fake.requests("/uri/plain"));
    }

    // --- the shared 429 gate -----------------------------------------------------------------------------------

    @Test
    void callersDuringAShortPauseWaitWithoutReachingSpotify() throws Exception {
        CountDownLatch waiting = new CountDownLatch(5);
        CountDownLatch release = new CountDownLatch(1);
        List<Duration> waits = new CopyOnWriteArrayList<>();
        RateLimitGate holding = new RateLimitGate("test app", time, Duration.ofSeconds(5), d -> {
            waits.add(d);
            waiting.countDown();
            assertTrue(release.await(10, TimeUnit.SECONDS));
        }, () -> 0L);
        SpotifyApiClient client = api(http, holding);
        fake.failNext("/v1/me/player", 429, Map.of("Retry-After", "2"), "");

        SpotifyException first = assertReason(Reason.RATE_LIMITED, () -> client.currentlyPlaying(token));
        assertEquals(Duration.ofSeconds(2), first.retryAfter().orElseThrow());

        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            List<Future<SpotifyProfile>> others = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                others.add(pool.submit(() -> client.me(token)));
            }
            assertTrue(waiting.await(10, TimeUnit.SECONDS), "all five callers are held at the gate");
            assertEquals(1, fake.requests().size(), "nobody reached Spotify during the pause");

            time.advance(Duration.ofSeconds(2));
            release.countDown();
            for (Future<SpotifyProfile> other : others) {
                assertEquals(USER, other.get(10, TimeUnit.SECONDS).accountId());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of(Duration.ofSeconds(2)), waits.stream().distinct().toList());
        assertEquals(6, fake.requests().size());
    }

    @Test
    void callersDuringALongPauseFailFastWithTheSecondsLeft() throws Exception {
        SpotifyApiClient client = api();
        fake.failNext("/v1/me/player", 429, Map.of("Retry-After", "30"), "");
        assertReason(Reason.RATE_LIMITED, () -> client.currentlyPlaying(token));

        SpotifyException second = assertReason(Reason.RATE_LIMITED, () -> client.me(token));
        assertEquals(Duration.ofSeconds(30), second.retryAfter().orElseThrow());
        time.advance(Duration.ofMillis(10_500));
        SpotifyException third = assertReason(Reason.RATE_LIMITED, () -> client.lastPlayed(token));
        assertEquals(Duration.ofSeconds(20), third.retryAfter().orElseThrow(), "19.5 s left, rounded up");
        assertEquals(1, fake.requests().size(), "only the first call reached Spotify");
        assertTrue(gateWaits.isEmpty());

        time.advance(Duration.ofSeconds(20));
        assertEquals(USER, client.me(token).accountId());
    }

    @Test
    void aShortPauseIsWaitedOutByTheNextCaller() throws Exception {
        SpotifyApiClient client = api();
        fake.failNext("/v1/me", 429, Map.of("Retry-After", "2"), "");
        assertReason(Reason.RATE_LIMITED, () -> client.me(token));

        assertEquals(USER, client.me(token).accountId());

        assertEquals(1, gateWaits.size());
        assertBetween(Duration.ofSeconds(2), Duration.ofMillis(2200), gateWaits.get(0));
        assertEquals(2, fake.requests("/v1/me"));
    }

    @Test
    void aMissingOrGarbledRetryAfterPausesFiveSeconds() {
        SpotifyApiClient client = api();
        fake.failNext("/v1/me", 429, Map.of(), "");
        SpotifyException missing = assertReason(Reason.RATE_LIMITED, () -> client.me(token));
        assertEquals(RateLimitGate.DEFAULT_PAUSE, missing.retryAfter().orElseThrow());
        assertEquals(Optional.of(Duration.ofSeconds(5)), gate.remaining());

        time.advance(Duration.ofSeconds(5));
        fake.failNext("/v1/me", 429, Map.of("Retry-After", "soon-ish"), "");
        SpotifyException garbled = assertReason(Reason.RATE_LIMITED, () -> client.me(token));
        assertEquals(RateLimitGate.DEFAULT_PAUSE, garbled.retryAfter().orElseThrow());
    }

    @Test
    void aTokenEndpoint429PausesTheWebApiOfTheSameApp() {
        fake.failNext("/api/token", 429, Map.of("Retry-After", "60"), "");
        SpotifyException refused = assertReason(Reason.RATE_LIMITED,
                () -> accounts(SpotifyTestSupport.config(fake)).refresh(SpotifyTestSupport.CLIENT_ID, "RT-x"));
        assertEquals(Duration.ofSeconds(60), refused.retryAfter().orElseThrow());

        SpotifyException held = assertReason(Reason.RATE_LIMITED, () -> api().me(token));
        assertEquals(Duration.ofSeconds(60), held.retryAfter().orElseThrow());
        assertEquals(0, fake.requests("/v1/"));
    }

    @Test
    void theCodesServiceHasItsOwnGate() throws Exception {
        SpotifyCodesClient codes = new SpotifyCodesClient(http, fake.codesUrl(), new RateLimitGate("codes"),
                backoff(RetryPolicy.DEFAULT));
        fake.failNext("/uri/plain", 429, Map.of("Retry-After", "60"), "");
        assertReason(Reason.RATE_LIMITED, () -> codes.fetch(TRACK, CodeStyle.DEFAULT));

        assertEquals(USER, api().me(token).accountId(), "the Web API is not paused by the codes host");
        assertEquals(Optional.empty(), gate.remaining());
    }

    // --- token POSTs are never repeated once sent --------------------------------------------------------------

    @Test
    void aTokenPostIsNotRetriedAfterA5xx() {
        fake.failNext("/api/token", 500);

        assertReason(Reason.UNAVAILABLE,
                () -> accounts(SpotifyTestSupport.config(fake)).refresh(SpotifyTestSupport.CLIENT_ID, "RT-x"));

        assertEquals(1, fake.tokenRequests());
        assertTrue(backoffs.isEmpty());
    }

    @Test
    void aTokenPostCutOffAfterSendingIsNotRetried() {
        fake.dropNext("/api/token");

        assertReason(Reason.UNAVAILABLE,
                () -> accounts(SpotifyTestSupport.config(fake)).refresh(SpotifyTestSupport.CLIENT_ID, "RT-x"));

        assertEquals(1, fake.tokenRequests());
        assertTrue(backoffs.isEmpty());
    }

    @Test
    void aTokenPostIsRetriedWhenItsConnectFailedBeforeSending() {
        String nobody = "http://127.0.0.1:" + TestConfigs.freePort();
        SpotifyConfig offline = new SpotifyConfig(CLIENT_ID, new Secret("s"),
                SpotifyTestSupport.REDIRECT, nobody, nobody, nobody);

        SpotifyException e = assertReason(Reason.UNAVAILABLE,
                () -> accounts(offline).refresh(SpotifyTestSupport.CLIENT_ID, "RT-x"));

        assertEquals(2, backoffs.size(), "refused connects are safe to repeat: nothing was sent");
        SpotifyAccountsClientTest.assertNoSecrets(e, "RT-x");
    }

    private static void assertBetween(Duration low, Duration high, Duration actual) {
        assertTrue(actual.compareTo(low) >= 0 && actual.compareTo(high) <= 0,
                actual + " not in [" + low + ", " + high + "]");
    }
}
