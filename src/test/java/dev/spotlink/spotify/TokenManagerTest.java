package dev.spotlink.spotify;

import static dev.spotlink.spotify.SpotifyApiClientTest.assertReason;
import static dev.spotlink.spotify.SpotifyTestSupport.CLIENT_ID;
import static dev.spotlink.spotify.SpotifyTestSupport.SCOPE;
import static dev.spotlink.spotify.SpotifyTestSupport.USER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import dev.spotlink.domain.AccountStatus;
import dev.spotlink.domain.LinkedAccount;
import dev.spotlink.spotify.SpotifyException.Reason;
import dev.spotlink.testing.FakeSpotify;
import dev.spotlink.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TokenManagerTest {

    private static final long ID = 7;

    private FakeSpotify fake;
    private SpotifyApiClient api;
    private FakeSpotify.Tokens tokens;
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    // The rate-limit gate's time: the manager's waits move it, so a pause it waited out is over for the gate too.
    private final MutableClock gateTime = new MutableClock(Instant.parse("2026-05-01T00:00:00Z"));
    private final List<Duration> gateWaits = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        fake = SpotifyTestSupport.startFake();
        api = new SpotifyApiClient(HttpClients.create(), Json.mapper(), fake.apiUrl(),
                SpotifyTestSupport.gate(gateTime, Duration.ofSeconds(5), gateWaits),
                SpotifyTestSupport.recordingBackoff(new CopyOnWriteArrayList<>()));
        tokens = fake.issueTokens(USER, CLIENT_ID, SCOPE);
    }

    @AfterEach
    void tearDown() {
        fake.close();
    }

    private SpotifyTestSupport.InMemoryAccounts accounts(Instant expiresAt) {
        return new SpotifyTestSupport.InMemoryAccounts(
                SpotifyTestSupport.account(ID, tokens.accessToken(), tokens.refreshToken(), expiresAt));
    }

    private TokenManager manager(SpotifyTestSupport.InMemoryAccounts accounts) {
        return manager(accounts, HttpClients.create());
    }

    private TokenManager manager(SpotifyTestSupport.InMemoryAccounts accounts, okhttp3.OkHttpClient http) {
        SpotifyAccountsClient client = new SpotifyAccountsClient(http, Json.mapper(),
                SpotifyTestSupport.config(fake), Clock.systemUTC());
        return new TokenManager(accounts.repository, client, Clock.systemUTC(), Duration.ofSeconds(5), d -> {
            sleeps.add(d);
            gateTime.advance(d);
        });
    }

    private static Instant inAnHour() {
        return Instant.now().plus(Duration.ofHours(1));
    }

    @Test
    void validTokenIsUsedWithoutRefresh() throws Exception {
        SpotifyTestSupport.InMemoryAccounts accounts = accounts(inAnHour());
        assertEquals(USER, manager(accounts).call(accounts.get(), api::me).accountId());
        assertEquals(0, fake.tokenRequests());
    }

    @Test
    void refreshesShortlyBeforeExpiryAndKeepsOldRefreshToken() throws Exception {
        SpotifyTestSupport.InMemoryAccounts accounts = accounts(Instant.now().plusSeconds(30));
        List<String> used = new ArrayList<>();

        manager(accounts).call(accounts.get(), token -> {
            used.add(token);
            return api.me(token);
        });

        assertEquals(1, fake.tokenRequests("refresh_token"));
        LinkedAccount row = accounts.get();
        assertNotEquals(tokens.accessToken(), row.accessToken());
        assertEquals(List.of(row.accessToken()), used, "the call got the stored new token");
        assertEquals(tokens.refreshToken(), row.refreshToken(), "no refresh token returned: old one kept");
        assertTrue(row.expiresAt().isAfter(Instant.now().plus(Duration.ofMinutes(50))));
        assertEquals(SCOPE, row.scopes());
    }

    @Test
    void storesRotatedRefreshToken() throws Exception {
        fake.setRotateRefreshTokens(true);
        SpotifyTestSupport.InMemoryAccounts accounts = accounts(Instant.now().minusSeconds(5));
        TokenManager manager = manager(accounts);

        manager.call(accounts.get(), api::me);

        String rotated = accounts.get().refreshToken();
        assertNotEquals(tokens.refreshToken(), rotated);
        assertTrue(rotated.startsWith("RT-"));
        // The fake killed the old refresh token: a second refresh only works with the stored new one.
        fake.expireAccessTokens(USER);
        manager.call(accounts.get(), api::me);
        assertEquals(2, fake.tokenRequests("refresh_token"));
    }

    @Test
    void refreshesOnceOn401AndRetries() throws Exception {
        SpotifyTestSupport.InMemoryAccounts accounts = accounts(inAnHour());
        fake.expireAccessTokens(USER);

        assertEquals(USER, manager(accounts).call(accounts.get(), api::me).accountId());

        assertEquals(1, fake.tokenRequests("refresh_token"));
        assertEquals(2, fake.requests().stream().filter(r -> r.path().equals("/v1/me")).count());
    }

    @Test
    void secondUnauthorizedIsFinal() {
        SpotifyTestSupport.InMemoryAccounts accounts = accounts(inAnHour());
        AtomicInteger calls = new AtomicInteger();

        assertReason(Reason.UNAUTHORIZED, () -> manager(accounts).call(accounts.get(), token -> {
            calls.incrementAndGet();
            throw new SpotifyException(Reason.UNAUTHORIZED, "401");
        }));

        assertEquals(2, calls.get());
        assertEquals(1, fake.tokenRequests("refresh_token"));
    }

    @Test
    void invalidGrantMarksNeedsRelink() {
        fake.revokeRefreshTokens(USER);
        SpotifyTestSupport.InMemoryAccounts accounts = accounts(Instant.now().minusSeconds(1));
        TokenManager manager = manager(accounts);
        AtomicInteger calls = new AtomicInteger();

        SpotifyException e = assertReason(Reason.NEEDS_RELINK,
                () -> manager.call(accounts.get(), token -> calls.incrementAndGet()));

        SpotifyAccountsClientTest.assertNoSecrets(e, tokens.refreshToken(), tokens.accessToken());
        verify(accounts.repository).markNeedsRelink(eq(ID), any());
        assertEquals(AccountStatus.NEEDS_RELINK, accounts.get().status());
        assertEquals(0, calls.get());
        // Marked rows are refused without another token request.
        assertReason(Reason.NEEDS_RELINK, () -> manager.call(accounts.get(), token -> calls.incrementAndGet()));
        assertEquals(1, fake.tokenRequests());
    }

    @Test
    void serverErrorDuringRefreshIsUnavailableAndNotMarked() {
        fake.failNext("/api/token", 503);
        SpotifyTestSupport.InMemoryAccounts accounts = accounts(Instant.now().minusSeconds(1));

        assertReason(Reason.UNAVAILABLE, () -> manager(accounts).call(accounts.get(), api::me));

        verify(accounts.repository, never()).markNeedsRelink(anyLong(), any());
        verify(accounts.repository, never()).updateTokens(anyLong(), any(), any(), any(), any(), any());
        assertEquals(AccountStatus.ACTIVE, accounts.get().status());
    }

    @Test
    void rateLimitOrTimeoutDuringRefreshIsNotMarked() {
        SpotifyTestSupport.InMemoryAccounts accounts = accounts(Instant.now().minusSeconds(1));
        fake.failNext("/api/token", 429, Map.of("Retry-After", "60"), "");
        assertReason(Reason.RATE_LIMITED, () -> manager(accounts).call(accounts.get(), api::me));

        fake.setLatency(Duration.ofMillis(600));
        TokenManager impatient = manager(accounts,
                HttpClients.create(Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofSeconds(2)));
        assertReason(Reason.UNAVAILABLE, () -> impatient.call(accounts.get(), api::me));

        verify(accounts.repository, never()).markNeedsRelink(anyLong(), any());
        assertEquals(AccountStatus.ACTIVE, accounts.get().status());
    }

    @Test
    void shortRetryAfterWaitsAndRetriesOnce() throws Exception {
        SpotifyTestSupport.InMemoryAccounts accounts = accounts(inAnHour());
        fake.failNext("/v1/me", 429, Map.of("Retry-After", "2"), "");

        assertEquals(USER, manager(accounts).call(accounts.get(), api::me).accountId());

        assertEquals(List.of(Duration.ofSeconds(2)), sleeps);
        assertEquals(List.of(), gateWaits, "the manager waited the pause out; the gate had nothing left");
        assertEquals(2, fake.requests().stream().filter(r -> r.path().equals("/v1/me")).count());
    }

    @Test
    void longRetryAfterOrSecond429IsRethrown() {
        SpotifyTestSupport.InMemoryAccounts accounts = accounts(inAnHour());
        TokenManager manager = manager(accounts);
        fake.failNext("/v1/me", 429, Map.of("Retry-After", "30"), "");
        SpotifyException longWait = assertReason(Reason.RATE_LIMITED, () -> manager.call(accounts.get(), api::me));
        assertEquals(Duration.ofSeconds(30), longWait.retryAfter().orElseThrow());
        assertTrue(sleeps.isEmpty());
        // Meanwhile the gate keeps every call off Spotify without a request.
        SpotifyException paused = assertReason(Reason.RATE_LIMITED, () -> manager.call(accounts.get(), api::me));
        assertEquals(Duration.ofSeconds(30), paused.retryAfter().orElseThrow());
        assertEquals(1, fake.requests("/v1/me"));

        gateTime.advance(Duration.ofSeconds(30));
        fake.failNext("/v1/me", 429, Map.of("Retry-After", "1"), "");
        fake.failNext("/v1/me", 429, Map.of("Retry-After", "1"), "");
        assertReason(Reason.RATE_LIMITED, () -> manager.call(accounts.get(), api::me));
        assertEquals(List.of(Duration.ofSeconds(1)), sleeps);
    }

    @Test
    void rowIsReloadedAndMarkedRowRefused() {
        SpotifyTestSupport.InMemoryAccounts accounts = accounts(inAnHour());
        LinkedAccount stale = accounts.get();
        accounts.repository.markNeedsRelink(ID, stale.linkedAt());
        assertReason(Reason.NEEDS_RELINK, () -> manager(accounts).call(stale, api::me));

        accounts.row.set(null);
        assertReason(Reason.NEEDS_RELINK, () -> manager(accounts).call(stale, api::me));
        assertEquals(0, fake.requests().size());
    }

    @Test
    void fiftyConcurrentCallsWithExpiredTokenMakeOneRefresh() throws Exception {
        fake.setLatency(Duration.ofMillis(50));
        SpotifyTestSupport.InMemoryAccounts accounts = accounts(Instant.now().minusSeconds(10));
        TokenManager manager = manager(accounts);
        LinkedAccount snapshot = accounts.get();
        int threads = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<SpotifyProfile>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return manager.call(snapshot, api::me);
                }));
            }
            start.countDown();
            for (Future<SpotifyProfile> result : results) {
                assertEquals(USER, result.get(20, TimeUnit.SECONDS).accountId());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, fake.tokenRequests());
        verify(accounts.repository, times(1)).updateTokens(anyLong(), any(), any(), any(), any(), any());
    }
}
