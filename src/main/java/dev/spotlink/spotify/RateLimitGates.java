package dev.spotlink.spotify;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * One {@link RateLimitGate} per Spotify app (client id). Spotify rate-limits each app on its own, so a member's
 * own app that runs into 429 pauses only the accounts linked through it, never the admin's app or anyone else's.
 * The admin's gate is kept for good; the others live in a bounded least-recently-used map (a forgotten gate only
 * forgets a pause, which the next 429 sets again). Thread-safe.
 */
public final class RateLimitGates {

    /** How many members' apps keep their gate at once. */
    public static final int DEFAULT_MAX_APPS = 1024;

    private final String adminClientId;
    private final RateLimitGate adminGate;
    private final Function<String, RateLimitGate> factory;
    private final Map<String, RateLimitGate> others;

    /** Real-time gates named after their client id (a client id is public, never a secret). */
    public RateLimitGates(String adminClientId) {
        this(adminClientId, new RateLimitGate(name(adminClientId)), DEFAULT_MAX_APPS,
                id -> new RateLimitGate(name(id)));
    }

    /** With the admin app's gate given (tests that watch it), other apps' gates in real time. */
    public RateLimitGates(String adminClientId, RateLimitGate adminGate) {
        this(adminClientId, adminGate, DEFAULT_MAX_APPS, id -> new RateLimitGate(name(id)));
    }

    /**
     * @param maxApps how many gates of other apps to keep (least recently used go first)
     * @param factory makes the gate of another app
     */
    public RateLimitGates(String adminClientId, RateLimitGate adminGate, int maxApps,
                          Function<String, RateLimitGate> factory) {
        if (maxApps < 1) {
            throw new IllegalArgumentException("maxApps must be positive: " + maxApps);
        }
        this.adminClientId = Objects.requireNonNull(adminClientId, "adminClientId");
        this.adminGate = Objects.requireNonNull(adminGate, "adminGate");
        this.factory = Objects.requireNonNull(factory, "factory");
        this.others = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, RateLimitGate> eldest) {
                return size() > maxApps;
            }
        };
    }

    /** The admin's app's gate. */
    public RateLimitGate admin() {
        return adminGate;
    }

    /** The gate of the app with this client id (created on first use). */
    public RateLimitGate forClient(String clientId) {
        Objects.requireNonNull(clientId, "clientId");
        if (clientId.equals(adminClientId)) {
            return adminGate;
        }
        synchronized (others) {
            return others.computeIfAbsent(clientId, factory);
        }
    }

    /** Gates of other apps kept now. */
    int size() {
        synchronized (others) {
            return others.size();
        }
    }

    /** The gate's name for an app, as logs show it (a client id is public, never a secret). */
    public static String name(String clientId) {
        return "Spotify app " + clientId;
    }
}
