package dev.spotlink.transport.discord;

import static dev.spotlink.testing.discord.DiscordRequest.CHANNEL_MESSAGE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlink.config.DiscordConfig;
import dev.spotlink.config.DiscordShards;
import dev.spotlink.config.Secret;
import dev.spotlink.config.SpotlinkConfig;
import dev.spotlink.domain.ChatUser;
import dev.spotlink.domain.Platform;
import dev.spotlink.i18n.Messages;
import dev.spotlink.store.NewLink;
import dev.spotlink.testing.FakeSpotify;
import dev.spotlink.testing.TestConfigs;
import dev.spotlink.testing.discord.DiscordRequest;
import dev.spotlink.testing.discord.FakeDiscord;
import dev.spotlink.testing.discord.FakeInteraction;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** "Use my own Spotify app" over the real Discord transport: the {@code app} option and the admin channel. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OwnAppDiscordTest {

    private static final String ADMIN_GUILD = "310000000000000001";
    private static final String OWN_APP = "00112233445566778899aabbccddeeff";

    private final Messages messages = new Messages();
    private FakeSpotify spotify;
    private FakeDiscord discord;
    private DiscordApp bot;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        spotify = FakeSpotify.start();
        spotify.registerPublicApp(OWN_APP);
        discord = FakeDiscord.start();
        discord.addGuild(ADMIN_GUILD, "Admins");
        // the fake names a guild's text channel after the guild
        DiscordConfig discordConfig = new DiscordConfig(new Secret(discord.token()), discord.apiUrl(),
                discord.gatewayUrl(), Optional.empty(), DiscordShards.AUTO,
                Optional.of(ADMIN_GUILD));
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

    private DiscordRequest run(FakeInteraction interaction) {
        return discord.awaitAnswers(discord.dispatchInteraction(interaction), 1, DiscordHarness.TIMEOUT).get(0);
    }

    @Test
    void theAppOptionGivesAnOwnAppLinkAndRefusesMalformedIdsEphemerally() {
        DiscordRequest link = run(FakeInteraction.command("link").by("640000000000000001", "ann")
                .string("app", OWN_APP));
        assertEquals(CHANNEL_MESSAGE, link.callbackType());
        assertTrue(link.ephemeral());
        String url = link.linkButtons().get(0).path("url").asText();
        assertTrue(url.contains("client_id=" + OWN_APP), url);

        DiscordRequest bad = run(FakeInteraction.command("link").by("640000000000000001", "ann").locale("ru")
                .string("app", "not-a-client-id"));
        assertTrue(bad.ephemeral());
        assertEquals(messages.get(Locale.forLanguageTag("ru"), "link.own-app.invalid"),
                bad.embed().path("description").asText());
        assertFalse(bad.toString().contains("not-a-client-id"), bad.toString());
    }

    @Test
    void aSixthMemberGetsTheStepsAndTheAdminChannelANote() {
        for (int i = 1; i <= 5; i++) {
            bot.app.core().accounts().save(new NewLink(new ChatUser(Platform.TELEGRAM, "7" + i), "acct-" + i, null,
                    TestConfigs.CLIENT_ID, "AT", "RT", Instant.now().plusSeconds(3600), null), Instant.now());
        }
        String sixth = "650000000000000006";
        DiscordRequest answer = run(FakeInteraction.command("link").by(sixth, "sixth"));
        assertTrue(answer.ephemeral());
        String text = answer.embed().path("description").asText();
        assertTrue(text.startsWith(messages.get(Locale.ENGLISH, "link.admin-app-full")), text);
        assertFalse(answer.toString().contains("/authorize?"), "no link through the full app");

        DiscordRequest note = discord.awaitRequest(r -> r.is("POST", "channels/" + ADMIN_GUILD + "/messages"),
                DiscordHarness.TIMEOUT);
        String posted = note.embed().path("description").asText();
        assertTrue(posted.contains("discord:" + sixth) && posted.contains("User Management"), posted);
    }
}
