package dev.spotlink.store;

import dev.spotlink.config.DatabaseConfig;
import dev.spotlink.domain.AccountStatus;
import dev.spotlink.domain.ChatUser;
import dev.spotlink.domain.LinkedAccount;
import dev.spotlink.domain.Platform;
import dev.spotlink.testing.TestDatabases.Engine;
import dev.spotlink.testing.TestDatabases;
import static dev.spotlink.store.StoreFixtures.NOW;
import static dev.spotlink.store.StoreFixtures.discord;
import static dev.spotlink.store.StoreFixtures.newLink;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class LinkedAccountRepositoryTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T08:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Parameter
    Engine engine;
    private DatabaseConfig config;

    private Database db;
    private LinkedAccountRepository accounts;

    @BeforeEach
    void open() {
        config = TestDatabases.config(engine, dir);
        db = Database.open(config);
        accounts = new LinkedAccountRepository(db, TokenCipher.openFor(db, dir.resolve("k.key")), CLOCK);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void savedAccountsRoundTrip() {
        ChatUser user = discord("100");
        LinkedAccount saved = accounts.save(newLink(user, "access-1", "refresh-1"), NOW);
        LinkedAccount expected = new LinkedAccount(saved.id(), user, "spotify-100", "Name 100", "client-1", "access-1",
                "refresh-1", NOW.plus(Duration.ofHours(1)), "user-read-currently-playing user-read-recently-played",
                NOW, AccountStatus.ACTIVE, true);
        assertEquals(expected, saved);
        assertEquals(Optional.of(expected), accounts.find(user));
        assertEquals(Optional.of(expected), accounts.findById(saved.id()));
        assertEquals(List.of(expected), accounts.findAll());
        assertEquals(Optional.empty(), accounts.find(new ChatUser(Platform.TELEGRAM, "100")));
        assertEquals(Optional.empty(), accounts.findById(saved.id() + 1));
        assertEquals(1, accounts.count());
        assertEquals(CLOCK.millis(), updatedAt(saved.id()));
    }

    @Test
    void relinkReplacesTokensButKeepsIdAndSharingChoice() {
        ChatUser user = discord("100");
        long id = accounts.save(newLink(user, "old-access", "old-refresh"), NOW).id();
        accounts.setSharing(user, false);
        assertTrue(accounts.markNeedsRelink(id, NOW));
        assertEquals(AccountStatus.NEEDS_RELINK, accounts.find(user).orElseThrow().status());

        Instant later = NOW.plus(Duration.ofDays(200));
        NewLink relink = new NewLink(user, "other-spotify", null, "client-2", "new-access", "new-refresh",
                later.plus(Duration.ofHours(1)), "user-read-private");
        LinkedAccount saved = accounts.save(relink, later);

        assertEquals(new LinkedAccount(id, user, "other-spotify", null, "client-2", "new-access", "new-refresh",
                later.plus(Duration.ofHours(1)), "user-read-private", later, AccountStatus.ACTIVE, false), saved);
        assertEquals("other-spotify", saved.shownName());
        assertEquals(1, accounts.count());
    }

    @Test
    void updateTokensKeepsTheRefreshTokenAndScopesWhenNoneCome() {
        ChatUser user = discord("100");
        long id = accounts.save(newLink(user, "access-1", "refresh-1"), NOW).id();
        Instant expiry = NOW.plus(Duration.ofHours(2));

        assertTrue(accounts.updateTokens(id, NOW, "access-2", null, expiry, null));
        LinkedAccount after = accounts.findById(id).orElseThrow();
        assertEquals("access-2", after.accessToken());
        assertEquals("refresh-1", after.refreshToken());
        assertEquals(expiry, after.expiresAt());
        assertEquals("user-read-currently-playing user-read-recently-played", after.scopes());

        assertTrue(accounts.updateTokens(id, NOW, "access-3", "refresh-3", expiry, "user-read-private"));
        after = accounts.findById(id).orElseThrow();
        assertEquals("access-3", after.accessToken());
        assertEquals("refresh-3", after.refreshToken());
        assertEquals("user-read-private", after.scopes());
    }

    @Test
    void updateTokensOfADeletedAccountDoesNothing() {
        ChatUser user = discord("100");
        long id = accounts.save(newLink(user, "a", "r"), NOW).id();
        assertTrue(accounts.delete(user));
        assertFalse(accounts.updateTokens(id, NOW, "a2", "r2", NOW, null));
        assertEquals(0, accounts.count());
        // a new account never reuses the deleted id, so a late refresh cannot land in someone else's row
        assertTrue(accounts.save(newLink(discord("200"), "a", "r"), NOW).id() > id);
    }

    @Test
    void aRefreshThatEndsAfterARelinkLeavesTheNewLinkAlone() {
        ChatUser user = discord("100");
        long id = accounts.save(newLink(user, "old-access", "old-refresh"), NOW).id();
        Instant later = NOW.plus(Duration.ofMinutes(1));
        accounts.save(new NewLink(user, "spotify-100", "Name 100", "own-app", "new-access", "new-refresh",
                later.plus(Duration.ofHours(1)), "scope"), later);

        // the refresh started for the link consented to at NOW; the row now holds the one from `later`
        assertFalse(accounts.updateTokens(id, NOW, "old-app-access", "old-app-refresh", later, null));
        assertFalse(accounts.markNeedsRelink(id, NOW));

        LinkedAccount current = accounts.findById(id).orElseThrow();
        assertEquals("own-app", current.clientId());
        assertEquals("new-access", current.accessToken());
        assertEquals("new-refresh", current.refreshToken());
        assertEquals(AccountStatus.ACTIVE, current.status());
        assertTrue(accounts.updateTokens(id, later, "own-app-access", null, later.plus(Duration.ofHours(1)), null));
        assertEquals("own-app-access", accounts.findById(id).orElseThrow().accessToken());
    }

    @Test
    void sharingDeleteAndCounting() {
        ChatUser a = discord("1");
        ChatUser b = discord("2");
        accounts.save(newLink(a, "a", "r"), NOW);
        long bId = accounts.save(newLink(b, "a", "r"), NOW).id();
        accounts.save(new NewLink(discord("3"), "s3", "n", "client-2", "a", "r", NOW, "s"), NOW);
        accounts.markNeedsRelink(bId, NOW);

        accounts.setSharing(a, false);
        assertFalse(accounts.find(a).orElseThrow().sharingEnabled());
        accounts.setSharing(a, true);
        assertTrue(accounts.find(a).orElseThrow().sharingEnabled());
        accounts.setSharing(discord("nobody"), false); // no account: no-op

        assertEquals(2, accounts.countByClientId("client-1"));
        assertEquals(1, accounts.countByClientId("client-2"));
        assertEquals(0, accounts.countByClientId("client-9"));

        assertTrue(accounts.delete(a));
        assertFalse(accounts.delete(a));
        assertEquals(1, accounts.countByClientId("client-1"));
        assertEquals(2, accounts.findAll().size());
    }

    @Test
    void aTokenCopiedIntoAnotherRowOrColumnDoesNotDecrypt() {
        accounts.save(newLink(discord("1"), "victim-access", "victim-refresh"), NOW);
        accounts.save(newLink(discord("2"), "attacker-access", "attacker-refresh"), NOW);
        db.inTransaction(c -> c.createStatement().executeUpdate("UPDATE linked_accounts SET access_token_enc ="
                + " (SELECT access_token_enc FROM linked_accounts WHERE chat_user_id = '1') WHERE chat_user_id = '2'"));
        StoreException e = assertThrows(StoreException.class, () -> accounts.find(discord("2")));
        assertFalse(e.getMessage().contains("victim-access"));

        db.inTransaction(c -> c.createStatement().executeUpdate("UPDATE linked_accounts"
                + " SET refresh_token_enc = access_token_enc WHERE chat_user_id = '1'"));
        assertThrows(StoreException.class, () -> accounts.find(discord("1")));
    }

    @Test
    void toStringMasksTokens() {
        LinkedAccount saved = accounts.save(newLink(discord("1"), "access-secret", "refresh-secret"), NOW);
        assertFalse(saved.toString().contains("secret"));
    }

    private long updatedAt(long id) {
        return db.withConnection(c -> Long.parseLong(
                DatabaseTest.query(c, "SELECT updated_at FROM linked_accounts WHERE id = " + id)));
    }
}
