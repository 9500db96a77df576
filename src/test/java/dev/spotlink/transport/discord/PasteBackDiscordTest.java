package dev.spotlink.transport.discord;

import static dev.spotlink.testing.discord.DiscordRequest.CHANNEL_MESSAGE;
import static dev.spotlink.testing.discord.DiscordRequest.DEFERRED_CHANNEL_MESSAGE;
import static dev.spotlink.testing.discord.DiscordRequest.MODAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spotlink.config.DiscordConfig;
import dev.spotlink.config.DiscordShards;
import dev.spotlink.config.Secret;
import dev.spotlink.config.SpotlinkConfig;
import dev.spotlink.domain.ChatUser;
import dev.spotlink.domain.LinkedAccount;
import dev.spotlink.domain.Platform;
import dev.spotlink.i18n.Messages;
import dev.spotlink.testing.CapturedOutput;
import dev.spotlink.testing.FakeSpotify;
import dev.spotlink.testing.TestConfigs;
import dev.spotlink.testing.discord.DiscordRequest;
import dev.spotlink.testing.discord.FakeDiscord;
import dev.spotlink.testing.discord.FakeInteraction;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Paste-back over the real Discord transport (real JDA against the fake gateway and REST API): the {@code /link}
 * answer's button opens a form, and the address submitted in it finishes the link. The callback server listens on
 * another port than the redirect URI names, so nothing arrives by redirect.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PasteBackDiscordTest {

    private static final String OWN_APP = "ffeeddccbbaa99887766554433221100";
    private static final Locale RU = Locale.forLanguageTag("ru");

    private final Messages messages = new Messages();
    private FakeSpotify spotify;
    private FakeDiscord discord;
    private DiscordApp bot;
    private SpotlinkConfig config;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        spotify = FakeSpotify.start();
        spotify.registerPublicApp(OWN_APP);
        discord = FakeDiscord.start();
        DiscordConfig discordConfig = new DiscordConfig(new Secret(discord.token()), discord.apiUrl(),
                discord.gatewayUrl(), Optional.empty(), DiscordShards.AUTO, Optional.empty());
        config = TestConfigs.pasteBack(TestConfigs.config(spotify, dir, TestConfigs.freePort(),
                Optional.of(discordConfig), Optional.empty()));
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

    /** Runs {@code /link} (with {@code option}, if any) in a server channel and returns the answer. */
    private DiscordRequest link(String userId, String locale, String appOption) {
        FakeInteraction command = FakeInteraction.command("link").by(userId, "member" + userId).locale(locale);
        if (appOption != null) {
            command.string("app", appOption);
        }
        return discord.awaitAnswers(discord.dispatchInteraction(command), 1, DiscordHarness.TIMEOUT).get(0);
    }

    private static URI authorizeUrl(DiscordRequest linkAnswer) {
        return URI.create(linkAnswer.linkButtons().get(0).path("url").asText());
    }

    /** Submits the paste-back form with {@code typed} and returns the text the bot finally shows. */
    private String submit(String userId, String typed) {
        FakeDiscord.SentInteraction sent = discord.dispatchInteraction(FakeInteraction.modalSubmit(
                PasteBackForm.ID, PasteBackForm.FIELD, typed).by(userId, "member" + userId));
        List<DiscordRequest> answers = discord.awaitAnswers(sent, 2, DiscordHarness.TIMEOUT);
        assertEquals(DEFERRED_CHANNEL_MESSAGE, answers.get(0).callbackType(), answers.toString());
        assertTrue(answers.get(0).ephemeral(), "only the member sees the outcome");
        assertTrue(answers.get(1).is("PATCH", "webhooks/\\d+/[^/]+/messages/@original"), answers.toString());
        return answers.get(1).embed().path("description").asText();
    }

    private Optional<LinkedAccount> account(String userId) {
        return bot.app.core().accounts().find(new ChatUser(Platform.DISCORD, userId));
    }

    @Test
    void theLinkAnswerOffersAFormAndTheAddressSubmittedThereLinksOnce() {
        String ann = "650000000000000001";
        spotify.addUser("ann-account", "Ann");
        DiscordRequest answer = link(ann, "ru", null);
        assertEquals(CHANNEL_MESSAGE, answer.callbackType());
        assertTrue(answer.ephemeral());
        URI redirectUri = config.spotify().redirectUri();
        assertTrue(redirectUri.getPort() != bot.app.port(), "nothing can arrive by redirect");
        assertTrue(answer.embed().path("description").asText().contains(messages.get(RU,
                "link.paste-back.instructions", redirectUri)), answer.embed().toString());
        JsonNode button = answer.interactionButtons().get(0);
        assertEquals(PasteBackForm.ID, button.path("custom_id").asText());
        assertEquals(messages.get(RU, "link.paste-back.button"), button.path("label").asText());

        DiscordRequest form = discord.awaitAnswers(discord.dispatchInteraction(
                FakeInteraction.buttonClick(PasteBackForm.ID).by(ann, "ann").locale("ru")), 1,
                DiscordHarness.TIMEOUT).get(0);
        assertEquals(MODAL, form.callbackType(), form.toString());
        assertEquals(PasteBackForm.ID, form.message().path("custom_id").asText());
        assertEquals(messages.get(RU, "discord.paste-back.title"), form.message().path("title").asText());
        JsonNode label = form.message().path("components").path(0);
        assertEquals(messages.get(RU, "discord.paste-back.label"), label.path("label").asText(), form.toString());
        assertEquals(PasteBackForm.FIELD, label.path("component").path("custom_id").asText(), form.toString());

        URI sentTo = spotify.consent(authorizeUrl(answer), "ann-account");
        String code = sentTo.getRawQuery().replaceAll(".*code=([^&]+).*", "$1");
        String linked;
        try (CapturedOutput captured = new CapturedOutput()) {
            linked = submit(ann, "\n" + sentTo + "\n");
            for (String line : captured.logLines()) {
                assertFalse(line.contains(code), "the code is never logged: " + line);
            }
        }
        assertEquals(messages.get(RU, "link.confirmed", "Ann"), linked);
        assertEquals("ann-account", account(ann).orElseThrow().spotifyAccountId());

        assertEquals(messages.get(Locale.ENGLISH, "link.paste-back.used"), submit(ann, sentTo.toString()));
    }

    @Test
    void someoneElsesAddressIsRefusedAndItsOwnerCanStillUseIt() {
        String cat = "650000000000000002";
        String dan = "650000000000000003";
        spotify.addUser("cat-account", "Cat");
        URI sentTo = spotify.consent(authorizeUrl(link(cat, "en-US", null)), "cat-account");

        assertEquals(messages.get(Locale.ENGLISH, "link.paste-back.not-yours"), submit(dan, sentTo.toString()));
        assertTrue(account(dan).isEmpty());
        assertTrue(account(cat).isEmpty());

        assertEquals(messages.get(Locale.ENGLISH, "link.confirmed", "Cat"), submit(cat, sentTo.toString()));
        assertEquals("cat-account", account(cat).orElseThrow().spotifyAccountId());
    }

    @Test
    void aCancelledConsentAndTextThatIsNoAddressAreAnsweredPrivately() {
        String eve = "650000000000000004";
        URI sentTo = spotify.deny(authorizeUrl(link(eve, "en-US", null)));
        assertEquals(messages.get(Locale.ENGLISH, "link.paste-back.cancelled"), submit(eve, sentTo.toString()));
        assertTrue(account(eve).isEmpty());

        DiscordRequest notAnAddress = discord.awaitAnswers(discord.dispatchInteraction(FakeInteraction.modalSubmit(
                PasteBackForm.ID, PasteBackForm.FIELD, "hello").by(eve, "eve")), 1, DiscordHarness.TIMEOUT).get(0);
        assertEquals(CHANNEL_MESSAGE, notAnAddress.callbackType());
        assertTrue(notAnAddress.ephemeral());
        assertEquals(messages.get(Locale.ENGLISH, "link.paste-back.not-an-address",
                config.spotify().redirectUri()), notAnAddress.embed().path("description").asText());
    }

    @Test
    void anOwnAppLinkCompletesThroughTheForm() {
        String fay = "650000000000000005";
        spotify.addUser("fay-account", "Fay");
        DiscordRequest answer = link(fay, "en-US", OWN_APP);
        assertEquals(PasteBackForm.ID, answer.interactionButtons().get(0).path("custom_id").asText());
        URI authorize = authorizeUrl(answer);
        assertTrue(authorize.getRawQuery().contains("client_id=" + OWN_APP), authorize.toString());
        String linked = submit(fay, spotify.consent(authorize, "fay-account").toString());
        assertEquals(messages.get(Locale.ENGLISH, "link.confirmed", "Fay"), linked);
        assertEquals(OWN_APP, account(fay).orElseThrow().clientId());
    }
}
