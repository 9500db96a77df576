package dev.spotlink.command;

import dev.spotlink.store.ChatUser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Per-user pause between commands that call Spotify ({@code command.cooldown}): all users share one Spotify app
 * and its rate limit, so one user hammering /nowplaying must not use it up for everyone. Remembers each user's
 * last admitted command only while its cooldown runs, and never more than a fixed number of users, so memory
 * stays bounded however many users come by. Thread-safe.
 */
public final class CommandCooldown {

    /** Users remembered at most; past that the oldest entry goes (that user merely gets in a little early). */
    static final int MAX_TRACKED_USERS = 10_000;

    private final Duration cooldown;
    private final Clock clock;
    private final int maxTracked;
    // Insertion order is time order: an admitted user is removed and put back at the end.
    private final LinkedHashMap<ChatUser, Instant> lastAdmitted = new LinkedHashMap<>();

    /**
     * @param cooldown zero turns the cooldown off
     */
    public CommandCooldown(Duration cooldown, Clock clock) {
        this(cooldown, clock, MAX_TRACKED_USERS);
    }

    CommandCooldown(Duration cooldown, Clock clock, int maxTracked) {
        this.cooldown = Objects.requireNonNull(cooldown, "cooldown");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (cooldown.isNegative() || maxTracked < 1) {
            throw new IllegalArgumentException("need a non-negative cooldown and room for one user");
        }
        this.maxTracked = maxTracked;
    }

    /** No cooldown at all. */
    public static CommandCooldown disabled() {
        return new CommandCooldown(Duration.ZERO, Clock.systemUTC());
    }

    public Duration cooldown() {
        return cooldown;
    }

    /**
     * Admits {@code user} (and starts their cooldown), or says how long they must still wait.
     *
     * @return empty when admitted; else the time left, at least one second when rounded up
     */
    public Optional<Duration> tryAcquire(ChatUser user) {
        if (cooldown.isZero()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        synchronized (lastAdmitted) {
            evictExpired(now);
            Instant last = lastAdmitted.get(user);
            if (last != null) {
                Duration left = Duration.between(now, last.plus(cooldown));
                if (!left.isNegative() && !left.isZero()) {
                    return Optional.of(left);
                }
            }
            lastAdmitted.remove(user);
            lastAdmitted.put(user, now);
            if (lastAdmitted.size() > maxTracked) {
                Iterator<ChatUser> oldest = lastAdmitted.keySet().iterator();
                oldest.next();
                oldest.remove();
            }
            return Optional.empty();
        }
    }

    /** Users currently remembered (tests check the bound). */
    int tracked() {
        synchronized (lastAdmitted) {
            return lastAdmitted.size();
        }
    }

    private void evictExpired(Instant now) {
        Iterator<Map.Entry<ChatUser, Instant>> entries = lastAdmitted.entrySet().iterator();
        while (entries.hasNext()) {
            if (entries.next().getValue().plus(cooldown).isAfter(now)) {
                return; // the rest are younger
            }
            entries.remove();
        }
    }
}
