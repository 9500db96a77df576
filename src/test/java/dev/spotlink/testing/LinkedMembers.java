package dev.spotlink.testing;

import dev.spotlink.domain.ChatUser;
import dev.spotlink.link.LinkService;
import dev.spotlink.store.LinkedAccountRepository;
import dev.spotlink.store.NewLink;
import java.time.Instant;

/** Members linked straight into the store (as a finished /link would leave them), with tokens the fake knows. */
public final class LinkedMembers {

    /** The scopes a link made before {@code /top} existed holds. */
    public static final String OLD_SCOPES = "user-read-currently-playing user-read-recently-played";

    private LinkedMembers() {
    }

    /** Links {@code user} to a new fake Spotify user {@code accountId} with today's scopes. */
    public static void link(FakeSpotify spotify, LinkedAccountRepository accounts, ChatUser user, String accountId,
                            String displayName) {
        link(spotify, accounts, user, accountId, displayName, String.join(" ", LinkService.SCOPES));
    }

    /** The same with the granted {@code scopes}. */
    public static void link(FakeSpotify spotify, LinkedAccountRepository accounts, ChatUser user, String accountId,
                            String displayName, String scopes) {
        spotify.addUser(accountId, displayName);
        FakeSpotify.Tokens tokens = spotify.issueTokens(accountId, TestConfigs.CLIENT_ID, scopes);
        accounts.save(new NewLink(user, accountId, displayName, TestConfigs.CLIENT_ID, tokens.accessToken(),
                tokens.refreshToken(), tokens.expiresAt(), scopes), Instant.now());
    }
}
