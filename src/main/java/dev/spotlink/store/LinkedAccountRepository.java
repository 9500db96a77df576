package dev.spotlink.store;

import java.time.Instant;
import java.util.Optional;

/** All SQL of the {@code linked_accounts} table; tokens encrypted on the way in, decrypted on the way out. */
public final class LinkedAccountRepository {

    public LinkedAccountRepository(Database database, TokenCipher cipher) {
        throw new UnsupportedOperationException("store helper");
    }

    public Optional<LinkedAccount> find(ChatUser user) {
        throw new UnsupportedOperationException("store helper");
    }

    public Optional<LinkedAccount> findById(long id) {
        throw new UnsupportedOperationException("store helper");
    }

    /** Inserts or replaces (re-link) the chat user's account; status becomes ACTIVE; sharing choice kept. */
    public LinkedAccount save(NewLink link, Instant linkedAt) {
        throw new UnsupportedOperationException("store helper");
    }

    /** Stores refreshed tokens atomically. */
    public void updateTokens(long id, String accessToken, String refreshToken, Instant expiresAt, String scopes) {
        throw new UnsupportedOperationException("store helper");
    }

    public void markNeedsRelink(long id) {
        throw new UnsupportedOperationException("store helper");
    }

    public void setSharing(ChatUser user, boolean enabled) {
        throw new UnsupportedOperationException("store helper");
    }

    /** Deletes the chat user's account; true if there was one. */
    public boolean delete(ChatUser user) {
        throw new UnsupportedOperationException("store helper");
    }

    /** How many accounts hold tokens issued by this Spotify client id. */
    public int countByClientId(String clientId) {
        throw new UnsupportedOperationException("store helper");
    }
}
