package dev.spotlink.transport.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spotlink.command.Notifiers;
import dev.spotlink.command.Reply;
import dev.spotlink.config.Secret;
import dev.spotlink.domain.ChatUser;
import dev.spotlink.domain.Platform;
import dev.spotlink.i18n.Messages;
import dev.spotlink.testing.telegram.FakeTelegram;
import dev.spotlink.testing.telegram.FakeTelegramCall;
import dev.spotlink.web.Health;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The transport with the real TelegramBots client and poller against the fake Bot API, on test commands. */
class TelegramTransportTest {

    static final String TOKEN = "123456789:AAE-test_Token-for-fake";
    static final Duration WAIT = Duration.ofSeconds(10);
    static final long ANN = 1001;
    static final long BOB = 1002;
    static final long GROUP = -100_555_000_111L;

    private final Messages messages = new Messages();
    private final Notifiers notifiers = new Notifiers();
    private final Health health = new Health(() -> true);
    private FakeTelegram telegram;
    private TelegramTransport transport;

    @BeforeEach
    void start() {
        telegram = FakeTelegram.start(TOKEN);
        transport = new TelegramTransport(new Secret(TOKEN), telegram.url(), TestCommands.registry(messages),
                messages, notifiers, health, null, null, null);
        transport.start();
    }

    @AfterEach
    void stop() {
        List<String> violations = telegram.specViolations();
        transport.close();
        telegram.close();
        assertEquals(List.of(), violations, "requests the real Bot API would refuse");
    }

    @Test
    void startLogsInPublishesMenusInEnglishAndRussianAndPollsOnlyWhatItHandles() {
        assertEquals(FakeTelegram.BOT_USERNAME, transport.botUsername());
        assertTrue(telegram.checksAgainstSpec(),
                "the vendored Bot API spec (src/test/resources/specs/tgapi.json) should be read");
        FakeTelegramCall english = telegram.awaitCall("setMyCommands", WAIT);
        FakeTelegramCall russian = telegram.awaitCall("setMyCommands", WAIT);
        assertNull(english.string("language_code"));
        assertEquals("ru", russian.string("language_code"));
        assertEquals("link", english.json("commands").get(0).path("command").asText());
        assertEquals(messages.get(java.util.Locale.ENGLISH, "command.link.description"),
                english.json("commands").get(0).path("description").asText());
        assertEquals(messages.get(java.util.Locale.forLanguageTag("ru"), "command.link.description"),
                russian.json("commands").get(0).path("description").asText());
        assertEquals(9, english.json("commands").size());
        assertEquals(1, telegram.calls("deleteWebhook").size());
        FakeTelegramCall poll = telegram.awaitCall("getUpdates", WAIT);
        assertEquals(50, poll.json("timeout").asInt());
        assertEquals("[\"message\",\"inline_query\"]", poll.json("allowed_updates").toString());
        assertEquals("CONNECTED", ((Map<?, ?>) health.snapshot().get("transports")).get("telegram"));
    }

    @Test
    void privateCommandIsAnsweredInThePrivateChatWithEscapedHtml() {
        telegram.pushUpdate(telegram.updates().privateMessage(ANN, "/echo a <b>bold</b> & more", "en"));
        FakeTelegramCall sent = telegram.awaitCall("sendMessage", WAIT);
        assertEquals(String.valueOf(ANN), sent.string("chat_id"));
        assertEquals("echo: a &lt;b&gt;bold&lt;/b&gt; &amp; more", sent.string("text"));
        assertTrue("HTML".equalsIgnoreCase(sent.string("parse_mode")));
        assertTrue(sent.json("reply_parameters").isMissingNode(), "no quoting in a private chat");
        assertTrue(sent.json("link_preview_options").path("is_disabled").asBoolean());
    }

