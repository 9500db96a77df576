package dev.spotlink.spotify;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.spotlink.config.Secret;
import dev.spotlink.config.SpotifyConfig;
import dev.spotlink.domain.AccountStatus;
import dev.spotlink.domain.ChatUser;
import dev.spotlink.domain.LinkedAccount;
import dev.spotlink.domain.Platform;
import dev.spotlink.store.LinkedAccountRepository;
import dev.spotlink.testing.FakeSpotify;
import dev.spotlink.testing.MutableClock;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

/** Shared set-up for the spotify package tests. */
final class SpotifyTestSupport {

    static final String CLIENT_ID = "spotlink-test-client";
    static final String CLIENT_SECRET = "s3cret-of-the-test-app";
    static final URI REDIRECT = URI.create("http://127.0.0.1:8080/callback");
    static final List<String> SCOPES = List.of("user-read-currently-playing", "user-read-recently-played");
    static final String SCOPE = String.join(" ", SCOPES);
    static final String USER = "acct-alice";

    private SpotifyTestSupport() {
    }

    /** A back-off with the production policy that records its waits instead of sleeping (seeded jitter). */
    static Backoff recordingBackoff(List<Duration> sleeps) {
        return new Backoff(RetryPolicy.DEFAULT, sleeps::add, new Random(42), Clock.systemUTC());
    }

    /** A gate on a test clock; its waits are recorded and move that clock, so no test really waits. */
    static RateLimitGate gate(MutableClock clock, Duration maxWait, List<Duration> waits) {
        return new RateLimitGate("test app", clock, maxWait, d -> {
            waits.add(d);
            clock.advance(d);
        }, () -> 0L);
    }

    /** A fake with the test app and user "acct-alice" (display name "Alice"). */
    static FakeSpotify startFake() {
        FakeSpotify fake = FakeSpotify.start();
        fake.registerApp(CLIENT_ID, CLIENT_SECRET);
        fake.addUser(USER, "Alice");
        return fake;
    }

    static SpotifyConfig config(FakeSpotify fake) {
        return config(fake, CLIENT_SECRET);
    }

    static SpotifyConfig config(FakeSpotify fake, String secret) {
        return new SpotifyConfig(CLIENT_ID, new Secret(secret), REDIRECT, fake.accountsUrl(), fake.apiUrl(),
                fake.codesUrl());
    }

    static LinkedAccount account(long id, String accessToken, String refreshToken, Instant expiresAt) {
        return new LinkedAccount(id, new ChatUser(Platform.DISCORD, "u" + id), USER, "Alice", CLIENT_ID,
                accessToken, refreshToken, expiresAt, SCOPE, Instant.parse("2026-01-01T00:00:00Z"),
                AccountStatus.ACTIVE, true);
    }

    /** A LinkedAccountRepository mock that behaves like the table for one row. */
    static final class InMemoryAccounts {
        final AtomicReference<LinkedAccount> row;
        final LinkedAccountRepository repository = mock(LinkedAccountRepository.class);

        InMemoryAccounts(LinkedAccount initial) {
            row = new AtomicReference<>(initial);
            when(repository.findById(anyLong())).thenAnswer(inv -> {
                LinkedAccount current = row.get();
                return current != null && current.id() == (long) inv.getArgument(0)
                        ? Optional.of(current) : Optional.empty();
            });
            doAnswer(inv -> {
                row.updateAndGet(a -> new LinkedAccount(a.id(), a.user(), a.spotifyAccountId(), a.displayName(),
                        a.clientId(), inv.getArgument(2), inv.getArgument(3), inv.getArgument(4),
                        inv.getArgument(5), a.linkedAt(), a.status(), a.sharingEnabled()));
                return true;
            }).when(repository).updateTokens(anyLong(), any(), any(), any(), any(), any());
            doAnswer(inv -> {
                row.updateAndGet(a -> new LinkedAccount(a.id(), a.user(), a.spotifyAccountId(), a.displayName(),
                        a.clientId(), a.accessToken(), a.refreshToken(), a.expiresAt(), a.scopes(), a.linkedAt(),
                        AccountStatus.NEEDS_RELINK, a.sharingEnabled()));
                return true;
            }).when(repository).markNeedsRelink(anyLong(), any());
        }

        LinkedAccount get() {
            return row.get();
        }
    }
}
