package dev.spotlink.store;

import dev.spotlink.config.DatabaseConfig;
import dev.spotlink.testing.TestDatabases;
import dev.spotlink.testing.TestDatabases.Engine;
import static dev.spotlink.store.StoreFixtures.NOW;
import static dev.spotlink.store.StoreFixtures.discord;
import static dev.spotlink.store.StoreFixtures.newLink;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class KeyCheckTest {

    @TempDir
    Path dir;

    @Parameter
    Engine engine;
    private DatabaseConfig config;

    @BeforeEach
    void newDatabase() {
        config = TestDatabases.config(engine, dir);
    }

    @Test
    void firstStartCreatesKeyAndLaterStartsAcceptIt() {
        Path key = dir.resolve("data/spotlink.key");
        try (Database db = Database.open(config)) {
            TokenCipher cipher = TokenCipher.openFor(db, key);
            assertTrue(Files.exists(key));
            assertTrue(new BotStateRepository(db).get(KeyCheck.STATE_KEY).isPresent());
            new LinkedAccountRepository(db, cipher).save(newLink(discord("1"), "acc", "ref"), NOW);
        }
        try (Database db = Database.open(config)) {
            TokenCipher cipher = TokenCipher.openFor(db, key);
            assertEquals("acc", new LinkedAccountRepository(db, cipher).find(discord("1")).orElseThrow().accessToken());
        }
    }

    @Test
    void anotherKeyFileIsRefusedNamingIt() {
        try (Database db = Database.open(config)) {
            TokenCipher cipher = TokenCipher.openFor(db, dir.resolve("a.key"));
            new LinkedAccountRepository(db, cipher).save(newLink(discord("1"), "acc", "ref"), NOW);
        }
        Path other = dir.resolve("b.key");
        TokenCipher.loadOrCreate(other); // a valid key, just not this database's
        try (Database db = Database.open(config)) {
            StoreException e = assertThrows(StoreException.class, () -> TokenCipher.openFor(db, other));
            assertTrue(e.getMessage().contains(other.toAbsolutePath().toString()), e.getMessage());
            assertTrue(e.getMessage().contains("wrong or replaced key file"), e.getMessage());
        }
    }

    @Test
    void anotherKeyIsRefusedEvenWithoutAccounts() {
        try (Database db = Database.open(config)) {
            TokenCipher.openFor(db, dir.resolve("a.key"));
            Path other = dir.resolve("b.key");
            TokenCipher.loadOrCreate(other);
            assertThrows(StoreException.class, () -> TokenCipher.openFor(db, other));
        }
    }

    @Test
    void accountsFromBeforeTheMarkerAreCheckedToo() {
        try (Database db = Database.open(config)) {
            TokenCipher a = TokenCipher.loadOrCreate(dir.resolve("a.key")); // no openFor: no marker stored
            new LinkedAccountRepository(db, a).save(newLink(discord("1"), "acc", "ref"), NOW);
            Path other = dir.resolve("b.key");
            TokenCipher.loadOrCreate(other);
            StoreException e = assertThrows(StoreException.class, () -> TokenCipher.openFor(db, other));
            assertTrue(e.getMessage().contains(other.toAbsolutePath().toString()), e.getMessage());
            assertFalse(new BotStateRepository(db).get(KeyCheck.STATE_KEY).isPresent());
            TokenCipher.openFor(db, dir.resolve("a.key")); // the right key passes and stores the marker
            assertTrue(new BotStateRepository(db).get(KeyCheck.STATE_KEY).isPresent());
        }
    }

    @Test
    void missingKeyFileWithLinkedAccountsIsAnErrorAndNoKeyIsCreated() throws Exception {
        Path key = dir.resolve("spotlink.key");
        try (Database db = Database.open(config)) {
            TokenCipher cipher = TokenCipher.openFor(db, key);
            new LinkedAccountRepository(db, cipher).save(newLink(discord("1"), "acc", "ref"), NOW);
        }
        Files.delete(key);
        try (Database db = Database.open(config)) {
            StoreException e = assertThrows(StoreException.class, () -> TokenCipher.openFor(db, key));
            assertTrue(e.getMessage().contains(key.toAbsolutePath().toString()), e.getMessage());
            assertTrue(e.getMessage().contains("missing") && e.getMessage().contains("1 linked account"),
                    e.getMessage());
            assertFalse(Files.exists(key), "the key must not be silently regenerated");
        }
    }

    @Test
    void missingKeyFileWithoutAccountsGetsANewKeyAndDropsPendingLinks() throws Exception {
        Path key = dir.resolve("spotlink.key");
        try (Database db = Database.open(config)) {
            TokenCipher cipher = TokenCipher.openFor(db, key);
            new PendingLinkRepository(db, cipher).insert(
                    StoreFixtures.pendingLink("h1", discord("1"), "verifier", NOW.plus(Duration.ofMinutes(10))));
            Files.delete(key);
            TokenCipher fresh = TokenCipher.openFor(db, key);
            assertTrue(Files.exists(key));
            assertInstanceOf(ClaimResult.Unknown.class, new PendingLinkRepository(db, fresh).claim("h1", NOW));
            TokenCipher.openFor(db, key); // the marker now matches the new key
        }
    }
}