    @Test
    void groupCommandWithThisBotsSuffixIsAnsweredAsAReply() {
        var update = telegram.updates().groupMessage(GROUP, ANN, "/Echo@spotlinktestbot hi", "en");
        int messageId = update.path("message").path("message_id").asInt();
        telegram.pushUpdate(update);
        FakeTelegramCall sent = telegram.awaitCall("sendMessage", WAIT);
        assertEquals(String.valueOf(GROUP), sent.string("chat_id"));
        assertEquals("echo: hi", sent.string("text"));
        assertEquals(messageId, sent.json("reply_parameters").path("message_id").asInt());
    }

    @Test
    void commandsForOtherBotsAndUnknownBareCommandsInGroupsAreIgnored() {
        telegram.pushUpdate(telegram.updates().groupMessage(GROUP, ANN, "/echo@OtherBot hi", "en"));
        telegram.pushUpdate(telegram.updates().groupMessage(GROUP, ANN, "/weather", "en"));
        telegram.pushUpdate(telegram.updates().groupMessage(GROUP, ANN, "/echo second", "en"));
        FakeTelegramCall sent = telegram.awaitCall("sendMessage", WAIT);
        assertEquals("echo: second", sent.string("text"));
        assertEquals(1, telegram.calls("sendMessage").size());
    }

    @Test
    void unknownCommandAddressedToUsOrInPrivateGetsALocalizedAnswer() {
        telegram.pushUpdate(telegram.updates().groupMessage(GROUP, ANN, "/weather@SpotlinkTestBot", "en"));
        assertEquals("⚠️ Unknown command /weather. Try /help.",
                telegram.awaitCall("sendMessage", WAIT).string("text"));
        telegram.pushUpdate(telegram.updates().privateMessage(ANN, "/weather", "ru"));
        String russian = telegram.awaitCall("sendMessage", WAIT).string("text");
        assertTrue(russian.contains("/weather") && russian.contains("/help") && !russian.contains("Unknown"),
                russian);
    }

