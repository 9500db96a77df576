package dev.spotlink.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlink.domain.ChatUser;
import dev.spotlink.domain.Platform;
import dev.spotlink.store.NewLink;
import dev.spotlink.testing.BotProcess;
import dev.spotlink.testing.FakeSpotify;
import dev.spotlink.testing.PendingLinks;
import dev.spotlink.testing.StoreAccess;
import dev.spotlink.testing.TestConfigs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java ... dev.spotlink.Main rotate-key} as an admin runs it: with the bot stopped it re-encrypts and says
 * what it did, and the bot then starts on the new key and completes a link issued before the rotation; with the
 * bot running it refuses and changes nothing.
 */
class RotateKeyCommandTest {

    private static final ChatUser ALICE = new ChatUser(Platform.TELEGRAM, "42");

    @TempDir
    Path dir;

    private FakeSpotify spotify;
    private int port;
    private Path config;

    @BeforeEach
    void setUp() {
        spotify = FakeSpotify.start();
        spotify.addUser("alice-account", "Alice");
        spotify.addUser("bob-account", "Bob");
        port = TestConfigs.freePort();
        config = BotProcess.writeConfig(dir, spotify, port);
    }

    @AfterEach
    void tearDown() {
        spotify.close();
    }

    @Test
    @Timeout(60)
    void rotatesWhileTheBotIsStoppedAndTheBotCarriesOnWithTheNewKey() throws Exception {
        URI pendingAuthorize;
        try (StoreAccess store = StoreAccess.open(dir)) {
            FakeSpotify.Tokens tokens = spotify.issueTokens("alice-account", TestConfigs.CLIENT_ID, "");
            store.accounts().save(new NewLink(ALICE, "alice-account", "Alice", TestConfigs.CLIENT_ID,
                    tokens.accessToken(), tokens.refreshToken(), tokens.expiresAt(), null), Instant.now());
            pendingAuthorize = PendingLinks.issue(store.pending(), spotify, port,
                    new ChatUser(Platform.TELEGRAM, "43"));
        }
        byte[] oldKey = Files.readAllBytes(dir.resolve("spotlink.key"));

        BotProcess rotation = BotProcess.run(config, dir.resolve("rotate.log"), Duration.ofSeconds(30), "rotate-key");
        String out = rotation.log();
        assertEquals(0, rotation.awaitExit(Duration.ofSeconds(1)), out);
        assertTrue(out.contains("Rotated the token encryption key"), out);
        assertTrue(out.contains("1 linked account(s)") && out.contains("1 pending /link request(s)"), out);
        assertTrue(out.contains("spotlink.key.bak-"), out);
        assertFalse(java.util.Arrays.equals(oldKey, Files.readAllBytes(dir.resolve("spotlink.key"))));

        try (BotProcess bot = BotProcess.start(config, port, dir.resolve("bot.log")).awaitHealthy()) {
            URI redirect = spotify.consent(pendingAuthorize, "bob-account");
            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(redirect).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode(), "a verifier stored before the rotation still works: " + bot.log());
            try (StoreAccess store = StoreAccess.open(dir)) {
                assertEquals("alice-account", store.accounts().find(ALICE).orElseThrow().spotifyAccountId());
            }
        }
    }

    @Test
    @Timeout(60)
    void refusesWhileTheBotRunsAndChangesNothing() throws Exception {
        try (BotProcess bot = BotProcess.start(config, port, dir.resolve("bot.log")).awaitHealthy()) {
            byte[] key = Files.readAllBytes(dir.resolve("spotlink.key"));
            BotProcess rotation = BotProcess.run(config, dir.resolve("rotate.log"), Duration.ofSeconds(30),
                    "rotate-key");
            String out = rotation.log();
            assertEquals(1, rotation.awaitExit(Duration.ofSeconds(1)), out);
            assertTrue(out.contains("is in use") && out.contains("stop the bot"), out);
            assertArrayEquals(key, Files.readAllBytes(dir.resolve("spotlink.key")));
            try (var files = Files.list(dir)) {
                assertTrue(files.noneMatch(f -> f.getFileName().toString().contains(".bak-")), "no backup made");
            }
            assertTrue(bot.isAlive());
        }
    }
}
