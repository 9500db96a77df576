package dev.spotlink.transport.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spotlink.config.Secret;
import dev.spotlink.config.SpotlinkConfig;
import dev.spotlink.config.TelegramConfig;
import dev.spotlink.i18n.Messages;
import dev.spotlink.testing.FakeSpotify;
import dev.spotlink.testing.TestConfigs;
import dev.spotlink.testing.telegram.FakeTelegram;
import dev.spotlink.testing.telegram.FakeTelegramCall;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole bot over Telegram: the real application (callback server, store, Spotify clients, core commands)
 * against a fake Spotify, and the transport's real TelegramBots client and poller against the fake Bot API.
 */
class TelegramEndToEndTest {

    static final String TOKEN = "424242:AAH-end-to-end_token";
    static final Duration WAIT = Duration.ofSeconds(10);
    static final long ANN = 2001;
    static final long BOB = 2002;
    static final long GROUP = -100_200_300_400L;
    static final String TRACK = "6rqhFgbbKwnb9MLmUQDhG6";
    static final String ALBUM = "4yP0hdKOZPNshxUOjY0cZj";
    static final Locale RU = Locale.forLanguageTag("ru");

    @TempDir
    Path dataDir;

    private final Messages messages = new Messages();
    private final HttpClient browser = HttpClient.newHttpClient();
    private FakeSpotify spotify;
    private FakeTelegram telegram;
    private TelegramApp bot;