    @Test
    void replyWithAnImageIsAnUploadedPhotoWithCaptionAndUrlButtons() throws Exception {
        telegram.pushUpdate(telegram.updates().privateMessage(ANN, "/card", "en"));
        FakeTelegramCall sent = telegram.awaitCall("sendPhoto", WAIT);
        assertEquals(String.valueOf(ANN), sent.string("chat_id"));
        assertEquals("<a href=\"https://open.spotify.com/track/abc?x=1&amp;y=&quot;2&quot;\"><b>Song &lt;1&gt; "
                + "&amp; &quot;2&quot;</b></a>\nArtist &lt;A&gt; · Album &amp; Co\n\n<i>Ann on Spotify</i>",
                sent.string("caption"));
        assertTrue("HTML".equalsIgnoreCase(sent.string("parse_mode")));
        FakeTelegramCall.Upload photo = sent.file("photo");
        assertNotNull(photo);
        assertEquals("code.png", photo.fileName());
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(photo.bytes()));
        assertEquals(TestCommands.IMAGE_WIDTH, image.getWidth());
        assertEquals(TestCommands.IMAGE_HEIGHT, image.getHeight());
        assertEquals(0xFFFFFF, image.getRGB(6, 6) & 0xFFFFFF);
        JsonNode button = sent.json("reply_markup").path("inline_keyboard").get(0).get(0);
        assertEquals("Open in Spotify", button.path("text").asText());
        assertEquals("https://open.spotify.com/track/abc", button.path("url").asText());
    }

    @Test
    void coverWithoutAnImageIsTheLinkPreview() {
        telegram.pushUpdate(telegram.updates().privateMessage(ANN, "/cover", "en"));
        FakeTelegramCall sent = telegram.awaitCall("sendMessage", WAIT);
        assertEquals("<b>Demo tape</b>\nMe · Garage", sent.string("text"));
        assertEquals("https://i.scdn.co/image/cover123", sent.json("link_preview_options").path("url").asText());
        assertFalse(sent.json("link_preview_options").path("is_disabled").asBoolean());
    }

    @Test
    void longRepliesAreClippedToCaptionAndMessageLimits() {
        telegram.pushUpdate(telegram.updates().privateMessage(ANN, "/long", "en"));
        String caption = telegram.awaitCall("sendPhoto", WAIT).string("caption");
        String text = telegram.awaitCall("sendMessage", WAIT).string("text");
        assertTrue(visible(caption).length() <= 1024, "caption " + visible(caption).length());
        assertTrue(visible(text).length() <= 4096, "text " + visible(text).length());
        assertTrue(visible(caption).endsWith("…\n\nend"));
        assertTrue(visible(text).length() > 4000);
    }

    @Test
    void privateAnswersNeverReachAGroupButADeepLinkDoes() {
        telegram.pushUpdate(telegram.updates().groupMessage(GROUP, ANN, "/link", "en"));
        FakeTelegramCall sent = telegram.awaitCall("sendMessage", WAIT);
        assertEquals(String.valueOf(GROUP), sent.string("chat_id"));
        assertFalse(sent.params().toString().contains("SECRET"), sent.params().toString());
        assertEquals(messages.get(java.util.Locale.ENGLISH, "telegram.private.link"), sent.string("text"));
        JsonNode button = sent.json("reply_markup").path("inline_keyboard").get(0).get(0);
        assertEquals("https://t.me/SpotlinkTestBot?start=link", button.path("url").asText());

        telegram.pushUpdate(telegram.updates().groupMessage(GROUP, ANN, "/privacy", "ru"));
        FakeTelegramCall other = telegram.awaitCall("sendMessage", WAIT);
        assertFalse(other.params().toString().contains("Sharing is on"));
        assertEquals("https://t.me/SpotlinkTestBot?start=privacy",
                other.json("reply_markup").path("inline_keyboard").get(0).get(0).path("url").asText());
        assertEquals(messages.get(java.util.Locale.forLanguageTag("ru"), "telegram.private.other"),
                other.string("text"));
    }

    @Test
    void errorsInAGroupAreAnsweredInPlace() {
        telegram.pushUpdate(telegram.updates().groupMessage(GROUP, ANN, "/oops", "en"));
        FakeTelegramCall sent = telegram.awaitCall("sendMessage", WAIT);
        assertEquals(String.valueOf(GROUP), sent.string("chat_id"));
        assertEquals("⚠️ Spotify is not answering right now.", sent.string("text"));
    }

    @Test
    void startWithPayloadRunsThatCommandAndPlainStartGreets() {
        telegram.pushUpdate(telegram.updates().privateMessage(ANN, "/start link", "en"));
        FakeTelegramCall link = telegram.awaitCall("sendMessage", WAIT);
        assertEquals(TestCommands.SECRET_URL,
                link.json("reply_markup").path("inline_keyboard").get(0).get(0).path("url").asText());
        assertEquals(String.valueOf(ANN), link.string("chat_id"));

        telegram.pushUpdate(telegram.updates().privateMessage(ANN, "/start", "ru"));
        assertEquals(messages.get(java.util.Locale.forLanguageTag("ru"), "telegram.start.greeting",
                FakeTelegram.BOT_USERNAME), telegram.awaitCall("sendMessage", WAIT).string("text"));
        telegram.pushUpdate(telegram.updates().privateMessage(ANN, "/start nonsense", "de"));
        assertEquals(messages.get(java.util.Locale.ENGLISH, "telegram.start.greeting", FakeTelegram.BOT_USERNAME),
                telegram.awaitCall("sendMessage", WAIT).string("text"));
    }

    @Test
    void commandSentAsAReplyTargetsTheRepliedToMember() {
        telegram.pushUpdate(telegram.updates().replyTo(GROUP, ANN, "/nowplaying@SpotlinkTestBot", BOB));
        assertEquals("target=" + BOB + " public=true locale=en",
                telegram.awaitCall("sendMessage", WAIT).string("text"));
        telegram.pushUpdate(telegram.updates().groupMessage(GROUP, ANN, "/nowplaying", "ru"));
        assertEquals("target=self public=true locale=ru", telegram.awaitCall("sendMessage", WAIT).string("text"));
    }

    @Test
    void malformedAndUnhandledUpdatesAreSkippedAndPollingGoesOn() {
        var updates = telegram.updates();
        telegram.pushUpdate(updates.sticker(ANN, ANN));
        telegram.pushUpdate(updates.messageWithoutFrom(GROUP, "/echo anonymous"));
        telegram.pushUpdate(updates.unknownEntity(ANN, "hello there"));
        telegram.pushUpdate(updates.privateMessage(ANN, "/echo " + "y".repeat(5000), "en"));
        telegram.pushUpdate(updates.editedMessage(ANN, "/echo edited"));
        telegram.pushUpdate(updates.channelPost(-100_777L, "/echo channel"));
        telegram.pushUpdate(updates.unknownUpdateType());
        long unreadable = telegram.pushUpdate(updates.unreadableMessage(ANN));
        telegram.awaitConfirmed(unreadable - 1, WAIT);
        telegram.pushUpdate(updates.privateMessage(ANN, "/crash", "en"));
        telegram.pushUpdate(updates.privateMessage(ANN, "/echo still here", "en"));
        telegram.pushUpdate(updates.groupMessage(GROUP, BOB, "/echo group too", "en"));

        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            texts.add(telegram.awaitCall("sendMessage", WAIT).string("text"));
        }
        // updates of one chat are handled in order; the group's may come before or after (another lane)
        assertEquals(List.of("⚠️ " + messages.get(java.util.Locale.ENGLISH, "error.internal"), "echo: still here"),
                texts.stream().filter(t -> !t.equals("echo: group too")).toList());
        assertTrue(texts.contains("echo: group too"), texts.toString());
        telegram.awaitConfirmed(unreadable, WAIT);
        assertEquals(3, telegram.calls("sendMessage").size(), telegram.sends().toString());
    }

    @Test
    void answersToManyChatsAreSentConcurrently() {
        // TelegramBots sends through OkHttp's dispatcher, which lets 5 calls per host run by default: a slow upload
        // held up the answers of every other chat behind it.
        int chats = 24;
        CountDownLatch release = new CountDownLatch(1);
        telegram.holdAnswers("sendMessage", release);
        for (int i = 0; i < chats; i++) {
            telegram.pushUpdate(telegram.updates().privateMessage(5_000 + i, "/echo hi", "en"));
        }
        try {
            telegram.awaitHeld("sendMessage", chats, WAIT);
        } finally {
            release.countDown();
        }
        for (int i = 0; i < chats; i++) {
            telegram.awaitCall("sendMessage", WAIT);
        }
        assertEquals(chats, telegram.calls("sendMessage").size());
    }

    @Test
    void rateLimitedSendIsRetriedOnceAfterRetryAfter() {
        telegram.failNext("sendMessage", 429, 1);
        long started = System.nanoTime();
        telegram.pushUpdate(telegram.updates().privateMessage(ANN, "/echo patient", "en"));
        FakeTelegramCall first = telegram.awaitCall("sendMessage", WAIT);
        FakeTelegramCall second = telegram.awaitCall("sendMessage", WAIT);
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() >= 1000);
        assertEquals(first.params(), second.params());
        assertEquals("echo: patient", second.string("text"));
    }

    @Test
    void aChatWaitingOutTelegramsRetryAfterHoldsUpNoOtherChat() {
        // 1001 and 1065 once shared one of 64 lanes (1001 % 64 == 1065 % 64): Ann's wait held Carl's answer too
        long carl = ANN + 64;
        telegram.failNext("sendMessage", 429, 3);
        telegram.pushUpdate(telegram.updates().privateMessage(ANN, "/echo patient", "en"));
        FakeTelegramCall refused = telegram.awaitCall("sendMessage", WAIT);
        assertEquals(String.valueOf(ANN), refused.string("chat_id"));
        telegram.pushUpdate(telegram.updates().privateMessage(carl, "/echo meanwhile", "en"));
        FakeTelegramCall next = telegram.awaitCall("sendMessage", WAIT);
        assertEquals(String.valueOf(carl), next.string("chat_id"), "Carl is answered while Ann's chat waits");
        FakeTelegramCall retried = telegram.awaitCall("sendMessage", WAIT);
        assertEquals(String.valueOf(ANN), retried.string("chat_id"));
        assertEquals("echo: patient", retried.string("text"));
    }

    @Test
    void rateLimitedPhotoIsUploadedAgainOnRetry() {
        telegram.failNext("sendPhoto", 429, 1);
        telegram.pushUpdate(telegram.updates().privateMessage(ANN, "/card", "en"));
        FakeTelegramCall first = telegram.awaitCall("sendPhoto", WAIT);
        FakeTelegramCall second = telegram.awaitCall("sendPhoto", WAIT);
        assertTrue(java.util.Arrays.equals(first.file("photo").bytes(), second.file("photo").bytes()));
        assertTrue(second.file("photo").bytes().length > 0);
    }

    @Test
    void refusedButtonsFallBackToTextWithTheLinksSpelledOut() {
        telegram.failNext("sendPhoto", 400, 0);
        telegram.pushUpdate(telegram.updates().privateMessage(ANN, "/card", "en"));
        telegram.awaitCall("sendPhoto", WAIT);
        FakeTelegramCall fallback = telegram.awaitCall("sendMessage", WAIT);
        assertTrue(fallback.string("text").contains("Open in Spotify: https://open.spotify.com/track/abc"));
        assertTrue(fallback.json("reply_markup").isMissingNode());
    }

    @Test
    void notificationsGoToTheUsersPrivateChat() {
        notifiers.notify(new ChatUser(Platform.TELEGRAM, String.valueOf(BOB)), Reply.text("Linked as Bob."));
        FakeTelegramCall sent = telegram.awaitCall("sendMessage", WAIT);
        assertEquals(String.valueOf(BOB), sent.string("chat_id"));
        assertEquals("Linked as Bob.", sent.string("text"));
    }

    @Test
    void closedTransportReportsStoppedAndDropsNotifications() throws InterruptedException {
        telegram.awaitCall("getUpdates", WAIT); // a poll is held by the fake now
        transport.close();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (pollerAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertFalse(pollerAlive(), "closing ends the long poll in flight");
        assertEquals("STOPPED", ((Map<?, ?>) health.snapshot().get("transports")).get("telegram"));
        notifiers.notify(new ChatUser(Platform.TELEGRAM, String.valueOf(BOB)), Reply.text("late"));
        assertEquals(List.of(), telegram.calls("sendMessage"));
    }

    @Test
    void wrongTokenFailsStartWithoutRevealingIt() {
        try (FakeTelegram other = FakeTelegram.start("999:other-token")) {
            TelegramTransport refused = new TelegramTransport(new Secret(TOKEN), other.url(),
                    TestCommands.registry(messages), messages, new Notifiers(), health, null, null, null);
            IllegalStateException e = assertThrows(IllegalStateException.class, refused::start);
            assertTrue(e.getMessage().contains("telegram.token"), e.getMessage());
            assertFalse(e.getMessage().contains(TOKEN));
            refused.close();
        }
    }

    @Test
    void apiUrlIsParsedIntoTelegramUrl() {
        var official = TelegramApiUrl.parse("https://api.telegram.org");
        assertEquals("https", official.getSchema());
        assertEquals("api.telegram.org", official.getHost());
        assertEquals(443, official.getPort());
        var local = TelegramApiUrl.parse("http://127.0.0.1:8081/");
        assertEquals("http", local.getSchema());
        assertEquals(8081, local.getPort());
        assertThrows(IllegalArgumentException.class, () -> TelegramApiUrl.parse("http://host/prefix"));
        assertThrows(IllegalArgumentException.class, () -> TelegramApiUrl.parse("ftp://host"));
    }

    private static boolean pollerAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("telegram-poller") && t.isAlive());
    }

    /** What Telegram counts against the limits: the text after HTML parsing. */
    static String visible(String html) {
        return html.replaceAll("<[^>]+>", "").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&amp;", "&");
    }
}
