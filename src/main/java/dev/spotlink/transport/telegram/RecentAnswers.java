package dev.spotlink.transport.telegram;

import dev.spotlink.domain.ChatUser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Recent inline answers per user. Telegram sends an inline query per keystroke and caches answers only per exact
 * query text, so without this every letter typed after {@code @bot} would ask Spotify again. Entries belong to
 * one user (nobody is ever shown another user's answer) and are kept for at most {@code maxEntries} users and
 * queries, least recently used going first. Thread-safe.
 *
 * @param <T> what is remembered
 */
final class RecentAnswers<T> {

    private final Clock clock;
    private final Map<String, Entry<T>> entries;

    RecentAnswers(Clock clock, int maxEntries) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive: " + maxEntries);
        }
        this.entries = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry<T>> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** The answer remembered for {@code user} and {@code query}, if it is younger than {@code maxAge}. */
    Optional<T> fresh(ChatUser user, String query, Duration maxAge) {
        Instant oldest = clock.instant().minus(maxAge);
        return find(user, query).filter(e -> e.at().isAfter(oldest)).map(Entry::value);
    }

    /** The answer remembered for {@code user} and {@code query}, however old (better than none when over the limit). */
    Optional<T> any(ChatUser user, String query) {
        return find(user, query).map(Entry::value);
    }

    void put(ChatUser user, String query, T value) {
        synchronized (entries) {
            entries.put(key(user, query), new Entry<>(value, clock.instant()));
        }
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    private Optional<Entry<T>> find(ChatUser user, String query) {
        synchronized (entries) {
            return Optional.ofNullable(entries.get(key(user, query)));
        }
    }

    private static String key(ChatUser user, String query) {
        return user + "|" + query;
    }

    private record Entry<T>(T value, Instant at) {
    }
}
