package dev.spotlink.spotify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.spotlink.domain.AccountStatus;
import dev.spotlink.domain.ChatUser;
import dev.spotlink.domain.LinkedAccount;
import dev.spotlink.domain.Platform;
import dev.spotlink.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The shared playback cache, with the token manager and the API client stubbed. */
class PlaybackCacheTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final TokenManager tokens = mock(TokenManager.class);
    private final SpotifyApiClient api = mock(SpotifyApiClient.class);
    private final Map<Long, AtomicInteger> calls = new ConcurrentHashMap<>();

    private static LinkedAccount account(long id) {
        return new LinkedAccount(id, new ChatUser(Platform.DISCORD, "u" + id), "acct" + id, "Name " + id, "app",
                "access", "refresh", Instant.MAX, "", Instant.EPOCH, AccountStatus.ACTIVE, true);
    }

    private static NowPlaying playing(long progressMs) {
        PlayableItem item = new PlayableItem("track", "spotify:track:x", "Song", List.of("Artist"), "Album", null,
                200_000, false, "https://open.spotify.com/track/x");
        return new NowPlaying(NowPlaying.Kind.TRACK, true, progressMs, item);
    }

    private void answer(CountDownLatch gate) throws Exception {
        when(api.forApp(anyString())).thenReturn(api);
        when(tokens.call(any(), any())).thenAnswer(invocation -> {
            LinkedAccount account = invocation.getArgument(0);
            calls.computeIfAbsent(account.id(), id -> new AtomicInteger()).incrementAndGet();
            gate.await();
            if (account.id() == 13) {
                throw new SpotifyException(SpotifyException.Reason.UNAVAILABLE, "down");
            }
            return account.id() == 12 ? Optional.empty() : Optional.of(playing(10_000));
        });
    }

    @Test
    void aMembersPlaybackIsAskedOncePerTtlAndMovesOnMeanwhile() throws Exception {
        answer(new CountDownLatch(0));
        try (PlaybackCache cache = new PlaybackCache(tokens, api, clock, Duration.ofSeconds(5), 2)) {
            assertEquals(10_000, cache.current(account(11)).orElseThrow().progressMs());
            clock.advance(Duration.ofSeconds(3));
            assertEquals(13_000, cache.current(account(11)).orElseThrow().progressMs(), "3 s later in the track");
            assertEquals(1, calls.get(11L).get());
            clock.advance(Duration.ofSeconds(2));
            assertEquals(10_000, cache.current(account(11)).orElseThrow().progressMs());
            assertEquals(2, calls.get(11L).get(), "asked again once the ttl ran out");
            assertEquals(Optional.empty(), cache.current(account(12)));
            assertThrows(SpotifyException.class, () -> cache.current(account(13)));
            assertThrows(SpotifyException.class, () -> cache.current(account(13)));
            assertEquals(2, calls.get(13L).get(), "failures are not kept");
        }
    }

    @Test
    void withoutTtlEveryAskGoesToSpotify() throws Exception {
        answer(new CountDownLatch(0));
        try (PlaybackCache cache = new PlaybackCache(tokens, api, clock, Duration.ZERO, 2)) {
            cache.current(account(11));
            cache.current(account(11));
            assertEquals(2, calls.get(11L).get());
        }
    }

    @Test
    void manyMembersAtOnceAnswerWhatIsKnownWithinTheWait() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        answer(gate);
        try (PlaybackCache cache = new PlaybackCache(tokens, api, clock, Duration.ofSeconds(5), 2)) {
            List<LinkedAccount> accounts = List.of(account(11), account(12), account(13));
            Map<Long, PlaybackCache.Lookup> early = cache.currentOf(accounts, Duration.ZERO);
            assertEquals(List.of(11L, 12L, 13L), List.copyOf(early.keySet()));
            early.values().forEach(lookup -> assertInstanceOf(PlaybackCache.Lookup.Pending.class, lookup));
            gate.countDown();
            Map<Long, PlaybackCache.Lookup> done = cache.currentOf(accounts, Duration.ofSeconds(30));
            assertTrue(((PlaybackCache.Lookup.Known) done.get(11L)).playing().isPresent());
            assertEquals(Optional.empty(), ((PlaybackCache.Lookup.Known) done.get(12L)).playing());
            assertInstanceOf(PlaybackCache.Lookup.Failed.class, done.get(13L));
            assertEquals(1, calls.get(11L).get(), "the second run joined the calls still in flight");
            assertEquals(1, calls.get(12L).get());
        }
    }
}
