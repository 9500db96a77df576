package dev.spotlink.spotify;

import dev.spotlink.domain.LinkedAccount;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What each linked member is playing, fetched at most once per {@link #ttl()} and shared by every command that
 * asks ({@code /nowplaying}, {@code /listening}, inline mode): a chat of 200 members asking at once costs each
 * member one {@code currently-playing} call, not one per command. Concurrent askers for one member share one call.
 * Calls for many members at once ({@link #currentOf}) run on a small pool, so at most {@link #parallel()} are in
 * flight together; each goes through the member's app's {@link RateLimitGate} (via {@link SpotifyApiClient#forApp}).
 * Failures are not cached. A zero ttl turns reuse off: every ask is a call of its own. Thread-safe.
 */
public final class PlaybackCache implements AutoCloseable {

    /** How long a member's playback is reused. */
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(5);
    /** Calls in flight at once for {@link #currentOf}. */
    public static final int DEFAULT_PARALLEL = 8;
    /** Entries kept before expired ones are swept. */
    private static final int SWEEP_ABOVE = 10_000;

    /** One member's playback as far as known within a wait. */
    public sealed interface Lookup {
        /** Spotify answered: empty when nothing plays. */
        record Known(Optional<NowPlaying> playing) implements Lookup {
        }

        /** Spotify failed for this member. */
        record Failed(SpotifyException error) implements Lookup {
        }

        /** Not answered within the wait; the call goes on and fills the cache. */
        record Pending() implements Lookup {
        }
    }

    private record Entry(Optional<NowPlaying> playing, Instant fetchedAt) {
    }

    private final TokenManager tokens;
    private final SpotifyApiClient api;
    private final Clock clock;
    private final Duration ttl;
    private final int parallel;
    private final ExecutorService pool;
    private final ConcurrentMap<Long, Entry> entries = new ConcurrentHashMap<>();
    private final ConcurrentMap<Long, CompletableFuture<Optional<NowPlaying>>> inFlight = new ConcurrentHashMap<>();

    public PlaybackCache(TokenManager tokens, SpotifyApiClient api, Clock clock) {
        this(tokens, api, clock, DEFAULT_TTL, DEFAULT_PARALLEL);
    }

    /**
     * @param ttl      how long an answer is reused (zero: never)
     * @param parallel calls in flight at once when many members are asked for
     */
    public PlaybackCache(TokenManager tokens, SpotifyApiClient api, Clock clock, Duration ttl, int parallel) {
        if (parallel < 1 || ttl.isNegative()) {
            throw new IllegalArgumentException("parallel must be positive and ttl not negative");
        }
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.api = Objects.requireNonNull(api, "api");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ttl = ttl;
        this.parallel = parallel;
        AtomicInteger counter = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(parallel, parallel, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "spotlink-playback-" + counter.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        ((ThreadPoolExecutor) pool).allowCoreThreadTimeOut(true);
    }

    public Duration ttl() {
        return ttl;
    }

    public int parallel() {
        return parallel;
    }

    /**
     * What {@code account} plays now (empty: nothing, or a private session), from the cache when fresh; a track
     * still playing has its progress moved on by the entry's age.
     */
    public Optional<NowPlaying> current(LinkedAccount account) throws SpotifyException {
        if (ttl.isZero()) {
            // reuse off: every ask is its own call (and waits at the app's gate like any other)
            return tokens.call(account, api.forApp(account.clientId())::currentlyPlaying);
        }
        Optional<Optional<NowPlaying>> fresh = fresh(account.id());
        if (fresh.isPresent()) {
            return fresh.get();
        }
        CompletableFuture<Optional<NowPlaying>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<NowPlaying>> running = inFlight.putIfAbsent(account.id(), mine);
        if (running != null) {
            return await(running);
        }
        fetchInto(account, mine);
        return await(mine);
    }

    /**
     * The playback of every account, the calls spread over the pool; what is not known after {@code wait} is
     * {@link Lookup.Pending}. The result keeps the order of {@code accounts} (keyed by account id).
     */
    public Map<Long, Lookup> currentOf(List<LinkedAccount> accounts, Duration wait) {
        Map<Long, CompletableFuture<Optional<NowPlaying>>> calls = new LinkedHashMap<>();
        Map<Long, Lookup> known = new LinkedHashMap<>();
        for (LinkedAccount account : accounts) {
            Optional<Optional<NowPlaying>> fresh = fresh(account.id());
            if (fresh.isPresent()) {
                known.put(account.id(), new Lookup.Known(fresh.get()));
                continue;
            }
            CompletableFuture<Optional<NowPlaying>> mine = new CompletableFuture<>();
            CompletableFuture<Optional<NowPlaying>> running = inFlight.putIfAbsent(account.id(), mine);
            if (running == null) {
                pool.execute(() -> fetchInto(account, mine));
                running = mine;
            }
            calls.put(account.id(), running);
        }
        long deadline = System.nanoTime() + wait.toNanos();
        Map<Long, Lookup> result = new LinkedHashMap<>();
        for (LinkedAccount account : accounts) {
            Lookup lookup = known.get(account.id());
            if (lookup == null) {
                lookup = awaitUntil(calls.get(account.id()), deadline);
            }
            result.put(account.id(), lookup);
        }
        return result;
    }

    /** Forgets a member's playback (unlinked, or a test that changes it). */
    public void forget(long accountId) {
        entries.remove(accountId);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    private Optional<Optional<NowPlaying>> fresh(long accountId) {
        Entry entry = entries.get(accountId);
        if (entry == null) {
            return Optional.empty();
        }
        Duration age = Duration.between(entry.fetchedAt(), clock.instant());
        if (age.isNegative() || age.compareTo(ttl) >= 0) {
            return Optional.empty();
        }
        return Optional.of(entry.playing().map(playing -> advanced(playing, age)));
    }

    /** The same playback {@code age} later: a playing track moved on, capped at its end. */
    private static NowPlaying advanced(NowPlaying playing, Duration age) {
        if (!playing.playing() || playing.item() == null) {
            return playing;
        }
        long progress = playing.progressMs() + age.toMillis();
        long duration = playing.item().durationMs();
        return new NowPlaying(playing.kind(), true, duration > 0 ? Math.min(progress, duration) : progress,
                playing.item());
    }

    private void fetchInto(LinkedAccount account, CompletableFuture<Optional<NowPlaying>> future) {
        try {
            Optional<NowPlaying> playing = tokens.call(account, api.forApp(account.clientId())::currentlyPlaying);
            if (!ttl.isZero()) {
                if (entries.size() > SWEEP_ABOVE) {
                    Instant oldest = clock.instant().minus(ttl);
                    entries.values().removeIf(e -> e.fetchedAt().isBefore(oldest));
                }
                entries.put(account.id(), new Entry(playing, clock.instant()));
            }
            // out of flight before anyone wakes up: a failure must not be found and reused by the next ask
            inFlight.remove(account.id(), future);
            future.complete(playing);
        } catch (SpotifyException | RuntimeException e) {
            inFlight.remove(account.id(), future);
            future.completeExceptionally(e);
        }
    }

    private static Optional<NowPlaying> await(CompletableFuture<Optional<NowPlaying>> call) throws SpotifyException {
        try {
            return call.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpotifyException(SpotifyException.Reason.UNAVAILABLE, "Interrupted waiting for playback",
                    null, e);
        } catch (ExecutionException e) {
            throw rethrown(e.getCause());
        }
    }

    private static Lookup awaitUntil(CompletableFuture<Optional<NowPlaying>> call, long deadline) {
        try {
            long left = Math.max(0, deadline - System.nanoTime());
            return new Lookup.Known(call.get(left, TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            return new Lookup.Pending();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Lookup.Pending();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return new Lookup.Failed(cause instanceof SpotifyException se ? se
                    : new SpotifyException(SpotifyException.Reason.UNAVAILABLE, "Playback lookup failed: " + cause,
                    null, cause));
        }
    }

    private static SpotifyException rethrown(Throwable cause) {
        if (cause instanceof SpotifyException se) {
            // a new exception for this thread's stack, same classification
            return new SpotifyException(se.reason(), se.getMessage(), se.retryAfter().orElse(null), se);
        }
        if (cause instanceof RuntimeException re) {
            throw re;
        }
        throw new IllegalStateException("Playback lookup failed", cause);
    }
}
