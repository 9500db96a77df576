package dev.spotlink.link;

import dev.spotlink.domain.ChatUser;
import dev.spotlink.domain.LinkedAccount;
import dev.spotlink.store.LinkedAccountRepository;
import java.util.Objects;
import java.util.Optional;

/**
 * Spotify's development-mode cap on the admin's app: it serves at most {@value #DEVELOPMENT_MODE_USERS} Spotify
 * accounts. Counted from the accounts stored with the admin's client id (one Spotify account linked from two chat
 * platforms counts once), so it holds across restarts and processes. An app Spotify granted extended quota
 * ({@code spotify.extended-quota}) has no such cap.
 */
public final class AdminAppLimit {

    /** Users a Spotify app in development mode may serve (2026). */
    public static final int DEVELOPMENT_MODE_USERS = 5;

    private final LinkedAccountRepository accounts;
    private final String adminClientId;
    private final boolean capped;

    /** An app in development mode: capped. */
    public AdminAppLimit(LinkedAccountRepository accounts, String adminClientId) {
        this(accounts, adminClientId, true);
    }

    /** @param capped false for an app with extended quota */
    public AdminAppLimit(LinkedAccountRepository accounts, String adminClientId, boolean capped) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.adminClientId = Objects.requireNonNull(adminClientId, "adminClientId");
        this.capped = capped;
    }

    /**
     * True when linking {@code user} through the admin's app would make it serve one account too many: it
     * serves the maximum already and the user is not one of them (re-linking keeps one's place).
     */
    public boolean fullFor(ChatUser user) {
        if (!capped) {
            return false;
        }
        Optional<LinkedAccount> current = accounts.find(user);
        if (current.isPresent() && adminClientId.equals(current.get().clientId())) {
            return false;
        }
        return accounts.countSpotifyAccountsByClientId(adminClientId) >= DEVELOPMENT_MODE_USERS;
    }
}
