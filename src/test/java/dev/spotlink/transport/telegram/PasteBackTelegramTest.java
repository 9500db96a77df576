package dev.spotlink.transport.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlink.config.Secret;
import dev.spotlink.config.SpotlinkConfig;
import dev.spotlink.config.TelegramConfig;
import dev.spotlink.domain.ChatUser;
import dev.spotlink.domain.LinkedAccount;
import dev.spotlink.domain.Platform;
import dev.spotlink.i18n.Messages;
import dev.spotlink.testing.CapturedOutput;
import dev.spotlink.testing.FakeSpotify;
import dev.spotlink.testing.TestConfigs;
import dev.spotlink.testing.telegram.FakeTelegram;
import dev.spotlink.testing.telegram.FakeTelegramCall;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Paste-back over the real Telegram transport and the fake Bot API: members send the address their browser was
 * redirected to in the private chat. The callback server listens on another port than the redirect URI names, so
 * nothing arrives by redirect.
 */
class PasteBackTelegramTest {

    private static final String TOKEN = "515151:AAH-paste-back-test_token";
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final long ANN = 3001;
    private static final long BOB = 3002;
    private static final long GROUP = -100_300_400_500L;
    private static final String OWN_APP = "abcdefabcdef0123456789abcdef0123";
    private static final Locale RU = Locale.forLanguageTag("ru");

    @TempDir
    Path dataDir;

    private final Messages messages = new Messages();
    private FakeSpotify spotify;
    private FakeTelegram telegram;
    private TelegramApp bot;
    private SpotlinkConfig config;

    @BeforeEach
    void start() {
        spotify = FakeSpotify.start();
        spotify.addUser("ann-account", "Ann");
        spotify.registerPublicApp(OWN_APP);
        telegram = FakeTelegram.start(TOKEN);
        config = TestConfigs.pasteBack(TestConfigs.config(spotify, dataDir, TestConfigs.freePort(),
                Optional.empty(), Optional.of(new TelegramConfig(new Secret(TOKEN), telegram.url(), Optional.empty(),
                        Optional.empty()))));
        bot = TelegramApp.start(config, telegram, WAIT);
    }

    @AfterEach
    void stop() {
        try {
            bot.close();
        } finally {
            telegram.close();
            spotify.close();
        }
    }

    /** Sends {@code /link ...} privately as {@code user} and returns the authorize URL of the answer. */
    private URI link(long user, String command, String language) {
        telegram.pushUpdate(telegram.updates().privateMessage(user, command, language));
        FakeTelegramCall answer = telegram.awaitCall("sendMessage", WAIT);
        return URI.create(answer.json("reply_markup").path("inline_keyboard").path(0).path(0).path("url").asText());
    }

    /** Sends {@code text} privately as {@code user} and returns the bot's answer. */
    private FakeTelegramCall sendPrivately(long user, String text) {
        telegram.pushUpdate(telegram.updates().privateMessage(user, text, "en"));
        return telegram.awaitCall("sendMessage", WAIT);
    }

    private Optional<LinkedAccount> account(long user) {
        return bot.app.core().accounts().find(new ChatUser(Platform.TELEGRAM, String.valueOf(user)));
    }

    /** An error answer as the transport sends it: marked, and HTML-escaped. */
    private String error(String key) {
        return "⚠️ " + Html.escape(messages.get(Locale.ENGLISH, key));
    }

    private static String code(URI redirect) {
        return redirect.getRawQuery().replaceAll(".*code=([^&]+).*", "$1");
    }

