package dev.spotlink.spotify;

import dev.spotlink.domain.AccountStatus;
import dev.spotlink.domain.LinkedAccount;
import dev.spotlink.spotify.SpotifyException.Reason;
import dev.spotlink.store.LinkedAccountRepository;
import dev.spotlink.store.RefreshLock;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Web API calls for a linked account with a valid access token: refreshes shortly before expiry and once
 * on 401 (at most one refresh in flight per account), keeps the old refresh token when none comes back, marks
 * the account NEEDS_RELINK on {@code invalid_grant} (never on 5xx/timeouts/429), refreshes as the app that
 * issued the tokens (the row's client id: the admin's app or a member's own), and on 429 waits
 * {@code Retry-After} (bounded) and retries once. A longer pause reaches the caller as RATE_LIMITED at once (the
 * clients' {@link RateLimitGate} keeps everyone else off Spotify meanwhile).
 *
 * <p>The database row is the source of truth: every call and every refresh re-reads it, so a refresh done by
 * another thread or process is picked up instead of being repeated.
 */
public final class TokenManager {

    /** Refresh when the access token has less than this left. */
    public static final Duration REFRESH_MARGIN = Duration.ofSeconds(60);
    /** Longest {@code Retry-After} worth waiting for inside one command. */
    public static final Duration DEFAULT_MAX_RETRY_AFTER = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(TokenManager.class);

    /** A Web API call made with an access token. */
    @FunctionalInterface
    public interface TokenCall<T> {
        T call(String accessToken) throws SpotifyException;
    }

    private final LinkedAccountRepository accounts;
    private final SpotifyAccountsClient accountsClient;
    private final Clock clock;
    private final Duration maxRetryAfter;
    private final Sleeper sleeper;
    private final RefreshLock refreshLock;
    private final ConcurrentMap<Long, CompletableFuture<String>> refreshes = new ConcurrentHashMap<>();

    /** Waits up to {@link #DEFAULT_MAX_RETRY_AFTER} on a 429 with {@code Thread.sleep}. */
    public TokenManager(LinkedAccountRepository accounts, SpotifyAccountsClient accountsClient, Clock clock) {
        this(accounts, accountsClient, clock, DEFAULT_MAX_RETRY_AFTER, Sleeper.system());
    }

    /** With a custom bound for waiting on {@code Retry-After} and a custom way to wait. */
    public TokenManager(LinkedAccountRepository accounts, SpotifyAccountsClient accountsClient, Clock clock,
                        Duration maxRetryAfter, Sleeper sleeper) {
        this(accounts, accountsClient, clock, maxRetryAfter, sleeper, RefreshLock.none());
    }

    /** With a lock that keeps other processes on the same database from refreshing the same account at once. */
    public TokenManager(LinkedAccountRepository accounts, SpotifyAccountsClient accountsClient, Clock clock,
                        Duration maxRetryAfter, Sleeper sleeper, RefreshLock refreshLock) {
        this.refreshLock = Objects.requireNonNull(refreshLock, "refreshLock");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.accountsClient = Objects.requireNonNull(accountsClient, "accountsClient");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxRetryAfter = Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /** @throws SpotifyException with reason NEEDS_RELINK when the link is dead */
    public <T> T call(LinkedAccount account, TokenCall<T> call) throws SpotifyException {
        long id = account.id();
        LinkedAccount current = usableRow(id);
        String token = current.accessToken();
        if (expiresSoon(current)) {
            token = refresh(id, token);
        }
        boolean refreshedAfter401 = false;
        boolean waitedFor429 = false;
        while (true) {
            try {
                return call.call(token);
            } catch (SpotifyException e) {
                if (e.reason() == Reason.UNAUTHORIZED && !refreshedAfter401) {
                    // Revoked or expired early (clock skew): one refresh, one retry; a second 401 is final.
                    refreshedAfter401 = true;
                    token = refresh(id, token);
                } else if (e.reason() == Reason.RATE_LIMITED && !waitedFor429 && shortWait(e)) {
                    waitedFor429 = true;
                    pause(e);
                } else {
                    throw e;
                }
            }
        }
    }

    /** The row as stored now; NEEDS_RELINK when it is gone (unlinked meanwhile) or marked. */
    private LinkedAccount usableRow(long id) throws SpotifyException {
        LinkedAccount row = accounts.findById(id).orElseThrow(() -> new SpotifyException(Reason.NEEDS_RELINK,
                "Linked account " + id + " no longer exists"));
        if (row.status() == AccountStatus.NEEDS_RELINK) {
            throw new SpotifyException(Reason.NEEDS_RELINK, "Linked account " + id + " needs /link again");
        }
        return row;
    }

    private boolean expiresSoon(LinkedAccount row) {
        return row.accessToken() == null || row.expiresAt() == null
                || !row.expiresAt().isAfter(clock.instant().plus(REFRESH_MARGIN));
    }

    /**
     * A fresh access token. Concurrent callers for one account share one refresh; {@code staleToken} is the
     * token the caller found wanting, so a row already holding a different, fresh token needs no request.
     */
    private String refresh(long id, String staleToken) throws SpotifyException {
        CompletableFuture<String> mine = new CompletableFuture<>();
        CompletableFuture<String> running = refreshes.putIfAbsent(id, mine);
        if (running != null) {
            return await(running, id);
        }
        try {
            // across processes too: refreshNow re-reads the row under the lock, so a waiter takes the winner's token
            String token = refreshLock.underLock(id, () -> refreshNow(id, staleToken));
            mine.complete(token);
            return token;
        } catch (SpotifyException | RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            refreshes.remove(id, mine);
        }
    }

    private String refreshNow(long id, String staleToken) throws SpotifyException {
        LinkedAccount row = usableRow(id);
        if (!Objects.equals(row.accessToken(), staleToken) && !expiresSoon(row)) {
            return row.accessToken();
        }
        TokenGrant grant;
        try {
            // As the app that issued the tokens: a member's own app refreshes as a public client (no secret).
            grant = accountsClient.refresh(row.clientId(), row.refreshToken());
        } catch (SpotifyException e) {
            if (e.reason() == Reason.INVALID_GRANT) {
                // Refresh tokens die 6 months after consent, or when the user revokes the app.
                if (!accounts.markNeedsRelink(id, row.linkedAt())) {
                    return relinkedMeanwhile(id);
                }
                log.info("Spotify refused the refresh token of account {}; marked as needing /link", id);
                throw new SpotifyException(Reason.NEEDS_RELINK, "Linked account " + id + " needs /link again",
                        null, e);
            }
            // 5xx, timeouts, 429, invalid_client: the link itself may be fine, so leave the row alone.
            throw e;
        }
        String refreshToken = grant.refreshToken() != null ? grant.refreshToken() : row.refreshToken();
        String scopes = grant.scope() != null ? grant.scope() : row.scopes();
        // Stored before use: if Spotify rotated the refresh token, losing it would lose the link.
        if (!accounts.updateTokens(id, row.linkedAt(), grant.accessToken(), refreshToken, grant.expiresAt(),
                scopes)) {
            return relinkedMeanwhile(id);
        }
        log.debug("Refreshed the access token of account {}", id);
        return grant.accessToken();
    }

    /** The user unlinked or linked again while Spotify answered: the row's current link wins, not our grant. */
    private String relinkedMeanwhile(long id) throws SpotifyException {
        log.debug("Account {} was unlinked or linked again during its refresh; the refresh result is dropped", id);
        return usableRow(id).accessToken();
    }

    private static String await(CompletableFuture<String> running, long id) throws SpotifyException {
        try {
            return running.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpotifyException(Reason.UNAVAILABLE, "Interrupted waiting for the refresh of account " + id,
                    null, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SpotifyException se) {
                // A new exception for this thread's stack, same classification.
                throw new SpotifyException(se.reason(), se.getMessage(), se.retryAfter().orElse(null), se);
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("Refresh of account " + id + " failed", cause);
        }
    }

    private boolean shortWait(SpotifyException e) {
        return e.retryAfter().map(wait -> !wait.isNegative() && wait.compareTo(maxRetryAfter) <= 0).orElse(false);
    }

    private void pause(SpotifyException rateLimited) throws SpotifyException {
        try {
            sleeper.sleep(rateLimited.retryAfter().orElse(Duration.ZERO));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw rateLimited;
        }
    }
}
