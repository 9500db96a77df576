package dev.spotlink.command;

import dev.spotlink.domain.ChatUser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers for a few minutes who is a member of which chat, so that {@code /listening} in a group of 200 linked
 * members asks the platform about each of them once, not on every run. Lookups that are not cached run a few at
 * a time on a small pool; a lookup that fails is not remembered (the next run asks again). Transports wrap their
 * platform's lookup in one of these and hand out {@link #forChat} views. Thread-safe.
 */
public final class MembershipCache implements AutoCloseable {

    /** How long an answer is reused. */
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);
    /** Lookups in flight at once. */
    public static final int DEFAULT_PARALLEL = 8;
    /** How long one {@link ChatMembers#among} waits for the platform. */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(5);
    private static final int SWEEP_ABOVE = 50_000;

    private static final Logger log = LoggerFactory.getLogger(MembershipCache.class);

    /** The platform's answer for one user in one chat. */
    @FunctionalInterface
    public interface Lookup {
        /** True when {@code userId} is a member of {@code chatId} now; throws when the platform did not say. */
        boolean isMember(String chatId, String userId) throws Exception;
    }

    private record Key(String chatId, String userId) {
    }

    private record Entry(boolean member, Instant checkedAt) {
    }

    private final Lookup lookup;
    private final Clock clock;
    private final Duration ttl;
    private final Duration wait;
    private final ExecutorService pool;
    private final ConcurrentMap<Key, Entry> entries = new ConcurrentHashMap<>();
    private final ConcurrentMap<Key, CompletableFuture<Boolean>> inFlight = new ConcurrentHashMap<>();

    public MembershipCache(Lookup lookup, Clock clock, String threadName) {
        this(lookup, clock, DEFAULT_TTL, DEFAULT_WAIT, DEFAULT_PARALLEL, threadName);
    }

    /**
     * @param ttl      how long an answer is reused
     * @param wait     how long one question about a chat waits for the platform
     * @param parallel lookups in flight at once
     */
    public MembershipCache(Lookup lookup, Clock clock, Duration ttl, Duration wait, int parallel,
                           String threadName) {
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel must be positive: " + parallel);
        }
        this.lookup = Objects.requireNonNull(lookup, "lookup");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.wait = Objects.requireNonNull(wait, "wait");
        AtomicInteger counter = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(parallel, parallel, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, threadName + "-" + counter.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        executor.allowCoreThreadTimeOut(true);
        this.pool = executor;
    }

    /**
     * The members of {@code chatId}. {@code knownMember} (who ran the command there, so plainly a member) is
     * counted without asking.
     */
    public ChatMembers forChat(String chatId, ChatUser knownMember) {
        return candidates -> members(chatId, knownMember, candidates);
    }

    private Set<ChatUser> members(String chatId, ChatUser knownMember, Collection<ChatUser> candidates) {
        Set<ChatUser> members = new LinkedHashSet<>();
        Map<ChatUser, CompletableFuture<Boolean>> asked = new LinkedHashMap<>();
        Instant now = clock.instant();
        for (ChatUser candidate : candidates) {
            Key key = new Key(chatId, candidate.userId());
            if (candidate.equals(knownMember)) {
                // they just wrote in this chat: as good as asking, and spares a lookup on the next run
                entries.put(key, new Entry(true, now));
                members.add(candidate);
                continue;
            }
            Entry entry = entries.get(key);
            if (entry != null && Duration.between(entry.checkedAt(), now).compareTo(ttl) < 0) {
                if (entry.member()) {
                    members.add(candidate);
                }
                continue;
            }
            asked.put(candidate, ask(key));
        }
        long deadline = System.nanoTime() + wait.toNanos();
        int unknown = 0;
        for (Map.Entry<ChatUser, CompletableFuture<Boolean>> question : asked.entrySet()) {
            try {
                if (question.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    members.add(question.getKey());
                }
            } catch (TimeoutException | ExecutionException e) {
                unknown++;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (unknown > 0) {
            log.info("Membership of {} of {} users in chat {} unknown (platform failed or slower than {}); left out",
                    unknown, asked.size(), chatId, wait);
        }
        // the caller's order (most recent first, say) is kept
        Set<ChatUser> ordered = new LinkedHashSet<>();
        for (ChatUser candidate : candidates) {
            if (members.contains(candidate)) {
                ordered.add(candidate);
            }
        }
        return ordered;
    }

    private CompletableFuture<Boolean> ask(Key key) {
        CompletableFuture<Boolean> mine = new CompletableFuture<>();
        CompletableFuture<Boolean> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            return running;
        }
        try {
            pool.execute(() -> lookUp(key, mine));
        } catch (RuntimeException e) {
            inFlight.remove(key, mine);
            mine.completeExceptionally(e);
        }
        return mine;
    }

    private void lookUp(Key key, CompletableFuture<Boolean> future) {
        try {
            boolean member = lookup.isMember(key.chatId(), key.userId());
            if (entries.size() > SWEEP_ABOVE) {
                Instant oldest = clock.instant().minus(ttl);
                entries.values().removeIf(e -> e.checkedAt().isBefore(oldest));
            }
            entries.put(key, new Entry(member, clock.instant()));
            // out of flight before anyone wakes up: a failure must not be found and reused by the next run
            inFlight.remove(key, future);
            future.complete(member);
        } catch (Exception e) {
            log.debug("Membership of {} in chat {} could not be checked", key.userId(), key.chatId(), e);
            inFlight.remove(key, future);
            future.completeExceptionally(e);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
