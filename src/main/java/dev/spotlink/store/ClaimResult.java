package dev.spotlink.store;

/** Outcome of claiming a pending link by its state hash: exactly one caller ever gets {@link Claimed}. */
public sealed interface ClaimResult {
    /** This caller won the state; the link is now marked used. */
    record Claimed(PendingLink link) implements ClaimResult {
    }

    /** No such state was ever issued (or it was purged long ago). */
    record Unknown() implements ClaimResult {
    }

    /** The state existed but its time ran out. */
    record Expired() implements ClaimResult {
    }

    /** The state was already used by an earlier callback. */
    record AlreadyUsed() implements ClaimResult {
    }

    /** The state was issued to another chat user (only when claiming for a given owner); it was left untouched. */
    record OtherUser() implements ClaimResult {
    }
}