    @BeforeEach
    void start() {
        spotify = FakeSpotify.start();
        spotify.addUser("ann-account", "Ann <&> Co");
        spotify.addUser("bob-account", "Bob");
        telegram = FakeTelegram.start(TOKEN);
        SpotlinkConfig config = TestConfigs.config(spotify, dataDir, TestConfigs.freePort(), Optional.empty(),
                Optional.of(new TelegramConfig(new Secret(TOKEN), telegram.url())));
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
    void menuListsTheCoreCommandsInBothLanguages() {
        List<FakeTelegramCall> menus = telegram.calls("setMyCommands");
        JsonNode english = menus.get(0).json("commands");
        List<String> names = List.of("link", "unlink", "nowplaying", "share", "privacy", "listening",
                "recent", "top", "help");
        for (int i = 0; i < names.size(); i++) {
            assertEquals(names.get(i), english.get(i).path("command").asText());
        }
        assertEquals("ru", menus.get(1).string("language_code"));
        assertEquals(messages.get(RU, "command.share.description"),
                menus.get(1).json("commands").get(3).path("description").asText());
    }

    @Test
    void linkInPrivateThenTheConfirmationArrivesInThePrivateChat() throws Exception {
        telegram.pushUpdate(telegram.updates().privateMessage(ANN, "/link", "en"));
        FakeTelegramCall link = telegram.awaitCall("sendMessage", WAIT);
        assertEquals(String.valueOf(ANN), link.string("chat_id"));
        assertTrue(link.string("text").startsWith("Open this personal link"), link.string("text"));
        JsonNode button = firstButton(link);
        assertEquals("Connect Spotify", button.path("text").asText());
        URI authorize = URI.create(button.path("url").asText());
        assertTrue(authorize.toString().startsWith(spotify.accountsUrl() + "/authorize?"), authorize.toString());

        assertEquals(200, browse(spotify.consent(authorize, "ann-account")));
        FakeTelegramCall confirmation = telegram.awaitCall("sendMessage", WAIT);
        assertEquals(String.valueOf(ANN), confirmation.string("chat_id"));
        assertEquals("Linked as Ann &lt;&amp;&gt; Co on Spotify. Try /nowplaying!", confirmation.string("text"));
    }

    @Test
    void linkInAGroupOnlyPointsToThePrivateChatWhereStartLinkGivesTheLink() {
        telegram.pushUpdate(telegram.updates().groupMessage(GROUP, ANN, "/link@SpotlinkTestBot", "en"));
        FakeTelegramCall pointer = telegram.awaitCall("sendMessage", WAIT);
        assertEquals(String.valueOf(GROUP), pointer.string("chat_id"));
        String payload = pointer.params().toString();
        assertFalse(payload.contains("authorize") || payload.contains("state=") || payload.contains(spotify.baseUrl()),
                payload);
        assertEquals("https://t.me/" + FakeTelegram.BOT_USERNAME + "?start=link", firstButton(pointer).path("url")
                .asText());

        telegram.pushUpdate(telegram.updates().privateMessage(ANN, "/start link", "en"));
        FakeTelegramCall link = telegram.awaitCall("sendMessage", WAIT);
        assertEquals(String.valueOf(ANN), link.string("chat_id"));
        assertTrue(firstButton(link).path("url").asText().startsWith(spotify.accountsUrl() + "/authorize?"));
    }

    @Test
    void nowPlayingIsTheCodeAsPhotoWithCaptionInPrivateInGroupsAndForTheMemberRepliedTo() throws Exception {
        linkAs(ANN, "ann-account");
        spotify.setPlaying("ann-account", spotify.trackJson(TRACK, "Blinding Lights", List.of("The Weeknd"),
                "After Hours", 61_000, 200_040, true));

        telegram.pushUpdate(telegram.updates().privateMessage(ANN, "/nowplaying", "en"));
        FakeTelegramCall own = telegram.awaitCall("sendPhoto", WAIT);
        assertEquals(String.valueOf(ANN), own.string("chat_id"));
        String caption = own.string("caption");
        assertTrue(caption.startsWith("<a href=\"https://open.spotify.com/track/" + TRACK
                + "\"><b>Blinding Lights</b></a>\nThe Weeknd · After Hours\n▶ 1:01 "), caption);
        assertTrue(caption.endsWith("<i>Ann &lt;&amp;&gt; Co on Spotify</i>"), caption);
        assertEquals(640, decode(own).getWidth());
        JsonNode open = firstButton(own);
        assertEquals("Open in Spotify", open.path("text").asText());
        assertEquals("https://open.spotify.com/track/" + TRACK, open.path("url").asText());

        var groupCommand = telegram.updates().groupMessage(GROUP, ANN, "/nowplaying@SpotlinkTestBot", "en");
        telegram.pushUpdate(groupCommand);
        FakeTelegramCall inGroup = telegram.awaitCall("sendPhoto", WAIT);
        assertEquals(String.valueOf(GROUP), inGroup.string("chat_id"));
        assertEquals(groupCommand.path("message").path("message_id").asInt(),
                inGroup.json("reply_parameters").path("message_id").asInt());

        telegram.pushUpdate(telegram.updates().replyTo(GROUP, BOB, "/nowplaying", ANN));
        FakeTelegramCall theirs = telegram.awaitCall("sendPhoto", WAIT);
        assertEquals(String.valueOf(GROUP), theirs.string("chat_id"));
        assertTrue(theirs.string("caption").contains("Blinding Lights"));

        telegram.pushUpdate(telegram.updates().privateMessage(ANN, "/privacy off", "en"));
        assertEquals(messages.get(Locale.ENGLISH, "privacy.sharing-off"),
                telegram.awaitCall("sendMessage", WAIT).string("text"));
        telegram.pushUpdate(telegram.updates().replyTo(GROUP, BOB, "/nowplaying", ANN));
        FakeTelegramCall refused = telegram.awaitCall("sendMessage", WAIT);
        assertEquals(String.valueOf(GROUP), refused.string("chat_id"));
        assertEquals("⚠️ " + messages.get(Locale.ENGLISH, "nowplaying.other-private"), refused.string("text"));
    }

    @Test
    void shareSendsTheCodeImageForALinkInAGroup() throws Exception {
        telegram.pushUpdate(telegram.updates().groupMessage(GROUP, BOB,
                "/share@SpotlinkTestBot https://open.spotify.com/album/" + ALBUM + "?si=x bars:black", "en"));
        FakeTelegramCall shared = telegram.awaitCall("sendPhoto", WAIT);
        assertEquals(String.valueOf(GROUP), shared.string("chat_id"));
        assertTrue(shared.string("caption").contains("https://open.spotify.com/album/" + ALBUM));
        BufferedImage code = decode(shared);
        assertEquals(640, code.getWidth());
        assertTrue(spotify.requests().stream().anyMatch(r -> r.path().equals(
                "/uri/plain/png/000000/black/640/spotify:album:" + ALBUM)));
        assertEquals("https://open.spotify.com/album/" + ALBUM, firstButton(shared).path("url").asText());
    }

    @Test
    void helpUnlinkAndPrivacyAnswerPrivatelyAndPointThereFromGroups() {
        telegram.pushUpdate(telegram.updates().privateMessage(ANN, "/help", "ru"));
        String help = telegram.awaitCall("sendMessage", WAIT).string("text");
        assertTrue(help.startsWith(messages.get(RU, "help.intro").substring(0, 30)), help);
        assertTrue(help.contains("/nowplaying") && help.contains("/share"), help);

        telegram.pushUpdate(telegram.updates().privateMessage(ANN, "/unlink", "en"));
        FakeTelegramCall unlink = telegram.awaitCall("sendMessage", WAIT);
        assertTrue(unlink.string("text").startsWith("You had no linked Spotify account here"));
        assertEquals("https://www.spotify.com/account/apps/", firstButton(unlink).path("url").asText());

        telegram.pushUpdate(telegram.updates().privateMessage(ANN, "/privacy", "en"));
        assertEquals("⚠️ " + messages.get(Locale.ENGLISH, "error.not-linked"),
                telegram.awaitCall("sendMessage", WAIT).string("text"));

        for (String command : List.of("help", "unlink")) {
            telegram.pushUpdate(telegram.updates().groupMessage(GROUP, ANN, "/" + command + "@SpotlinkTestBot",
                    "en"));
            FakeTelegramCall pointer = telegram.awaitCall("sendMessage", WAIT);
            assertEquals(String.valueOf(GROUP), pointer.string("chat_id"));
            assertEquals(messages.get(Locale.ENGLISH, "telegram.private.other"), pointer.string("text"));
            assertEquals("https://t.me/" + FakeTelegram.BOT_USERNAME + "?start=" + command,
                    firstButton(pointer).path("url").asText());
        }
    }

    @Test
    void inlineModeOffersLinkingThenTheCurrentTrackThenAPastedLinksCode() throws Exception {
        telegram.pushUpdate(telegram.updates().inlineQuery(ANN, "", "ru"));
        FakeTelegramCall notLinked = telegram.awaitCall("answerInlineQuery", WAIT);
        assertEquals(0, notLinked.json("results").size());
        assertEquals("link", notLinked.json("button").path("start_parameter").asText());
        assertEquals(messages.get(RU, "telegram.inline.not-linked"), notLinked.json("button").path("text").asText());
        assertTrue(notLinked.json("is_personal").asBoolean());

        linkAs(ANN, "ann-account");
        spotify.setPlaying("ann-account", spotify.trackJson(TRACK, "Blinding Lights", "The Weeknd", "After Hours"));
        telegram.pushUpdate(telegram.updates().inlineQuery(ANN, "", "en"));
        FakeTelegramCall playing = telegram.awaitCall("answerInlineQuery", WAIT);
        assertTrue(playing.json("is_personal").asBoolean());
        assertEquals(InlineQueries.CACHE_SECONDS, playing.json("cache_time").asInt());
        JsonNode result = playing.json("results").get(0);
        assertEquals("photo", result.path("type").asText());
        String photoUrl = spotify.codesUrl() + "/uri/plain/jpeg/000000/white/640/spotify:track:" + TRACK;
        assertEquals(photoUrl, result.path("photo_url").asText());
        assertEquals(spotify.codesUrl() + "/uri/plain/jpeg/000000/white/320/spotify:track:" + TRACK,
                result.path("thumbnail_url").asText());
        assertEquals("Now playing: Blinding Lights", result.path("title").asText());
        assertTrue(result.path("caption").asText().contains("<b>Blinding Lights</b>"));
        assertEquals("https://open.spotify.com/track/" + TRACK,
                result.path("reply_markup").path("inline_keyboard").get(0).get(0).path("url").asText());
        HttpResponse<byte[]> jpeg = browser.send(HttpRequest.newBuilder(URI.create(photoUrl)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals("image/jpeg", jpeg.headers().firstValue("Content-Type").orElse(""));
        assertEquals(640, ImageIO.read(new ByteArrayInputStream(jpeg.body())).getWidth());

        telegram.pushUpdate(telegram.updates().inlineQuery(BOB, "spotify:album:" + ALBUM, "en"));
        JsonNode album = telegram.awaitCall("answerInlineQuery", WAIT).json("results").get(0);
        assertEquals(spotify.codesUrl() + "/uri/plain/jpeg/000000/white/640/spotify:album:" + ALBUM,
                album.path("photo_url").asText());
        assertEquals("https://open.spotify.com/album/" + ALBUM, album.path("title").asText());
    }

    private void linkAs(long userId, String accountId) throws Exception {
        telegram.pushUpdate(telegram.updates().privateMessage(userId, "/link", "en"));
        URI authorize = URI.create(firstButton(telegram.awaitCall("sendMessage", WAIT)).path("url").asText());
        assertEquals(200, browse(spotify.consent(authorize, accountId)));
        assertTrue(telegram.awaitCall("sendMessage", WAIT).string("text").startsWith("Linked as"));
    }

    private int browse(URI uri) throws IOException, InterruptedException {
        return browser.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static JsonNode firstButton(FakeTelegramCall call) {
        return call.json("reply_markup").path("inline_keyboard").path(0).path(0);
    }

    private static BufferedImage decode(FakeTelegramCall call) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(call.file("photo").bytes()));
        assertTrue(image != null, "an image Java can decode");
        return image;
    }
}
