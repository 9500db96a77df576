package dev.spotlink.transport.telegram;

import static dev.spotlink.transport.telegram.TelegramEndToEndTest.ANN;
import static dev.spotlink.transport.telegram.TelegramEndToEndTest.BOB;
import static dev.spotlink.transport.telegram.TelegramEndToEndTest.RU;
import static dev.spotlink.transport.telegram.TelegramEndToEndTest.TOKEN;
import static dev.spotlink.transport.telegram.TelegramEndToEndTest.TRACK;
import static dev.spotlink.transport.telegram.TelegramEndToEndTest.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spotlink.config.CommandConfig;
import dev.spotlink.config.Secret;
import dev.spotlink.config.SpotlinkConfig;
import dev.spotlink.config.TelegramConfig;
import dev.spotlink.i18n.Messages;
import dev.spotlink.testing.FakeSpotify;
import dev.spotlink.testing.MutableClock;
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
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inline queries (one per keystroke) under the default command limit, through the real transport, a fake Bot API
 * and a fake Spotify, on a hand-moved clock: typing is answered from recent answers, overtaken queries are
 * dropped, and over the limit the user still gets a link's code, or is told when to try again.
 */
class InlineQueryLimitTest {

    private static final String NOW_PLAYING = "/v1/me/player/currently-playing";

    @TempDir
    Path dataDir;

    private final Messages messages = new Messages();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T06:00:00Z"));
    private FakeSpotify spotify;
    private FakeTelegram telegram;
    private TelegramApp bot;

