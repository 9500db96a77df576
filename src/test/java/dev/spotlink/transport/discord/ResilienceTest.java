package dev.spotlink.transport.discord;

import static dev.spotlink.testing.discord.DiscordRequest.CHANNEL_MESSAGE;
import static dev.spotlink.testing.discord.DiscordRequest.DEFERRED_CHANNEL_MESSAGE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlink.testing.discord.DiscordRequest;
import dev.spotlink.testing.discord.FakeDiscord.SentInteraction;
import dev.spotlink.testing.discord.FakeInteraction;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Slow commands, a full worker pool and a dropped gateway connection. */
class ResilienceTest {

    @TempDir
    Path dir;

    @Test
    void slowCommandIsDeferredPrivatelyInTimeThenAnswered() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (DiscordHarness h = new DiscordHarness(dir)) {
            h.start(h.registry(List.of(TestCommands.slow(started, release))), Optional.empty(),
                    new DiscordTransport.Limits(2, 2, Duration.ofMillis(200), Duration.ofSeconds(5)));
            SentInteraction sent = h.discord.dispatchInteraction(FakeInteraction.command("slow"));

            DiscordRequest deferral = h.discord.awaitAnswers(sent, 1, DiscordHarness.TIMEOUT).get(0);
            assertEquals(DEFERRED_CHANNEL_MESSAGE, deferral.callbackType());
            assertTrue(deferral.ephemeral(), "commands without Spotify answer privately, so they defer privately");
            assertTrue(started.await(5, TimeUnit.SECONDS));
            release.countDown();

            List<DiscordRequest> answers = h.discord.awaitAnswers(sent, 3, DiscordHarness.TIMEOUT);
            // the public answer cannot reuse a private deferral: the deferral goes, a public follow-up comes
            assertTrue(answers.get(1).is("DELETE", "webhooks/\\d+/[^/]+/messages/@original"), answers.toString());
            assertTrue(answers.get(2).is("POST", "webhooks/\\d+/[^/]+"));
            assertFalse(answers.get(2).ephemeral());
            assertEquals("finally", answers.get(2).embed().path("description").asText());
        } finally {
            release.countDown();
        }
    }

    @Test
    void fullPoolAnswersBusyAndKeepsServingTheOthers() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (DiscordHarness h = new DiscordHarness(dir)) {
            h.start(h.registry(List.of(TestCommands.slow(started, release), TestCommands.secret())),
                    Optional.empty(), new DiscordTransport.Limits(1, 1, Duration.ofSeconds(2), Duration.ofSeconds(5)));
            SentInteraction running = h.discord.dispatchInteraction(FakeInteraction.command("slow"));
            assertTrue(started.await(5, TimeUnit.SECONDS));
            SentInteraction queued = h.discord.dispatchInteraction(FakeInteraction.command("secret"));
            SentInteraction refused = h.discord.dispatchInteraction(FakeInteraction.command("secret").locale("ru"));

            DiscordRequest busy = h.discord.awaitAnswers(refused, 1, DiscordHarness.TIMEOUT).get(0);
            assertEquals(CHANNEL_MESSAGE, busy.callbackType());
            assertTrue(busy.ephemeral());
            assertEquals(h.messages.get(Locale.forLanguageTag("ru"), "discord.busy"),
                    busy.embed().path("description").asText());

            release.countDown();
            // the watchdog may have deferred them meanwhile: look for the answer itself
            h.discord.awaitRequest(r -> running.token().equals(r.interactionToken())
                    && "finally".equals(r.embed().path("description").asText()), DiscordHarness.TIMEOUT);
            h.discord.awaitRequest(r -> queued.token().equals(r.interactionToken())
                    && r.embed().path("description").asText().startsWith("only for"), DiscordHarness.TIMEOUT);
        } finally {
            release.countDown();
        }
    }

    @Test
    void droppedGatewayConnectionResumesAndTheNextCommandWorks() throws InterruptedException {
        try (DiscordHarness h = new DiscordHarness(dir)) {
            h.start(h.registry(List.of(TestCommands.secret())));
            assertEquals(1, h.discord.gatewayConnections());

            h.discord.dropConnection();
            SentInteraction afterDrop = h.discord.dispatchInteraction(FakeInteraction.command("secret"));

            DiscordRequest reply = h.discord.awaitAnswers(afterDrop, 1, Duration.ofSeconds(20)).get(0);
            assertTrue(reply.ephemeral());
            assertEquals(2, h.discord.gatewayConnections());
            assertEquals(1, h.discord.resumes(), "JDA resumed the session instead of identifying anew");
            assertEquals(1, h.discord.identifies());
            h.awaitHealth("CONNECTED");
        }
    }
}
