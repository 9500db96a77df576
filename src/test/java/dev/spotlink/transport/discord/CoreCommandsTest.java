package dev.spotlink.transport.discord;

import static dev.spotlink.testing.discord.DiscordRequest.CHANNEL_MESSAGE;
import static dev.spotlink.testing.discord.DiscordRequest.DEFERRED_CHANNEL_MESSAGE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spotlink.config.DiscordConfig;
import dev.spotlink.config.Secret;
import dev.spotlink.config.SpotlinkConfig;
import dev.spotlink.i18n.Messages;
import dev.spotlink.testing.FakeSpotify;
import dev.spotlink.testing.TestConfigs;
import dev.spotlink.testing.discord.DiscordRequest;
import dev.spotlink.testing.discord.FakeDiscord;
import dev.spotlink.testing.discord.FakeDiscord.SentInteraction;
import dev.spotlink.testing.discord.FakeInteraction;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The real application (core commands, linking, callback server) on Discord, Spotify being the fake. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CoreCommandsTest {

    private static final Locale RU = Locale.forLanguageTag("ru");
    private static final String TRACK_ID = "4uLU6hMCjMI75M1A2tKUQC";
    private static final String ALBUM_URL = "https://open.spotify.com/album/1DFixLWuPkv3KT3TnV35m3";

    private final Messages messages = new Messages();
    private final HttpClient browser = HttpClient.newHttpClient();
    private FakeSpotify spotify;
    private FakeDiscord discord;
    private DiscordApp bot;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        spotify = FakeSpotify.start();
        discord = FakeDiscord.start();
        DiscordConfig discordConfig = new DiscordConfig(new Secret(discord.token()), discord.apiUrl(),
                discord.gatewayUrl(), Optional.empty());
        SpotlinkConfig config = TestConfigs.config(spotify, dir, TestConfigs.freePort(), Optional.of(discordConfig),
                Optional.empty());
        bot = DiscordApp.start(config);
    }

    @AfterAll
    void stop() {
        if (bot != null) {
            bot.close();
        }
        discord.close();
        spotify.close();
    }

    private List<DiscordRequest> run(FakeInteraction interaction, int answers) {
        SentInteraction sent = discord.dispatchInteraction(interaction);
        return discord.awaitAnswers(sent, answers, DiscordHarness.TIMEOUT);
    }

    @Test
    void everyCoreCommandIsRegisteredLocalizedForServerAndUserInstalls() {
        JsonNode commands = discord.registeredCommands("global");
        List<String> names = new ArrayList<>();
        commands.forEach(c -> names.add(c.path("name").asText()));
        assertEquals(List.of("link", "unlink", "nowplaying", "share", "privacy", "listening", "recent",
                "top", "help"), names);
        for (JsonNode description : commands.findValues("description")) {
            // Discord's limit; SlashCommands would cut a longer text, so the bundles should not need it
            assertFalse(description.asText().endsWith("…"), "cut to fit 100 characters: " + description);
        }
        for (JsonNode command : commands) {
            String ru = command.path("description_localizations").path("ru").asText();
            assertFalse(ru.endsWith("…"), "cut to fit 100 characters: " + ru);
            assertFalse(ru.isEmpty(), command.toString());
            assertNotEquals(command.path("description").asText(), ru);
            assertEquals("[\"0\",\"1\"]", command.path("integration_types").toString().replace(" ", ""));
            assertEquals("[\"0\",\"1\",\"2\"]", command.path("contexts").toString().replace(" ", ""));
            for (JsonNode option : command.path("options")) {
                assertFalse(option.path("required").asBoolean(), option.toString());
                assertFalse(option.path("description_localizations").path("ru").asText().isEmpty());
            }
        }
        JsonNode user = option(commands, "nowplaying", "user");
        assertEquals(6, user.path("type").asInt(), "a USER option: Discord offers a member picker");
        JsonNode size = option(commands, "share", "size");
        assertEquals(4, size.path("type").asInt());
        JsonNode bars = option(commands, "share", "bars");
        assertEquals("white", bars.path("choices").path(0).path("value").asText());
        assertEquals("чёрные", bars.path("choices").path(1).path("name_localizations").path("ru").asText());
        assertEquals(2, option(commands, "privacy", "sharing").path("choices").size());
    }

    private static JsonNode option(JsonNode commands, String command, String option) {
        for (JsonNode c : commands) {
            if (c.path("name").asText().equals(command)) {
                for (JsonNode o : c.path("options")) {
                    if (o.path("name").asText().equals(option)) {
                        return o;
                    }
                }
            }
        }
        throw new AssertionError("no option " + command + " " + option);
    }

    @Test
    void linkThenNowPlayingShareAndPrivacy() throws Exception {
        String alice = "610000000000000001";
        link(alice, "alice-account", "Alice Example");

        DiscordRequest dm = discord.awaitRequest(r -> r.is("POST", "channels/\\d+/messages")
                && r.embed().path("description").asText().contains("Alice Example"), DiscordHarness.TIMEOUT);
        assertEquals(messages.get(Locale.ENGLISH, "link.confirmed", "Alice Example"),
                dm.embed().path("description").asText());

        spotify.setPlaying("alice-account", spotify.trackJson(TRACK_ID, "Blue Monday", "New Order", "Power"));
        List<DiscordRequest> playing = run(FakeInteraction.command("nowplaying").inBotDm().by(alice, "alice"), 2);
        assertEquals(DEFERRED_CHANNEL_MESSAGE, playing.get(0).callbackType());
        DiscordRequest card = playing.get(1);
        assertTrue(card.is("PATCH", "webhooks/\\d+/[^/]+/messages/@original"), card.toString());
        JsonNode embed = card.embed();
        assertEquals("Blue Monday", embed.path("title").asText());
        assertEquals("https://open.spotify.com/track/" + TRACK_ID, embed.path("url").asText());
        assertTrue(embed.path("description").asText().contains("New Order"), embed.toString());
        assertTrue(embed.path("thumbnail").isMissingNode(), "the card shows the cover: " + embed);
        assertTrue(embed.path("footer").path("text").asText().contains("Alice Example"));
        assertPng(card, embed.path("image").path("url").asText());
        assertEquals(messages.get(Locale.ENGLISH, "button.open-in-spotify"),
                card.linkButtons().get(0).path("label").asText());

        List<DiscordRequest> shared = run(FakeInteraction.command("share").by(alice, "alice")
                .string("link", ALBUM_URL).string("bars", "black"), 2);
        assertEquals(DEFERRED_CHANNEL_MESSAGE, shared.get(0).callbackType());
        assertFalse(shared.get(1).ephemeral());
        assertPng(shared.get(1), shared.get(1).embed().path("image").path("url").asText());
        assertEquals(ALBUM_URL, shared.get(1).linkButtons().get(0).path("url").asText());

        DiscordRequest privacy = run(FakeInteraction.command("privacy").by(alice, "alice").locale("ru")
                .string("sharing", "off"), 1).get(0);
        assertEquals(CHANNEL_MESSAGE, privacy.callbackType());
        assertTrue(privacy.ephemeral());
        assertEquals(messages.get(RU, "privacy.sharing-off"), privacy.embed().path("description").asText());

        List<DiscordRequest> other = run(FakeInteraction.command("nowplaying").by("610000000000000002", "bob")
                .user("user", alice, "alice"), 3);
        assertTrue(other.get(1).is("DELETE", "webhooks/\\d+/[^/]+/messages/@original"));
        assertTrue(other.get(2).ephemeral());
        assertEquals(messages.get(Locale.ENGLISH, "nowplaying.other-private"),
                other.get(2).embed().path("description").asText());
    }

    private static void assertPng(DiscordRequest message, String imageUrl) throws IOException {
        assertTrue(imageUrl.startsWith("attachment://"), imageUrl);
        String fileName = imageUrl.substring("attachment://".length());
        DiscordRequest.Part file = message.file(fileName).orElseThrow(() -> new AssertionError(message));
        assertNotNull(ImageIO.read(new ByteArrayInputStream(file.bytes())), "decodable image " + fileName);
        assertTrue(fileName.endsWith(".png"), fileName);
    }

    @Test
    void errorsAreEphemeralAndInTheUsersLanguage() {
        String carol = "620000000000000001";
        List<DiscordRequest> notLinked = run(FakeInteraction.command("nowplaying").by(carol, "carol")
                .locale("ru"), 3);
        assertTrue(notLinked.get(2).ephemeral());
        assertEquals(messages.get(RU, "error.not-linked"), notLinked.get(2).embed().path("description").asText());
        assertEquals(ReplyRenderer.ERROR_RED, notLinked.get(2).embed().path("color").asInt());

        List<DiscordRequest> badLink = run(FakeInteraction.command("share").by(carol, "carol").inBotDm()
                .string("link", "https://example.org/not-spotify"), 3);
        assertTrue(badLink.get(2).ephemeral());
        assertEquals(messages.get(Locale.ENGLISH, "share.bad-link"),
                badLink.get(2).embed().path("description").asText());

        DiscordRequest help = run(FakeInteraction.command("help").by(carol, "carol").inBotDm(), 1).get(0);
        assertEquals(CHANNEL_MESSAGE, help.callbackType());
        assertTrue(help.ephemeral());
        assertTrue(help.embed().path("description").asText().contains("/link"));

        DiscordRequest unlink = run(FakeInteraction.command("unlink").by(carol, "carol"), 1).get(0);
        assertTrue(unlink.ephemeral());
        assertTrue(unlink.linkButtons().get(0).path("url").asText().startsWith("https://www.spotify.com/"));
    }

    @Test
    void linkingWithClosedDirectMessagesStillWorks() throws Exception {
        String dave = "630000000000000001";
        discord.setDmsClosed(dave, true);
        link(dave, "dave-account", "Dave");
        DiscordRequest refused = discord.awaitRequest(r -> r.is("POST", "channels/\\d+/messages")
                && r.embed().path("description").asText().contains("Dave"), DiscordHarness.TIMEOUT);
        assertNotNull(refused);
        // and the bot still serves the user
        spotify.setPlaying("dave-account", spotify.trackJson(TRACK_ID, "Song", "Artist", "Album"));
        List<DiscordRequest> answers = run(FakeInteraction.command("nowplaying").by(dave, "dave"), 2);
        assertEquals("Song", answers.get(1).embed().path("title").asText());
    }

    /** /link in a server, consent on the fake Spotify, the browser following the redirect to our callback. */
    private void link(String userId, String accountId, String displayName) throws Exception {
        spotify.addUser(accountId, displayName);
        DiscordRequest reply = run(FakeInteraction.command("link").by(userId, "u" + userId), 1).get(0);
        assertEquals(CHANNEL_MESSAGE, reply.callbackType());
        assertTrue(reply.ephemeral(), "the authorize link is personal");
        JsonNode button = reply.linkButtons().get(0);
        assertEquals(messages.get(Locale.ENGLISH, "link.button"), button.path("label").asText());
        String authorize = button.path("url").asText();
        assertTrue(authorize.startsWith(spotify.accountsUrl() + "/authorize?"), authorize);
        assertTrue(authorize.length() <= ReplyRenderer.BUTTON_URL_MAX, "fits a link button: " + authorize.length());

        URI callback = spotify.consent(URI.create(authorize), accountId);
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(callback).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode(), page.body());
    }
}