    @BeforeEach
    void start() throws Exception {
        spotify = FakeSpotify.start();
        spotify.addUser("ann-account", "Ann");
        telegram = FakeTelegram.start(TOKEN);
        SpotlinkConfig config = TestConfigs.withCommands(TestConfigs.config(spotify, dataDir,
                TestConfigs.freePort(), Optional.empty(),
                Optional.of(new TelegramConfig(new Secret(TOKEN), telegram.url()))), CommandConfig.DEFAULT);
        bot = TelegramApp.start(config, telegram, WAIT, clock);
        telegram.pushUpdate(telegram.updates().privateMessage(ANN, "/link", "en"));
        URI authorize = URI.create(telegram.awaitCall("sendMessage", WAIT).json("reply_markup")
                .path("inline_keyboard").path(0).path(0).path("url").asText());
        HttpResponse<Void> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                spotify.consent(authorize, "ann-account")).build(), HttpResponse.BodyHandlers.discarding());
        assertEquals(200, page.statusCode());
        telegram.awaitCall("sendMessage", WAIT);
        spotify.setPlaying("ann-account", spotify.trackJson(TRACK, "Blinding Lights", "The Weeknd", "After Hours"));
        spotify.clearRequests();
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
    void typingAfterTheBotsNameAsksSpotifyOnceNotOncePerKeystroke() {
        String typed = "what am I listening to";
        for (int i = 0; i <= typed.length(); i++) {
            FakeTelegramCall answer = ask(ANN, typed.substring(0, i), "en");
            assertEquals("Now playing: Blinding Lights", answer.json("results").get(0).path("title").asText(),
                    "keystroke " + i + " answered, never refused");
        }
        assertEquals(1, spotify.requests(NOW_PLAYING), "one Spotify call for " + (typed.length() + 1) + " queries");

        clock.advance(InlineQueries.NOW_PLAYING_FRESH.plusSeconds(1));
        spotify.setPlaying("ann-account", spotify.trackJson("0VjIjW4GlUZAMYd2vXMi3b", "Save Your Tears",
                "The Weeknd", "After Hours"));
        assertEquals("Now playing: Save Your Tears", ask(ANN, "", "en").json("results").get(0).path("title")
                .asText(), "a stale answer is asked again");
        assertEquals(2, spotify.requests(NOW_PLAYING));
    }

    @Test
    void overTheLimitALinkStillGetsItsCodeAndTheCurrentTrackSaysWhenToTryAgain() {
        for (int i = 0; i < CommandConfig.DEFAULT.burst(); i++) {
            JsonNode code = ask(ANN, "spotify:track:" + track(i), "en").json("results").get(0);
            assertEquals("photo", code.path("type").asText());
        }
        assertEquals(CommandConfig.DEFAULT.burst(), spotify.requests("/v1/tracks/"), "one lookup per new link");

        JsonNode overLimit = ask(ANN, "spotify:track:" + track(9), "en").json("results").get(0);
        assertEquals("photo", overLimit.path("type").asText(), "over the limit a link is still answered");
        assertTrue(overLimit.path("photo_url").asText().endsWith("spotify:track:" + track(9)), overLimit.toString());
        assertEquals("https://open.spotify.com/track/" + track(9), overLimit.path("title").asText(),
                "from the link alone");
        assertEquals(CommandConfig.DEFAULT.burst(), spotify.requests("/v1/tracks/"), "without a Spotify call");

        FakeTelegramCall wait = ask(ANN, "", "ru");
        assertEquals(0, wait.json("results").size());
        assertEquals(messages.get(RU, "telegram.inline.too-fast", 2), wait.json("button").path("text").asText());
        assertEquals("Не так быстро: попробуйте через 2 с", wait.json("button").path("text").asText());
        assertEquals(2, wait.json("cache_time").asInt(), "Telegram keeps the wait as long as it lasts");
        assertEquals(0, spotify.requests(NOW_PLAYING));

        FakeTelegramCall again = ask(ANN, "spotify:track:" + track(0), "en");
        assertEquals("photo", again.json("results").get(0).path("type").asText(), "a recent answer is reused");
        assertEquals(CommandConfig.DEFAULT.burst(), spotify.requests("/v1/tracks/"));

        clock.advance(CommandConfig.DEFAULT.refill());
        assertEquals("Now playing: Blinding Lights", ask(ANN, "", "en").json("results").get(0).path("title")
                .asText());
        assertEquals(1, spotify.requests(NOW_PLAYING));

        spotify.addUser("bob-account", "Bob");
        FakeTelegramCall bob = ask(BOB, "", "en");
        assertEquals(messages.get(Locale.ENGLISH, "telegram.inline.not-linked"),
                bob.json("button").path("text").asText(), "Ann's limit is not Bob's business");
    }

    @Test
    void queriesOvertakenWhileTheirUserWaitsAreDroppedAndTheNewestIsAnswered() {
        CountDownLatch release = new CountDownLatch(1);
        telegram.holdAnswers("answerInlineQuery", release);
        telegram.pushUpdate(telegram.updates().inlineQuery(ANN, "", "en"));
        telegram.awaitHeld("answerInlineQuery", 1, WAIT); // Ann's lane is busy answering the first query
        long last = 0;
        for (int i = 0; i < 8; i++) {
            last = telegram.pushUpdate(telegram.updates().inlineQuery(ANN, "spotify:track:" + track(i), "en"));
        }
        telegram.awaitConfirmed(last, WAIT);
        release.countDown();

        FakeTelegramCall first = telegram.awaitCall("answerInlineQuery", WAIT);
        assertEquals("Now playing: Blinding Lights", first.json("results").get(0).path("title").asText());
        FakeTelegramCall newest = telegram.awaitCall("answerInlineQuery", WAIT);
        assertTrue(newest.json("results").get(0).path("photo_url").asText().endsWith(track(7)),
                newest.json("results").toString());
        assertEquals(2, telegram.calls("answerInlineQuery").size(), "the seven overtaken queries got no answer");
        assertEquals(1, spotify.requests("/v1/tracks/"), "and cost no Spotify call");
    }

    private FakeTelegramCall ask(long user, String text, String language) {
        telegram.pushUpdate(telegram.updates().inlineQuery(user, text, language));
        return telegram.awaitCall("answerInlineQuery", WAIT);
    }

    /** A valid track id of its own for each {@code i} below 10. */
    private static String track(int i) {
        return "4uLU6hMCjMI75M1A2tKUQ" + i;
    }
}
