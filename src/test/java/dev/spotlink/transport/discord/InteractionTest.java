package dev.spotlink.transport.discord;

import static dev.spotlink.testing.discord.DiscordRequest.CHANNEL_MESSAGE;
import static dev.spotlink.testing.discord.DiscordRequest.DEFERRED_CHANNEL_MESSAGE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spotlink.command.Reply;
import dev.spotlink.testing.discord.DiscordRequest;
import dev.spotlink.testing.discord.FakeDiscord.SentInteraction;
import dev.spotlink.testing.discord.FakeInteraction;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Real JDA against the fake Discord: what the bot sends back for each kind of answer, in a server and a DM. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InteractionTest {

    private static final String LONG_URL = "https://example.org/authorize?" + "x".repeat(600);
    private static final String URL_400 = "https://example.org/authorize?" + "y".repeat(370);

    private DiscordHarness h;

    @BeforeAll
    void startBot(@TempDir Path dir) {
        h = new DiscordHarness(dir);
        h.start(h.registry(List.of(
                TestCommands.secret(),
                TestCommands.card(),
                TestCommands.echo(),
                TestCommands.boom(false),
                TestCommands.simple(new dev.spotlink.command.CommandSpec("boomspotify", "command.help.description",
                        List.of(), true), (ctx, args) -> {
                            throw new IllegalStateException("boom while calling Spotify");
                        }),
                TestCommands.fixed("twice", false, Reply.text("first"), Reply.text("second")),
                TestCommands.fixed("oops", false, Reply.error("that went wrong")),
                TestCommands.fixed("links", false, Reply.builder().body("Connect:")
                        .button("Too long", LONG_URL).button("Fits", URL_400).build()),
                TestCommands.fixed("huge", false, Reply.builder().title("T".repeat(300), null)
                        .body("b".repeat(5000)).footer("f".repeat(3000)).build()))));
    }

    @AfterAll
    void stopBot() {
        h.close();
    }

    private List<DiscordRequest> run(FakeInteraction interaction, int answers) {
        SentInteraction sent = h.discord.dispatchInteraction(interaction);
        return h.discord.awaitAnswers(sent, answers, DiscordHarness.TIMEOUT);
    }

    @Test
    void cardInGuildIsDeferredThenEditedWithEmbedPngAndButton() throws IOException {
        List<DiscordRequest> answers = run(FakeInteraction.command("card"), 2);

        assertEquals(DEFERRED_CHANNEL_MESSAGE, answers.get(0).callbackType());
        assertFalse(answers.get(0).ephemeral(), "a public card is deferred publicly");
        DiscordRequest edit = answers.get(1);
        assertTrue(edit.is("PATCH", "webhooks/\\d+/[^/]+/messages/@original"), edit.toString());
        assertCard(edit);
    }

    @Test
    void cardInBotDmWorksTheSame() throws IOException {
        List<DiscordRequest> answers = run(FakeInteraction.command("card").inBotDm(), 2);

        assertEquals(DEFERRED_CHANNEL_MESSAGE, answers.get(0).callbackType());
        assertCard(answers.get(1));
    }

    private static void assertCard(DiscordRequest message) throws IOException {
        JsonNode embed = message.embed();
        assertEquals("Never Gonna Give You Up", embed.path("title").asText());
        assertEquals(TestCommands.TRACK_URL, embed.path("url").asText());
        assertEquals(ReplyRenderer.SPOTIFY_GREEN, embed.path("color").asInt());
        assertTrue(embed.path("description").asText().startsWith("Rick Astley"));
        assertEquals(TestCommands.COVER_URL, embed.path("thumbnail").path("url").asText());
        assertEquals("alice on Spotify", embed.path("footer").path("text").asText());
        assertEquals("attachment://code.png", embed.path("image").path("url").asText());

        DiscordRequest.Part file = message.file("code.png").orElseThrow(() -> new AssertionError(message));
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(file.bytes()));
        assertNotNull(png, "attachment is a decodable image");
        assertEquals(64, png.getWidth());
        assertEquals(0x89, file.bytes()[0] & 0xff, "PNG signature");

        List<JsonNode> buttons = message.linkButtons();
        assertEquals(1, buttons.size());
        assertEquals("Open in Spotify", buttons.get(0).path("label").asText());
        assertEquals(TestCommands.TRACK_URL, buttons.get(0).path("url").asText());
    }

    @Test
    void privateAnswerIsAnEphemeralReply() {
        List<DiscordRequest> answers = run(FakeInteraction.command("secret").by("555000000000000001", "bob"), 1);

        DiscordRequest reply = answers.get(0);
        assertEquals(CHANNEL_MESSAGE, reply.callbackType());
        assertTrue(reply.ephemeral());
        assertEquals("only for 555000000000000001", reply.embed().path("description").asText());
    }

    @Test
    void contextReflectsPlaceUserLocaleAndOptions() {
        String guild = echo(FakeInteraction.command("echo").string("text", "hello")
                .user("user", "777000000000000001", "carol").integer("size", 300).string("bars", "black"));
        assertTrue(guild.contains("user=discord:" + FakeInteraction.DEFAULT_USER_ID), guild);
        assertTrue(guild.contains("public=true"), guild);
        assertTrue(guild.contains("locale=en"), guild);
        assertTrue(guild.contains("args={bars=black, size=300, text=hello, user=777000000000000001}"), guild);

        String dm = echo(FakeInteraction.command("echo").inBotDm().locale("ru"));
        assertTrue(dm.contains("public=false"), dm);
        assertTrue(dm.contains("locale=ru"), dm);

        String groupDm = echo(FakeInteraction.command("echo").inPrivateChannel().locale("pt-BR"));
        assertTrue(groupDm.contains("public=true"), "others read a group DM: " + groupDm);
        assertTrue(groupDm.contains("locale=en"), "unsupported languages fall back to English: " + groupDm);
    }

    private String echo(FakeInteraction interaction) {
        DiscordRequest reply = run(interaction, 1).get(0);
        assertEquals(CHANNEL_MESSAGE, reply.callbackType());
        assertFalse(reply.ephemeral());
        return reply.embed().path("description").asText();
    }

    @Test
    void failingCommandGivesLocalizedEphemeralErrorAndTheNextCommandWorks() {
        DiscordRequest english = run(FakeInteraction.command("boom"), 1).get(0);
        assertEquals(CHANNEL_MESSAGE, english.callbackType());
        assertTrue(english.ephemeral());
        assertEquals(ReplyRenderer.ERROR_RED, english.embed().path("color").asInt());
        assertEquals(h.messages.get(Locale.ENGLISH, "error.internal"), english.embed().path("description").asText());

        DiscordRequest russian = run(FakeInteraction.command("boom").inBotDm().locale("ru"), 1).get(0);
        assertEquals(h.messages.get(Locale.forLanguageTag("ru"), "error.internal"),
                russian.embed().path("description").asText());
        assertTrue(russian.embed().path("description").asText().matches(".*[а-я].*"), "Russian text");

        assertTrue(run(FakeInteraction.command("secret"), 1).get(0).ephemeral());
    }

    @Test
    void failureAfterPublicDeferralReplacesTheThinkingMessageWithAnEphemeralError() {
        List<DiscordRequest> answers = run(FakeInteraction.command("boomspotify"), 3);

        assertEquals(DEFERRED_CHANNEL_MESSAGE, answers.get(0).callbackType());
        assertFalse(answers.get(0).ephemeral());
        assertTrue(answers.get(1).is("DELETE", "webhooks/\\d+/[^/]+/messages/@original"), answers.toString());
        DiscordRequest followUp = answers.get(2);
        assertTrue(followUp.is("POST", "webhooks/\\d+/[^/]+"), followUp.toString());
        assertTrue(followUp.ephemeral());
        assertEquals(h.messages.get(Locale.ENGLISH, "error.internal"),
                followUp.embed().path("description").asText());
    }

    @Test
    void secondAnswerIsAFollowUp() {
        List<DiscordRequest> answers = run(FakeInteraction.command("twice"), 2);

        assertEquals(CHANNEL_MESSAGE, answers.get(0).callbackType());
        assertEquals("first", answers.get(0).embed().path("description").asText());
        assertTrue(answers.get(1).is("POST", "webhooks/\\d+/[^/]+"));
        assertEquals("second", answers.get(1).embed().path("description").asText());
    }

    @Test
    void errorRepliesAreEphemeralAndRed() {
        DiscordRequest reply = run(FakeInteraction.command("oops"), 1).get(0);

        assertTrue(reply.ephemeral());
        assertEquals(ReplyRenderer.ERROR_RED, reply.embed().path("color").asInt());
    }

    @Test
    void urlTooLongForAButtonGoesIntoTheText() {
        DiscordRequest reply = run(FakeInteraction.command("links"), 1).get(0);

        List<JsonNode> buttons = reply.linkButtons();
        assertEquals(1, buttons.size());
        assertEquals(URL_400, buttons.get(0).path("url").asText());
        String description = reply.embed().path("description").asText();
        assertTrue(description.startsWith("Connect:"), description);
        assertTrue(description.contains("[Too long](" + LONG_URL + ")"), description);
    }

    @Test
    void textsAreCutToDiscordsEmbedLimits() {
        JsonNode embed = run(FakeInteraction.command("huge"), 1).get(0).embed();

        String title = embed.path("title").asText();
        String description = embed.path("description").asText();
        String footer = embed.path("footer").path("text").asText();
        assertEquals(256, title.length());
        assertTrue(title.endsWith("…"));
        assertTrue(description.length() <= 4096 && description.endsWith("…"));
        assertTrue(footer.length() <= 2048);
        assertTrue(title.length() + description.length() + footer.length() <= 6000);
    }

    @Test
    void unknownCommandGetsALocalizedEphemeralAnswer() {
        DiscordRequest reply = run(FakeInteraction.command("retired").locale("ru"), 1).get(0);

        assertEquals(CHANNEL_MESSAGE, reply.callbackType());
        assertTrue(reply.ephemeral());
        assertEquals(h.messages.get(Locale.forLanguageTag("ru"), "error.command.unknown", "/retired"),
                reply.embed().path("description").asText());
    }
}
