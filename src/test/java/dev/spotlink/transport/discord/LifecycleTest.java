package dev.spotlink.transport.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import dev.spotlink.command.Reply;
import dev.spotlink.config.DiscordConfig;
import dev.spotlink.config.Secret;
import dev.spotlink.domain.ChatUser;
import dev.spotlink.domain.Platform;
import dev.spotlink.store.BotStateRepository;
import dev.spotlink.testing.TestConfigs;
import dev.spotlink.testing.discord.DiscordRequest;
import dev.spotlink.testing.discord.FakeDiscord;
import dev.spotlink.testing.discord.FakeInteraction;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start and stop, health, DM notifications, and the bot token kept out of every log line. */
class LifecycleTest {

    private static final String USER = "600000000000000001";
    private static final String SECRET_PART = "discord-bot-token-SECRET";

    @TempDir
    Path dir;

    @Test
    void tokenNeverReachesTheLogEvenAtTrace() {
        List<String> lines;
        try (LogCapture log = new LogCapture(Level.TRACE)) {
            DiscordHarness h = new DiscordHarness(dir);
            try {
                h.start(h.registry(List.of(TestCommands.secret(), TestCommands.boom(false))));
                h.discord.awaitAnswers(h.discord.dispatchInteraction(FakeInteraction.command("boom")), 1,
                        DiscordHarness.TIMEOUT);
                h.discord.dropConnection(); // the RESUME payload carries the token too
                h.discord.awaitAnswers(h.discord.dispatchInteraction(FakeInteraction.command("secret")), 1,
                        DiscordHarness.TIMEOUT);
                assertEquals(1, h.discord.resumes());
            } finally {
                h.close(); // inside the capture: shutdown logs count too
            }
            lines = log.lines();
        }
        assertTrue(lines.size() > 50, "TRACE logging was on: " + lines.size());
        assertTrue(lines.stream().anyMatch(l -> l.contains("RESUME") || l.contains("resume")), "resume logged");
        assertEquals(List.of(), lines.stream().filter(l -> l.contains(FakeDiscord.DEFAULT_TOKEN)
                || l.contains(SECRET_PART)).toList());
    }

    @Test
    void rejectedTokenFailsStartWithoutRevealingIt() {
        try (DiscordHarness h = new DiscordHarness(dir, FakeDiscord.start("the-token-discord-accepts"))) {
            DiscordConfig wrong = new DiscordConfig(new Secret("wrong-" + SECRET_PART), h.discord.apiUrl(),
                    h.discord.gatewayUrl(), Optional.empty());
            DiscordTransport transport = new DiscordTransport(wrong, h.registry(List.of()), h.messages, h.notifiers,
                    h.health, new BotStateRepository(h.database), DiscordTransport.Limits.DEFAULT);
            IllegalStateException e = assertThrows(IllegalStateException.class, transport::start);
            assertTrue(e.getMessage().contains("discord.token"), e.getMessage());
            assertFalse(String.valueOf(e).contains(SECRET_PART));
            assertFalse(String.valueOf(e.getCause()).contains(SECRET_PART));
            transport.close();
        }
    }

    @Test
    void unreachableDiscordFailsStartQuickly() {
        try (DiscordHarness h = new DiscordHarness(dir)) {
            String nowhere = "http://127.0.0.1:" + TestConfigs.freePort() + "/api/v10/";
            DiscordConfig config = new DiscordConfig(new Secret(h.discord.token()), nowhere, h.discord.gatewayUrl(),
                    Optional.empty());
            DiscordTransport transport = new DiscordTransport(config, h.registry(List.of()), h.messages, h.notifiers,
                    h.health, new BotStateRepository(h.database), DiscordTransport.Limits.DEFAULT);
            IllegalStateException e = assertThrows(IllegalStateException.class, transport::start);
            assertTrue(e.getMessage().contains(nowhere), e.getMessage());
            assertFalse(String.valueOf(e).contains(SECRET_PART), String.valueOf(e));
            assertEquals(null, h.discordHealth(), "a transport that did not start reports nothing");
        }
    }

    @Test
    void healthFollowsTheConnection() throws InterruptedException {
        try (DiscordHarness h = new DiscordHarness(dir)) {
            DiscordTransport transport = h.start(h.registry(List.of(TestCommands.secret())));
            h.awaitHealth("CONNECTED");
            transport.close();
            assertEquals("STOPPED", h.discordHealth());
        }
    }

    @Test
    void notificationArrivesAsADirectMessage() {
        try (DiscordHarness h = new DiscordHarness(dir)) {
            h.start(h.registry(List.of(TestCommands.secret())));
            h.notifiers.notify(new ChatUser(Platform.DISCORD, USER), Reply.text("Linked as Alice on Spotify."));

            DiscordRequest open = h.discord.awaitRequest(r -> r.is("POST", "users/@me/channels"),
                    DiscordHarness.TIMEOUT);
            assertEquals(USER, open.json().path("recipient_id").asText());
            DiscordRequest message = h.discord.awaitRequest(r -> r.is("POST", "channels/\\d+/messages"),
                    DiscordHarness.TIMEOUT);
            assertEquals("Linked as Alice on Spotify.", message.embed().path("description").asText());
        }
    }

    @Test
    void closedDirectMessagesAreLoggedAtInfoAndDropped() throws InterruptedException {
        try (LogCapture log = new LogCapture(Level.INFO); DiscordHarness h = new DiscordHarness(dir)) {
            h.start(h.registry(List.of(TestCommands.secret())));
            h.discord.setDmsClosed(USER, true);

            h.notifiers.notify(new ChatUser(Platform.DISCORD, USER), Reply.text("Linked as Alice on Spotify."));
            h.notifiers.notify(new ChatUser(Platform.DISCORD, "not-a-snowflake"), Reply.text("x"));

            h.discord.awaitRequest(r -> r.is("POST", "channels/\\d+/messages"), DiscordHarness.TIMEOUT);
            String line = log.await(l -> l.contains("does not accept direct messages"), Duration.ofSeconds(5));
            assertTrue(line.startsWith("INFO"), line);
            assertEquals(List.of(), log.lines().stream()
                    .filter(l -> l.startsWith("ERROR") || l.startsWith("WARN") && l.contains("DirectMessage"))
                    .filter(l -> !l.contains("Not a Discord user id")).toList());
        }
    }
}