    @Test
    void theAddressSentInThePrivateChatLinksAndIsSingleUse() {
        telegram.pushUpdate(telegram.updates().privateMessage(ANN, "/link", "ru"));
        FakeTelegramCall answer = telegram.awaitCall("sendMessage", WAIT);
        URI redirectUri = config.spotify().redirectUri();
        assertTrue(answer.string("text").contains(Html.escape(messages.get(RU, "link.paste-back.instructions",
                redirectUri))), "Russian instructions before the click: " + answer.string("text"));
        assertTrue(redirectUri.getPort() != bot.app.port(), "nothing can arrive by redirect");
        URI authorize = URI.create(answer.json("reply_markup").path("inline_keyboard").path(0).path(0).path("url")
                .asText());
        URI sentTo = spotify.consent(authorize, "ann-account");
        assertTrue(sentTo.toString().startsWith(redirectUri + "?"), sentTo.toString());

        FakeTelegramCall confirmation;
        try (CapturedOutput captured = new CapturedOutput()) {
            confirmation = sendPrivately(ANN, "\n  " + sentTo + " \n");
            for (String line : captured.logLines()) {
                assertFalse(line.contains(code(sentTo)), "the code is never logged: " + line);
            }
        }
        assertEquals(String.valueOf(ANN), confirmation.string("chat_id"));
        assertEquals(messages.get(RU, "link.confirmed", "Ann"), confirmation.string("text"));
        assertEquals("ann-account", account(ANN).orElseThrow().spotifyAccountId());

        FakeTelegramCall replay = sendPrivately(ANN, sentTo.toString());
        assertEquals(error("link.paste-back.used"), replay.string("text"));
        assertEquals(1, spotify.tokenRequests("authorization_code"));
        for (FakeTelegramCall sent : telegram.sends()) {
            assertFalse(sent.params().toString().contains(code(sentTo)), "the bot never repeats the code: " + sent);
        }
    }

    @Test
    void someoneElsesAddressIsRefusedAndItsOwnerCanStillUseIt() {
        URI sentTo = spotify.consent(link(ANN, "/link", "en"), "ann-account");

        FakeTelegramCall refused = sendPrivately(BOB, sentTo.toString());
        assertEquals(String.valueOf(BOB), refused.string("chat_id"));
        assertEquals(error("link.paste-back.not-yours"), refused.string("text"));
        assertTrue(account(BOB).isEmpty(), "nothing linked to Bob");
        assertTrue(account(ANN).isEmpty(), "nor to Ann");
        assertEquals(0, spotify.tokenRequests("authorization_code"), "Spotify was not even asked");

        FakeTelegramCall linked = sendPrivately(ANN, sentTo.toString());
        assertEquals("Linked as Ann on Spotify. Try /nowplaying!", linked.string("text"));
        assertEquals("ann-account", account(ANN).orElseThrow().spotifyAccountId());
    }

    @Test
    void anAddressPostedInAGroupIsNeitherUsedNorRepeated() {
        URI sentTo = spotify.consent(link(ANN, "/link", "en"), "ann-account");

        telegram.pushUpdate(telegram.updates().groupMessage(GROUP, ANN, sentTo.toString(), "en"));
        FakeTelegramCall answer = telegram.awaitCall("sendMessage", WAIT);
        assertEquals(String.valueOf(GROUP), answer.string("chat_id"));
        assertTrue(answer.string("text").contains(
                Html.escape(messages.get(Locale.ENGLISH, "link.paste-back.not-here"))), answer.string("text"));
        assertFalse(answer.params().has("reply_parameters"), "not even quoted: " + answer.params());
        assertFalse(answer.params().toString().contains(code(sentTo)), answer.params().toString());
        assertFalse(answer.params().toString().contains("state="), answer.params().toString());
        assertTrue(account(ANN).isEmpty());
        assertEquals(0, spotify.tokenRequests("authorization_code"), "not used");

        // the link is untouched: sent privately, it works
        assertEquals("Linked as Ann on Spotify. Try /nowplaying!", sendPrivately(ANN, sentTo.toString())
                .string("text"));
    }

    @Test
    void aCancelledConsentSaysSo() {
        URI sentTo = spotify.deny(link(ANN, "/link", "en"));
        FakeTelegramCall answer = sendPrivately(ANN, sentTo.toString());
        assertEquals(error("link.paste-back.cancelled"), answer.string("text"));
        assertTrue(account(ANN).isEmpty());
    }

    @Test
    void anOwnAppLinkCompletesByPasteBack() {
        URI authorize = link(ANN, "/link app:" + OWN_APP, "en");
        assertTrue(authorize.getRawQuery().contains("client_id=" + OWN_APP), authorize.toString());
        FakeTelegramCall linked = sendPrivately(ANN, spotify.consent(authorize, "ann-account").toString());
        assertEquals("Linked as Ann on Spotify. Try /nowplaying!", linked.string("text"));
        assertEquals(OWN_APP, account(ANN).orElseThrow().clientId());
    }
}
