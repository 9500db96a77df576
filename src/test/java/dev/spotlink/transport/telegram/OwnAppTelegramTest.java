package dev.spotlink.transport.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlink.config.Secret;
import dev.spotlink.config.SpotlinkConfig;
import dev.spotlink.config.TelegramConfig;
import dev.spotlink.domain.ChatUser;
import dev.spotlink.domain.Platform;
import dev.spotlink.i18n.Messages;
import dev.spotlink.store.NewLink;
import dev.spotlink.testing.FakeSpotify;
import dev.spotlink.testing.TestConfigs;
import dev.spotlink.testing.telegram.FakeTelegram;
import dev.spotlink.testing.telegram.FakeTelegramCall;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Use my own Spotify app" over the real Telegram transport, with an admin chat for the admin's notes. */
class OwnAppTelegramTest {

    private static final String TOKEN = "424242:AAH-own-app-test_token";
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final long ANN = 2001;
    private static final long GROUP = -100_200_300_400L;
    private static final long ADMIN_CHAT = -100_999_888_777L;
    private static final String OWN_APP = "fedcba9876543210fedcba9876543210";
    private static final Locale RU = Locale.forLanguageTag("ru");

    @TempDir
    Path dataDir;

    private final Messages messages = new Messages();
    private FakeSpotify spotify;
    private FakeTelegram telegram;
    private TelegramApp bot;

    @BeforeEach
    void start() {
        spotify = FakeSpotify.start();
        spotify.addUser("ann-account", "Ann");
        spotify.registerPublicApp(OWN_APP);
        telegram = FakeTelegram.start(TOKEN);
        SpotlinkConfig config = TestConfigs.config(spotify, dataDir, TestConfigs.freePort(), Optional.empty(),
                Optional.of(new TelegramConfig(new Secret(TOKEN), telegram.url(), Optional.empty(),
                        Optional.of(ADMIN_CHAT))));
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

    @Test
    void aMalformedClientIdInAGroupIsRefusedWithoutRepeatingIt() {
        String typed = "my-secret-looking-thing-1234";
        telegram.pushUpdate(telegram.updates().groupMessage(GROUP, ANN, "/link@SpotlinkTestBot app:" + typed, "ru"));
        FakeTelegramCall answer = telegram.awaitCall("sendMessage", WAIT);
        assertEquals(String.valueOf(GROUP), answer.string("chat_id"));
        assertFalse(answer.params().toString().contains(typed), answer.params().toString());
        assertTrue(answer.string("text").contains(messages.get(RU, "link.own-app.invalid")
                .substring(0, 20)), answer.string("text"));
    }

    @Test
    void ownAppLinkInThePrivateChatEndToEnd() throws Exception {
        telegram.pushUpdate(telegram.updates().privateMessage(ANN, "/link app:own", "ru"));
        FakeTelegramCall guide = telegram.awaitCall("sendMessage", WAIT);
        assertTrue(guide.string("text").startsWith(messages.get(RU, "link.own-app.intro")), guide.string("text"));
        assertTrue(guide.string("text").contains("/link app:&lt;Client ID&gt;"), guide.string("text"));
        assertTrue(guide.string("text").contains("http://127.0.0.1:"), "the redirect URI: " + guide.string("text"));

        telegram.pushUpdate(telegram.updates().privateMessage(ANN, "/link app:" + OWN_APP, "en"));
        FakeTelegramCall link = telegram.awaitCall("sendMessage", WAIT);
        URI authorize = URI.create(link.json("reply_markup").path("inline_keyboard").path(0).path(0)
                .path("url").asText());
        assertTrue(authorize.getRawQuery().contains("client_id=" + OWN_APP), authorize.toString());

        HttpResponse<Void> page = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(spotify.consent(authorize, "ann-account")).build(),
                HttpResponse.BodyHandlers.discarding());
        assertEquals(200, page.statusCode());
        FakeTelegramCall confirmation = telegram.awaitCall("sendMessage", WAIT);
        assertEquals("Linked as Ann on Spotify. Try /nowplaying!", confirmation.string("text"));
        assertEquals(OWN_APP, bot.app.core().accounts().find(new ChatUser(Platform.TELEGRAM, String.valueOf(ANN)))
                .orElseThrow().clientId());
    }

    @Test
    void aClientIdPastedAloneInThePrivateChatIsTheLastStep() {
        telegram.pushUpdate(telegram.updates().privateMessage(ANN, "  " + OWN_APP + "\n", "en"));
        FakeTelegramCall link = telegram.awaitCall("sendMessage", WAIT);
        assertEquals(String.valueOf(ANN), link.string("chat_id"));
        String url = link.json("reply_markup").path("inline_keyboard").path(0).path(0).path("url").asText();
        assertTrue(url.contains("client_id=" + OWN_APP), url);
    }

    @Test
    void whenTheAdminAppIsFullTheMemberGetsTheStepsAndTheAdminChatANote() {
        for (int i = 1; i <= 5; i++) {
            bot.app.core().accounts().save(new NewLink(new ChatUser(Platform.DISCORD, "9" + i), "acct-" + i, null,
                    TestConfigs.CLIENT_ID, "AT", "RT", Instant.now().plusSeconds(3600), null), Instant.now());
        }
        telegram.pushUpdate(telegram.updates().privateMessage(ANN, "/link", "en"));
        FakeTelegramCall first = telegram.awaitCall("sendMessage", WAIT);
        FakeTelegramCall second = telegram.awaitCall("sendMessage", WAIT);
        FakeTelegramCall member = String.valueOf(ANN).equals(first.string("chat_id")) ? first : second;
        FakeTelegramCall admin = member == first ? second : first;
        assertTrue(member.string("text").startsWith(messages.get(Locale.ENGLISH, "link.admin-app-full")),
                member.string("text"));
        assertFalse(member.params().toString().contains("/authorize?"), "no link through the full app");
        assertEquals(String.valueOf(ADMIN_CHAT), admin.string("chat_id"));
        assertTrue(admin.string("text").contains("telegram:" + ANN), admin.string("text"));
        assertTrue(admin.string("text").contains("User Management"), admin.string("text"));
    }
}
