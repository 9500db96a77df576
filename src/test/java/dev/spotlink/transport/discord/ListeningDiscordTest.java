package dev.spotlink.transport.discord;

import static dev.spotlink.testing.discord.DiscordRequest.DEFERRED_CHANNEL_MESSAGE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spotlink.config.DiscordConfig;
import dev.spotlink.config.Secret;
import dev.spotlink.config.SpotlinkConfig;
import dev.spotlink.domain.ChatUser;
import dev.spotlink.domain.Platform;
import dev.spotlink.testing.FakeSpotify;
import dev.spotlink.testing.LinkedMembers;
import dev.spotlink.testing.StoreAccess;
import dev.spotlink.testing.TestConfigs;
import dev.spotlink.testing.discord.DiscordRequest;
import dev.spotlink.testing.discord.FakeDiscord.SentInteraction;
import dev.spotlink.testing.discord.FakeDiscord;
import dev.spotlink.testing.discord.FakeInteraction;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /listening}, {@code /recent} and {@code /top} on Discord: the real application and JDA against the fake
 * Discord (guild member lookups over REST) and the fake Spotify.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListeningDiscordTest {

    private static final String GUILD = "310000000000000001";
    private static final String OTHER_GUILD = "310000000000000002";
    private static final String ANN = "710000000000000001";
    private static final String BOB = "710000000000000002";
    private static final String CARL = "710000000000000003";
    private static final String DORA = "710000000000000004";
    private static final String TRACK_ID = "4uLU6hMCjMI75M1A2tKUQC";

    private FakeSpotify spotify;
    private FakeDiscord discord;
    private DiscordApp bot;
    private StoreAccess store;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        spotify = FakeSpotify.start();
        discord = FakeDiscord.start();
        discord.addGuild(GUILD, "Listeners");
        discord.addGuild(OTHER_GUILD, "Quiet place");
        DiscordConfig discordConfig = new DiscordConfig(new Secret(discord.token()), discord.apiUrl(),
                discord.gatewayUrl(), Optional.empty());
        // playback reused for a minute: the second /listening must not ask Spotify again
        SpotlinkConfig config = TestConfigs.withPlaybackTtl(TestConfigs.config(spotify, dir, TestConfigs.freePort(),
                Optional.of(discordConfig), Optional.empty()), Duration.ofSeconds(60));
        bot = DiscordApp.start(config);
        store = StoreAccess.open(dir);
        member(ANN, "ann", "Ann");
        member(BOB, "bob", "Bob");
        member(CARL, "carl", "Carl");
        store.accounts().setSharing(user(CARL), false);
        LinkedMembers.link(spotify, store.accounts(), user(DORA), "dora", "Dora", LinkedMembers.OLD_SCOPES);
        discord.addGuildMember(GUILD, DORA, "dora");
        play("ann", "Blue Monday", 20_000);
        play("bob", "Elsewhere", 5_000);
        play("carl", "Hidden", 1_000);
    }

    @AfterAll
    void stop() {
        if (store != null) {
            store.close();
        }
        if (bot != null) {
            bot.close();
        }
        discord.close();
        spotify.close();
    }

    @Test
    void slashCommandsAreRegisteredLocalized() {
        JsonNode commands = discord.registeredCommands("global");
        List<String> names = new java.util.ArrayList<>();
        commands.forEach(c -> names.add(c.path("name").asText()));
        assertTrue(names.containsAll(List.of("listening", "recent", "top")), names.toString());
        for (JsonNode command : commands) {
            if (command.path("name").asText().equals("top")) {
                JsonNode kind = command.path("options").path(0);
                assertEquals("kind", kind.path("name").asText());
                assertEquals("исполнители", kind.path("choices").path(1).path("name_localizations").path("ru")
                        .asText());
                assertEquals("4w", command.path("options").path(1).path("choices").path(0).path("value").asText());
            }
        }
    }

    @Test
    void listeningInAServerAsksDiscordWhoIsAMemberAndDefersFirst() throws Exception {
        int lookupsBefore = discord.memberLookups();
        List<DiscordRequest> answers = run(FakeInteraction.command("listening").inKnownGuild(GUILD).by(ANN, "ann"), 2);
        assertEquals(DEFERRED_CHANNEL_MESSAGE, answers.get(0).callbackType(), "deferred at once");
        DiscordRequest answer = answers.get(1);
        assertFalse(answer.ephemeral());
        JsonNode embed = answer.embed();
        assertEquals("Listening now · 1", embed.path("title").asText(), embed.toString());
        assertTrue(embed.path("description").asText().startsWith("Ann — Blue Monday · New Order"), embed.toString());
        assertFalse(embed.toString().contains("Bob"), "Bob is not in this server");
        assertFalse(embed.toString().contains("Carl") || embed.toString().contains("Hidden"), "Carl shares nothing");
        assertEquals("Ann: Blue Monday", answer.linkButtons().get(0).path("label").asText());
        String image = embed.path("image").path("url").asText();
        assertTrue(image.startsWith("attachment://"), image);
        DiscordRequest.Part file = answer.file(image.substring("attachment://".length())).orElseThrow();
        assertNotNull(ImageIO.read(new ByteArrayInputStream(file.bytes())));
        // Bob and Dora were asked about (Ann ran the command there; Carl shares nothing)
        assertEquals(lookupsBefore + 2, discord.memberLookups());

        List<DiscordRequest> again = run(FakeInteraction.command("listening").inKnownGuild(GUILD).by(DORA, "dora"), 2);
        assertEquals("Listening now · 1", again.get(1).embed().path("title").asText());
        assertEquals(lookupsBefore + 2, discord.memberLookups(), "memberships are remembered");
    }

    @Test
    void listeningInTheBotsDmShowsTheUserAlone() {
        List<DiscordRequest> answers = run(FakeInteraction.command("listening").inBotDm().by(BOB, "bob").locale("ru"),
                2);
        JsonNode embed = answers.get(1).embed();
        assertEquals("Сейчас слушают · 1", embed.path("title").asText());
        assertTrue(embed.path("description").asText().startsWith("Bob — Elsewhere"), embed.toString());
        assertFalse(embed.toString().contains("Ann"));
    }

    @Test
    void aServerWhereNoLinkedMemberPlaysSaysSo() {
        discord.addGuildMember(OTHER_GUILD, DORA, "dora");
        List<DiscordRequest> answers = run(FakeInteraction.command("listening").inKnownGuild(OTHER_GUILD)
                .by(DORA, "dora"), 2);
        assertTrue(answers.get(1).embed().path("description").asText().startsWith("Nobody here is playing"),
                answers.get(1).toString());
    }

    @Test
    void topWithoutTheScopeOffersARelinkPrivately() {
        List<DiscordRequest> answers = run(FakeInteraction.command("top").inKnownGuild(GUILD).by(DORA, "dora")
                .string("kind", "artists"), 3);
        DiscordRequest offer = answers.get(2);
        assertTrue(offer.ephemeral(), "an authorize link is personal");
        assertTrue(offer.embed().path("description").asText().startsWith("/top needs one more permission"));
        String url = offer.linkButtons().get(0).path("url").asText();
        assertTrue(url.startsWith(spotify.accountsUrl() + "/authorize?") && url.contains("user-top-read"), url);
    }

    @Test
    void recentAndTopOfAMember() {
        spotify.history().setRecent("bob", 4, java.time.Instant.now(), java.time.Duration.ofMinutes(10));
        List<DiscordRequest> recent = run(FakeInteraction.command("recent").inKnownGuild(GUILD).by(ANN, "ann")
                .user("user", BOB, "bob"), 2);
        JsonNode embed = recent.get(1).embed();
        assertEquals("Recently played · Bob", embed.path("title").asText());
        assertTrue(embed.path("description").asText().startsWith("1. Song 1 — Artist 1 · Album 1 · just now\n"
                + "2. Song 2"), embed.toString());

        spotify.history().setTopTracks("ann", 2);
        List<DiscordRequest> top = run(FakeInteraction.command("top").inKnownGuild(GUILD).by(ANN, "ann")
                .string("period", "6m"), 2);
        assertEquals("Top tracks · Ann · last 6 months", top.get(1).embed().path("title").asText());
        assertTrue(spotify.requests().stream().anyMatch(r -> r.path().equals("/v1/me/top/tracks")
                && "medium_term".equals(r.query().get("time_range"))));
    }

    private List<DiscordRequest> run(FakeInteraction interaction, int answers) {
        SentInteraction sent = discord.dispatchInteraction(interaction);
        return discord.awaitAnswers(sent, answers, DiscordHarness.TIMEOUT);
    }

    private void member(String userId, String account, String name) {
        LinkedMembers.link(spotify, store.accounts(), user(userId), account, name);
        if (!userId.equals(BOB)) {
            discord.addGuildMember(GUILD, userId, name.toLowerCase());
        }
    }

    private void play(String account, String title, long progressMs) {
        spotify.setPlaying(account, spotify.trackJson(TRACK_ID, title, List.of("New Order"), "Power", progressMs,
                200_000, true));
    }

    private static ChatUser user(String id) {
        return new ChatUser(Platform.DISCORD, id);
    }
}
