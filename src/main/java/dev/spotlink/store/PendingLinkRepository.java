package dev.spotlink.store;

import java.time.Instant;

/** All SQL of the {@code pending_links} table. */
public final class PendingLinkRepository {

    public PendingLinkRepository(Database database, TokenCipher cipher) {
        throw new UnsupportedOperationException("store helper");
    }

    /** Stores a new pending link; earlier unused links of the same user stay valid until they expire. */
    public void insert(PendingLink link) {
        throw new UnsupportedOperationException("store helper");
    }

    /** Atomically marks the state used if it exists, is unused and {@code now} is before its expiry. */
    public ClaimResult claim(String stateHash, Instant now) {
        throw new UnsupportedOperationException("store helper");
    }

    /** Deletes every pending link of a user (unlink). */
    public int deleteFor(ChatUser user) {
        throw new UnsupportedOperationException("store helper");
    }

    /** Deletes links that expired (or were used) before {@code cutoff}. */
    public int purgeOlderThan(Instant cutoff) {
        throw new UnsupportedOperationException("store helper");
    }
}
