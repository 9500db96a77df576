package dev.spotlink.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlink.domain.ChatUser;
import dev.spotlink.domain.LinkedAccount;
import dev.spotlink.domain.Platform;
import dev.spotlink.testing.BotProcess;
import dev.spotlink.testing.FakeSpotify;
import dev.spotlink.testing.PendingLinks;
import dev.spotlink.testing.StoreAccess;
import dev.spotlink.testing.TestConfigs;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bot as its own process, killed in the middle of a burst of link completions. SIGKILL: every completion a
 * user saw confirmed is in the database, the file passes {@code integrity_check}, and the links not completed
 * still work after a restart. SIGTERM: in-flight completions finish, the process exits promptly, and the database
 * is closed cleanly (WAL checkpointed away).
 */
class CrashRecoveryTest {

    private static final int WORKERS = 16;

    @TempDir
    Path dir;

    private FakeSpotify spotify;
    private int port;
    private Path config;
    private final List<BotProcess> bots = new ArrayList<>();
    private final HttpClient browser = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
            .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();

    /** One user's pending link and what happened when the browser came back with it. */
    private static final class Attempt {
        final ChatUser user;
        final String accountId;
        final URI redirect;
        volatile boolean sent;
        volatile int status = -1; // -1: no answer (refused, reset, or cut off by the kill)

        Attempt(ChatUser user, String accountId, URI redirect) {
            this.user = user;
            this.accountId = accountId;
            this.redirect = redirect;
        }
    }

    @BeforeEach
    void setUp() {
        spotify = FakeSpotify.start();
        port = TestConfigs.freePort();
        config = BotProcess.writeConfig(dir, spotify, port);
    }

    @AfterEach
    void tearDown() {
        bots.forEach(BotProcess::close);
        spotify.close();
    }

    @Test
    @Timeout(90)
    void sigkillDuringABurstLosesNoConfirmedLinkAndPendingLinksStillWork() throws Exception {
        List<Attempt> attempts = issueLinks(200);
        BotProcess bot = start();
        spotify.setLatency(Duration.ofMillis(15)); // each completion takes two Spotify round trips: ~30 ms

        AtomicBoolean killed = new AtomicBoolean();
        CountDownLatch confirmed = new CountDownLatch(60);
        List<Future<?>> burst = fire(attempts, killed, confirmed);
        assertTrue(confirmed.await(30, TimeUnit.SECONDS), "60 completions confirmed before the kill");
        bot.kill();
        killed.set(true);
        for (Future<?> f : burst) {
            f.get(30, TimeUnit.SECONDS);
        }
        spotify.setLatency(Duration.ZERO);

        List<Attempt> ok = attempts.stream().filter(a -> a.status == 200).toList();
        List<Attempt> unanswered = attempts.stream().filter(a -> a.status != 200).toList();
        assertTrue(ok.size() >= 60 && !unanswered.isEmpty(), "killed mid-burst: " + ok.size() + " confirmed");
        try (StoreAccess store = StoreAccess.open(dir)) {
            assertEquals("ok", store.integrityCheck());
            for (Attempt a : ok) {
                assertLinked(store, a);
            }
        }

        start();
        Map<Attempt, Boolean> sentBeforeTheKill = new HashMap<>();
        unanswered.forEach(a -> sentBeforeTheKill.put(a, a.sent));
        for (Future<?> f : fire(unanswered, new AtomicBoolean(), new CountDownLatch(0))) {
            f.get(30, TimeUnit.SECONDS);
        }
        int usedByTheCrash = 0;
        for (Attempt a : unanswered) {
            if (a.status == 400 && !sentBeforeTheKill.get(a)) {
                throw new AssertionError("a link never sent before the kill was lost: " + a.user);
            }
            usedByTheCrash += a.status == 400 ? 1 : 0;
            assertTrue(a.status == 200 || a.status == 400, a.user + " got " + a.status);
        }
        assertTrue(usedByTheCrash <= WORKERS, "only completions in flight at the kill can have used their link: "
                + usedByTheCrash);
        try (StoreAccess store = StoreAccess.open(dir)) {
            assertEquals("ok", store.integrityCheck());
            for (Attempt a : attempts) {
                if (a.status == 200) {
                    assertLinked(store, a);
                }
            }
            assertTrue(store.accounts().count() >= attempts.size() - usedByTheCrash);
        }
    }

