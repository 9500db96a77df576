package dev.spotlink.domain;

import java.time.Duration;

/**
 * Named leases with a time to live, for work that only one process may do at a time (polling Telegram): the
 * holder renews its lease before it runs out; when it dies, another process takes the lease over.
 */
public interface Leases {

    /** Takes or renews the lease {@code name} for {@code owner} for {@code ttl}; false when someone else holds it. */
    boolean tryAcquire(String name, String owner, Duration ttl);

    /** Gives the lease up if {@code owner} holds it; true when it did. */
    boolean release(String name, String owner);
}
