package dev.spotlink.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlink.config.DatabaseConfig;
import dev.spotlink.domain.ChatUser;
import dev.spotlink.domain.LinkedAccount;
import dev.spotlink.domain.Platform;
import dev.spotlink.store.BotStateRepository;
import dev.spotlink.store.ClaimResult;
import dev.spotlink.store.Database;
import dev.spotlink.store.LinkedAccountRepository;
import dev.spotlink.store.NewLink;
import dev.spotlink.store.PendingLink;
import dev.spotlink.store.PendingLinkRepository;
import dev.spotlink.store.TokenCipher;
import dev.spotlink.testing.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code migrate-to}: an SQLite database with accounts copied into an empty (real) PostgreSQL database. */
class MigrateToCommandTest {

    private static final String PASSWORD_VARIABLE = "SPOTLINK_TEST_PG_PASSWORD";
    private static final ChatUser ALICE = new ChatUser(Platform.DISCORD, "alice");
    private static final ChatUser BOB = new ChatUser(Platform.TELEGRAM, "42");

    @TempDir
    Path dir;

    private final String run = UUID.randomUUID().toString().replace("-", "");
    private final List<String> secrets = new ArrayList<>();
    private Path configFile;
    private Path keyFile;
    private DatabaseConfig target;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void sqliteDatabaseWithAccounts() throws Exception {
        keyFile = dir.resolve("spotlink.key");
        String url = "jdbc:sqlite:" + dir.resolve("spotlink.db");
        Instant now = Instant.now();
        try (Database db = Database.open(url)) {
            TokenCipher cipher = TokenCipher.openFor(db, keyFile);
            LinkedAccountRepository accounts = new LinkedAccountRepository(db, cipher);
            accounts.save(link(ALICE, "1"), now);
            accounts.save(link(BOB, "2"), now);
            accounts.save(link(new ChatUser(Platform.DISCORD, "gone"), "3"), now);
            accounts.delete(new ChatUser(Platform.DISCORD, "gone")); // its id (3) must never come back
            accounts.setSharing(BOB, false);
            PendingLinkRepository pending = new PendingLinkRepository(db, cipher);
            pending.insert(new PendingLink("live-hash", ALICE, secret("verifier-live"), "client", "ru", now,
                    now.plus(Duration.ofMinutes(10))));
            pending.insert(new PendingLink("old-hash", ALICE, secret("verifier-old"), "client", "en",
                    now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1))));
            new BotStateRepository(db).put("discord.commands.hash", "abc123");
        }
        configFile = dir.resolve("config.properties");
        Files.writeString(configFile, String.join("\n",
                "spotify.client-id=client",
                "spotify.client-secret=secret-value",
                "spotify.redirect-uri=http://127.0.0.1:8080/callback",
                "database.url=" + url,
                "security.key-file=" + keyFile, ""));
        target = TestDatabases.emptyPostgres(); // migrate-to creates the tables
    }

    @Test
    void copiesAccountsStateAndLiveLinksKeepingTokensEncrypted() throws Exception {
        assertEquals(0, migrate(), err());

        assertTrue(out().contains("Linked accounts:  2"), out());
        assertTrue(out().contains("Pending /link:    1"), out());
        assertTrue(out().contains("Bot state:        2 entries"), out()); // the key check marker and the hash
        try (Database db = Database.open(target)) {
            TokenCipher cipher = TokenCipher.openFor(db, keyFile); // the copied key check accepts the same key
            LinkedAccountRepository accounts = new LinkedAccountRepository(db, cipher);
            LinkedAccount alice = accounts.find(ALICE).orElseThrow();
            assertEquals(secret("access-1"), alice.accessToken());
            assertEquals(secret("refresh-1"), alice.refreshToken());
            assertFalse(accounts.find(BOB).orElseThrow().sharingEnabled());
            assertEquals(Optional.of("abc123"), new BotStateRepository(db).get("discord.commands.hash"));
            PendingLinkRepository pending = new PendingLinkRepository(db, cipher);
            ClaimResult.Claimed claimed = assertInstanceOf(ClaimResult.Claimed.class,
                    pending.claim("live-hash", Instant.now()));
            assertEquals(secret("verifier-live"), claimed.link().codeVerifier());
            assertFalse(pending.exists("old-hash"), "expired links stay behind");
            long next = accounts.save(link(new ChatUser(Platform.DISCORD, "carol"), "4"), Instant.now()).id();
            assertTrue(next > 3, "a new account never reuses an id SQLite handed out: " + next);
        }
        String everything = dumpTarget();
        for (String secret : secrets) {
            assertFalse(everything.contains(secret), secret + " in plaintext in the target");
            assertFalse(everything.contains(HexFormat.of().formatHex(secret.getBytes(StandardCharsets.UTF_8))),
                    secret + " as plaintext bytes in the target");
        }
    }

    @Test
    void aSecondRunRefusesTheNonEmptyTargetAndChangesNothing() throws Exception {
        assertEquals(0, migrate(), err());
        out.reset();

        assertEquals(ExitCodes.STARTUP, migrate());

        assertTrue(err().contains("is not empty") && err().contains("linked_accounts (2 rows)"), err());
        try (Database db = Database.open(target)) {
            assertEquals(2, new LinkedAccountRepository(db, TokenCipher.openFor(db, keyFile)).count());
        }
    }

    @Test
    void refusesWhileTheBotUsesTheSqliteFile() {
        try (Database running = Database.open("jdbc:sqlite:" + dir.resolve("spotlink.db"))) {
            assertEquals(ExitCodes.STARTUP, migrate());
        }
        assertTrue(err().contains("is in use"), err());
    }

    @Test
    void refusesAPasswordOnTheCommandLineAndBadArguments() {
        assertEquals(ExitCodes.CONFIG, MigrateToCommand.run(new String[] {target.url(), "--password", "pw"},
                Map.of(), print(out), print(err)));
        assertTrue(err().contains("--password-env"), err());
        assertFalse(err().contains("pw\n"), err());
        for (String[] args : List.of(new String[] {}, new String[] {"jdbc:sqlite:x.db"},
                new String[] {target.url(), "--password-env", "NOT_SET_ANYWHERE_" + run},
                new String[] {target.url(), "--user"})) {
            err.reset();
            assertEquals(ExitCodes.CONFIG, MigrateToCommand.run(args, Map.of(), print(out), print(err)),
                    String.join(" ", args));
            assertTrue(err().contains("Usage:"), err());
        }
    }

    private int migrate() {
        String[] args = {target.url(), "--user", "postgres", "--password-env", PASSWORD_VARIABLE,
                "--config", configFile.toString()};
        return MigrateToCommand.run(args, Map.of(PASSWORD_VARIABLE, "any-password"), print(out), print(err));
    }

    private String dumpTarget() throws Exception {
        StringBuilder all = new StringBuilder();
        try (Connection c = TestDatabases.connect(target); Statement s = c.createStatement()) {
            for (String table : List.of("linked_accounts", "pending_links", "bot_state")) {
                try (ResultSet rs = s.executeQuery("SELECT t::text FROM " + table + " t")) {
                    while (rs.next()) {
                        all.append(rs.getString(1)).append('\n');
                    }
                }
            }
        }
        assertTrue(all.toString().contains("abc123"), "the dump sees the copied rows");
        return all.toString();
    }

    private NewLink link(ChatUser user, String n) {
        return new NewLink(user, "spotify-" + n, "Name " + n, "client", secret("access-" + n),
                secret("refresh-" + n), Instant.now().plus(Duration.ofHours(1)), "scope");
    }

    private String secret(String name) {
        String value = name + "-" + run;
        if (!secrets.contains(value)) {
            secrets.add(value);
        }
        return value;
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
