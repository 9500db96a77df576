package dev.spotlink.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlink.testing.ConsoleHarness;
import dev.spotlink.transport.console.ConsoleTransport;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shutdown of the callback server: a callback in progress (state claimed, code being exchanged) finishes and is
 * saved; callbacks arriving after the drain started are turned away with 503 and keep their state for a reload.
 */
class CallbackDrainTest {

    @TempDir
    Path dataDir;

    private ConsoleHarness bot;

    @BeforeEach
    void start() {
        bot = new ConsoleHarness(dataDir);
        bot.spotify.addUser("alice-account", "Alice");
    }

    @AfterEach
    void stop() {
        bot.close();
    }

    @Test
    @Timeout(30)
    void aCallbackInProgressFinishesBeforeTheServerStops() throws Exception {
        URI redirect = bot.spotify.consent(bot.link(), "alice-account");
        bot.spotify.setLatency(Duration.ofMillis(700));
        CompletableFuture<Integer> inFlight = CompletableFuture.supplyAsync(() -> bot.get(redirect).status());
        awaitTokenRequest();

        long started = System.nanoTime();
        bot.app().drainCallbacks();
        long drainMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertTrue(bot.app().core().accounts().find(ConsoleTransport.LOCAL_USER).isPresent(),
                "drain returned only after the callback in progress had saved the account");
        assertTrue(drainMillis >= 300, "it waited for the slow exchange: " + drainMillis + " ms");
        assertEquals(200, inFlight.get(10, TimeUnit.SECONDS), "and the user was told it worked");
    }

    @Test
    void callbacksAfterTheDrainAre503AndTheirLinkStillWorksAfterARestart() {
        URI redirect = bot.spotify.consent(bot.link(), "alice-account");
        bot.app().drainCallbacks();

        ConsoleHarness.Page turnedAway = bot.get(redirect);
        assertEquals(503, turnedAway.status(), turnedAway.body());
        assertEquals("30", turnedAway.header("Retry-After"));
        assertTrue(turnedAway.body().contains("your link still works"), turnedAway.body());
        assertEquals(0, bot.spotify.tokenRequests(), "the code was not used");

        bot.stopApp();
        bot.startApp();
        assertEquals(200, bot.get(redirect).status(), "the reload after the restart links");
    }

    private void awaitTokenRequest() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (bot.spotify.tokenRequests() == 0) {
            assertTrue(System.nanoTime() < deadline, "the callback reached Spotify");
            Thread.sleep(5);
        }
    }
}
