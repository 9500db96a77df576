package dev.spotlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlink.config.DatabaseConfig;
import dev.spotlink.config.ServerConfig;
import dev.spotlink.config.SpotlinkConfig;
import dev.spotlink.domain.AccountStatus;
import dev.spotlink.domain.ChatUser;
import dev.spotlink.domain.LinkedAccount;
import dev.spotlink.domain.Platform;
import dev.spotlink.testing.FakeSpotify;
import dev.spotlink.testing.TestConfigs;
import dev.spotlink.testing.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Spotlink instances on one PostgreSQL database, as two processes behind a proxy would run. They are two
 * fully independent {@link Application}s in this JVM (own connection pool, token manager, callback server and
 * Spotify clients; nothing shared but the database and the key file), not two OS processes: the database is
 * the only thing they could share either way.
 */
class TwoProcessesOnePostgresTest {

    private static final ChatUser ALICE = new ChatUser(Platform.DISCORD, "alice-chat-id");

    @TempDir
    Path dir;

    private FakeSpotify spotify;
    private DatabaseConfig database;
    private Application a;
    private Application b;

    @BeforeEach
    void startTwoProcesses() {
        spotify = FakeSpotify.start();
        spotify.addUser("alice", "Alice");
        database = TestDatabases.freshPostgres();
        // one public redirect URI (the proxy's), each process on its own port behind it
        SpotlinkConfig shared = TestConfigs.config(spotify, dir);
        a = Application.start(process(shared, database, shared.server().port()), Clock.systemUTC());
        b = Application.start(process(shared, database, TestConfigs.freePort()), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        b.close();
        a.close();
        spotify.close();
    }

    @Test
    void aCallbackReachingProcessBCompletesTheLinkProcessAIssued() throws Exception {
        LinkedAccount account = link();

        assertEquals("Alice", account.displayName());
        assertEquals(Optional.of(account.id()), b.core().accounts().find(ALICE).map(LinkedAccount::id));
        assertEquals(1, spotify.tokenRequests("authorization_code"));
    }

    @Test
    void twoProcessesRefreshingOneAccountAtOnceSendOneRefreshRequest() throws Exception {
        spotify.setRotateRefreshTokens(true); // a second refresh with the old token would now kill the link
        LinkedAccount account = link();
        a.core().accounts().updateTokens(account.id(), account.linkedAt(), account.accessToken(), null,
                Instant.now().minus(Duration.ofMinutes(5)), null);
        spotify.setLatency(Duration.ofMillis(1500)); // the first refresh is still in flight when the second asks

        AtomicInteger mostWaiting = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        Future<?> watcher = pool.submit(() -> {
            watchLockWaiters(running, mostWaiting);
            return null;
        });
        CountDownLatch start = new CountDownLatch(1);
        Future<String> viaA = pool.submit(() -> {
            start.await();
            return a.core().tokens().call(account, token -> token);
        });
        Future<String> viaB = pool.submit(() -> {
            start.await();
            return b.core().tokens().call(account, token -> token);
        });
        start.countDown();
        String tokenA = viaA.get(30, TimeUnit.SECONDS);
        String tokenB = viaB.get(30, TimeUnit.SECONDS);
        running.set(false);
        watcher.get(10, TimeUnit.SECONDS);
        pool.shutdown();

        assertEquals(1, spotify.tokenRequests("refresh_token"));
        assertEquals(tokenA, tokenB, "the second process uses the token the first one stored");
        assertNotEquals(account.accessToken(), tokenA, "a new token");
        assertTrue(mostWaiting.get() >= 1, "one process waited on the other's refresh lock");
        LinkedAccount stored = b.core().accounts().findById(account.id()).orElseThrow();
        assertEquals(AccountStatus.ACTIVE, stored.status());
        assertEquals(tokenA, stored.accessToken());
    }

    /** Links Alice: process A issues the link, the browser's callback lands on process B. */
    private LinkedAccount link() throws Exception {
        URI authorize = a.core().links().startLink(ALICE, Locale.ENGLISH);
        URI callback = spotify.consent(authorize, "alice");
        URI viaB = URI.create("http://127.0.0.1:" + b.port() + callback.getRawPath() + "?" + callback.getRawQuery());
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(viaB).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode(), page.body());
        return a.core().accounts().find(ALICE).orElseThrow();
    }

    /** Counts advisory locks some session waits for (the refresh lock), until told to stop. */
    private void watchLockWaiters(AtomicBoolean running, AtomicInteger most) throws Exception {
        try (Connection c = TestDatabases.connect(database);
             Statement s = c.createStatement()) {
            while (running.get()) {
                try (ResultSet rs = s.executeQuery(
                        "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")) {
                    rs.next();
                    most.accumulateAndGet(rs.getInt(1), Math::max);
                }
                Thread.sleep(10);
            }
        }
    }

    private static SpotlinkConfig process(SpotlinkConfig c, DatabaseConfig database, int port) {
        return new SpotlinkConfig(c.source(), c.spotify(), new ServerConfig("127.0.0.1", port), database,
                c.security(), c.link(), c.discord(), c.telegram(), c.cache(), c.command());
    }
}
