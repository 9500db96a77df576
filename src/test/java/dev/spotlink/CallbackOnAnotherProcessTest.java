package dev.spotlink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spotlink.config.DatabaseConfig;
import dev.spotlink.config.SpotlinkConfig;
import dev.spotlink.domain.ChatUser;
import dev.spotlink.domain.LinkedAccount;
import dev.spotlink.domain.Platform;
import dev.spotlink.testing.BotProcess;
import dev.spotlink.testing.FakeSpotify;
import dev.spotlink.testing.TestConfigs;
import dev.spotlink.testing.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The callback of a link issued by this JVM's bot lands on a second bot that is a real OS process (its own JVM)
 * on the same PostgreSQL database, as it does behind a proxy that spreads requests over processes.
 */
class CallbackOnAnotherProcessTest {

    private static final ChatUser ALICE = new ChatUser(Platform.TELEGRAM, "4242");

    @TempDir
    Path dir;

    @Test
    void aLinkIssuedHereCompletesThroughACallbackToAnotherProcess() throws Exception {
        DatabaseConfig database = TestDatabases.freshPostgres();
        try (FakeSpotify spotify = FakeSpotify.start()) {
            spotify.addUser("alice", "Alice");
            SpotlinkConfig base = TestConfigs.config(spotify, dir);
            SpotlinkConfig here = new SpotlinkConfig(base.source(), base.spotify(), base.server(), database,
                    base.security(), base.link(), base.discord(), base.telegram(), base.cache(), base.command());
            int otherPort = TestConfigs.freePort();
            Path otherConfig = otherProcessConfig(spotify, base.server().port(), otherPort, database);
            try (Application a = Application.start(here, Clock.systemUTC());
                 BotProcess b = BotProcess.start(otherConfig, otherPort, dir.resolve("b.log")).awaitHealthy()) {
                URI authorize = a.core().links().startLink(ALICE, Locale.ENGLISH);
                URI callback = spotify.consent(authorize, "alice");
                URI toB = URI.create("http://127.0.0.1:" + otherPort + callback.getRawPath() + "?"
                        + callback.getRawQuery());

                HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(toB).build(),
                        HttpResponse.BodyHandlers.ofString());

                assertEquals(200, page.statusCode(), page.body() + "\n" + b.log());
                LinkedAccount linked = a.core().accounts().find(ALICE).orElseThrow();
                assertEquals("Alice", linked.displayName());
                assertEquals(1, spotify.tokenRequests("authorization_code"));
            }
        }
    }

    /** The same settings as this JVM's bot (one public redirect URI, one key file), its own port. */
    private Path otherProcessConfig(FakeSpotify spotify, int publicPort, int ownPort, DatabaseConfig database)
            throws Exception {
        Path folder = Files.createDirectories(dir.resolve("b"));
        Path file = BotProcess.writeConfig(folder, spotify, publicPort);
        StringBuilder text = new StringBuilder();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.startsWith("server.port=")) {
                line = "server.port=" + ownPort;
            } else if (line.startsWith("database.url=")) {
                line = "database.url=" + database.url() + "\ndatabase.user=" + database.user().orElseThrow()
                        + "\ndatabase.pool-size=" + database.poolSize();
            } else if (line.startsWith("security.key-file=")) {
                line = "security.key-file=" + dir.resolve("spotlink.key").toAbsolutePath();
            }
            text.append(line).append('\n');
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }
}