    @Test
    @Timeout(60)
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "Process.destroy() is not a SIGTERM there")
    void sigtermFinishesInFlightCompletionsAndClosesTheDatabaseCleanly() throws Exception {
        List<Attempt> attempts = issueLinks(40);
        BotProcess bot = start();
        spotify.setLatency(Duration.ofMillis(300));

        AtomicBoolean stopped = new AtomicBoolean();
        List<Future<?>> burst = fire(attempts, stopped, new CountDownLatch(0));
        awaitTokenRequests(5);
        long started = System.nanoTime();
        int exit = bot.terminate(Duration.ofSeconds(20));
        long stopMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        stopped.set(true);
        for (Future<?> f : burst) {
            f.get(30, TimeUnit.SECONDS);
        }

        assertTrue(Set.of(0, 143).contains(exit), "clean exit (143 = 128 + SIGTERM): " + exit + "\n" + bot.log());
        assertTrue(stopMillis < 15_000, "prompt: " + stopMillis + " ms");
        assertTrue(bot.log().contains("Closed database"), bot.log());
        Path wal = dir.resolve("spotlink.db-wal");
        assertTrue(Files.notExists(wal) || Files.size(wal) == 0, "WAL checkpointed into the database file");
        try (StoreAccess store = StoreAccess.open(dir)) {
            assertEquals("ok", store.integrityCheck());
            int exchanged = spotify.tokenRequests("authorization_code");
            assertEquals(exchanged, store.accounts().count(),
                    "every code exchanged before the stop ended as a saved link: none was cut off half-way");
            for (Attempt a : attempts) {
                if (a.status == 200) {
                    assertLinked(store, a);
                }
                assertTrue(a.status == 200 || a.status == 503 || a.status == -1, a.user + " got " + a.status);
            }
        }
    }

    private List<Attempt> issueLinks(int count) {
        List<Attempt> attempts = new ArrayList<>();
        try (StoreAccess store = StoreAccess.open(dir)) {
            for (int i = 0; i < count; i++) {
                ChatUser user = new ChatUser(Platform.TELEGRAM, "crash-" + i);
                String accountId = "crash-account-" + i;
                spotify.addUser(accountId, "Crash " + i);
                URI authorize = PendingLinks.issue(store.pending(), spotify, port, user);
                attempts.add(new Attempt(user, accountId, spotify.consent(authorize, accountId)));
            }
        }
        return attempts;
    }

    private BotProcess start() {
        BotProcess bot = BotProcess.start(config, port, dir.resolve("bot-" + bots.size() + ".log"));
        bots.add(bot);
        return bot.awaitHealthy();
    }

    /** Sends every redirect from {@link #WORKERS} threads until {@code stop}; counts 200s down on {@code ok}. */
    private List<Future<?>> fire(List<Attempt> attempts, AtomicBoolean stop, CountDownLatch ok) {
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        List<Future<?>> futures = new ArrayList<>();
        for (Attempt a : attempts) {
            futures.add(pool.submit(() -> {
                if (stop.get()) {
                    return;
                }
                a.sent = true;
                a.status = get(a.redirect);
                if (a.status == 200) {
                    ok.countDown();
                }
            }));
        }
        pool.shutdown();
        return futures;
    }

    private int get(URI uri) {
        try {
            return browser.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private void awaitTokenRequests(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (spotify.tokenRequests("authorization_code") < count) {
            assertTrue(System.nanoTime() < deadline, "completions reached Spotify");
            Thread.sleep(5);
        }
    }

    private static void assertLinked(StoreAccess store, Attempt a) {
        Optional<LinkedAccount> account = store.accounts().find(a.user);
        assertTrue(account.isPresent(), a.user + " was told it worked, so it must be stored");
        assertEquals(a.accountId, account.get().spotifyAccountId());
    }
}
