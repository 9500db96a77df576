package dev.spotlink.spotify;

import dev.spotlink.store.LinkedAccount;

/**
 * Runs Web API calls for a linked account with a valid access token: refreshes shortly before expiry and once
 * on 401 (at most one refresh in flight per account), keeps the old refresh token when none comes back, marks
 * the account NEEDS_RELINK on {@code invalid_grant} (never on 5xx/timeouts/429), and on 429 waits
 * {@code Retry-After} (bounded) and retries once.
 */
public final class TokenManager {

    /** A Web API call made with an access token. */
    @FunctionalInterface
    public interface TokenCall<T> {
        T call(String accessToken) throws SpotifyException;
    }

    public TokenManager(dev.spotlink.store.LinkedAccountRepository accounts, SpotifyAccountsClient accountsClient,
                        java.time.Clock clock) {
        throw new UnsupportedOperationException("spotify helper");
    }

    /** @throws SpotifyException with reason NEEDS_RELINK when the link is dead */
    public <T> T call(LinkedAccount account, TokenCall<T> call) throws SpotifyException {
        throw new UnsupportedOperationException("spotify helper");
    }
}
