package dev.spotlink.transport.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spotlink.config.Secret;
import dev.spotlink.config.SpotlinkConfig;
import dev.spotlink.config.TelegramConfig;
import dev.spotlink.domain.ChatUser;
import dev.spotlink.domain.Platform;
import dev.spotlink.testing.FakeSpotify;
import dev.spotlink.testing.LinkedMembers;
import dev.spotlink.testing.StoreAccess;
import dev.spotlink.testing.TestConfigs;
import dev.spotlink.testing.telegram.FakeTelegram;
import dev.spotlink.testing.telegram.FakeTelegramCall;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /listening}, {@code /recent} and {@code /top} over Telegram: the real application and TelegramBots
 * against the fake Bot API (with {@code getChatMember}) and the fake Spotify.
 */
class ListeningTelegramTest {

    static final String TOKEN = "434343:AAH-listening_token";
    static final Duration WAIT = Duration.ofSeconds(10);
    static final long GROUP = -100_500_600_700L;
    static final long ANN = 3001;
    static final long BOB = 3002;
    static final long CARL = 3003;
    static final long DORA = 3004;

    @TempDir
    Path dataDir;

    private FakeSpotify spotify;
    private FakeTelegram telegram;
    private TelegramApp bot;
    private StoreAccess store;

    @BeforeEach
    void start() {
        spotify = FakeSpotify.start();
        telegram = FakeTelegram.start(TOKEN);
        // playback reused for a minute: the second /listening must not ask Spotify again
        SpotlinkConfig config = TestConfigs.withPlaybackTtl(TestConfigs.config(spotify, dataDir,
                TestConfigs.freePort(), Optional.empty(), Optional.of(new TelegramConfig(new Secret(TOKEN),
                        telegram.url()))), Duration.ofSeconds(60));
        bot = TelegramApp.start(config, telegram, WAIT);
        store = StoreAccess.open(dataDir);
    }

    @AfterEach
    void stop() {
        try {
            store.close();
            bot.close();
        } finally {
            telegram.close();
            spotify.close();
        }
    }

    @Test
    void listeningShowsPlayingMembersWhoShareAndNobodyElse() throws Exception {
        member(ANN, "ann", "Ann", "member");
        member(BOB, "bob", "Bob", "member");
        store.accounts().setSharing(user(BOB), false);
        member(CARL, "carl", "Carl", "left");
        member(DORA, "dora", "Dora", "administrator");
        play("ann", "Blinding Lights", 80_000);
        play("bob", "Secret Song", 10_000);
        play("carl", "Elsewhere Song", 5_000);
        play("dora", "Fresh Start", 2_000);

        telegram.pushUpdate(telegram.updates().groupMessage(GROUP, ANN, "/listening@" + FakeTelegram.BOT_USERNAME,
                "en"));
        FakeTelegramCall answer = telegram.awaitCall("sendPhoto", WAIT);
        assertEquals(String.valueOf(GROUP), answer.string("chat_id"));
        String caption = answer.string("caption");
        assertTrue(caption.startsWith("<b>Listening now · 2</b>\nDora — Fresh Start · Artist of Fresh Start"),
                caption);
        assertTrue(caption.contains("\nAnn — Blinding Lights"), caption);
        assertFalse(caption.contains("Bob") || caption.contains("Secret Song"), "sharing off: " + caption);
        assertFalse(caption.contains("Carl") || caption.contains("Elsewhere"), "not a member: " + caption);
        JsonNode keyboard = answer.json("reply_markup").path("inline_keyboard");
        assertEquals(2, keyboard.size());
        assertEquals("Dora: Fresh Start", keyboard.path(0).path(0).path("text").asText());
        assertTrue(keyboard.path(0).path(0).path("url").asText().startsWith("https://open.spotify.com/track/"));
        BufferedImage grid = ImageIO.read(new ByteArrayInputStream(answer.file("photo").bytes()));
        assertTrue(grid.getWidth() > grid.getHeight(), "two tiles side by side");
        // Bob shares nothing, so he was not even asked about; Ann sent the command, so she needs no lookup
        assertEquals(2, telegram.members().lookups());
        assertEquals(2, spotify.requests("/v1/me/player/currently-playing"), "Ann and Dora: members who share");

        int spotifyCalls = spotify.requests("/v1/me/player/currently-playing");
        telegram.pushUpdate(telegram.updates().groupMessage(GROUP, DORA, "/listening@" + FakeTelegram.BOT_USERNAME,
                "en"));
        String again = telegram.awaitCall("sendPhoto", WAIT).string("caption");
        assertTrue(again.startsWith("<b>Listening now · 2</b>"), again);
        assertEquals(2, telegram.members().lookups(), "memberships are remembered for minutes");
        assertEquals(spotifyCalls, spotify.requests("/v1/me/player/currently-playing"),
                "playback asked a moment ago comes from the cache");
    }

    @Test
    void inAPrivateChatOnlyTheUserIsListedAndNobodyPlayingIsSaid() throws Exception {
        member(ANN, "ann", "Ann", "member");
        member(BOB, "bob", "Bob", "member");
        member(CARL, "carl", "Carl", "member");
        play("bob", "Not Yours", 1_000);
        play("ann", "Mine Only", 1_000);

        telegram.pushUpdate(telegram.updates().privateMessage(ANN, "/listening", "ru"));
        String caption = telegram.awaitCall("sendPhoto", WAIT).string("caption");
        assertTrue(caption.startsWith("<b>Сейчас слушают · 1</b>\nAnn — Mine Only"), caption);
        assertFalse(caption.contains("Bob"), caption);

        telegram.pushUpdate(telegram.updates().privateMessage(CARL, "/listening", "en"));
        FakeTelegramCall nobody = telegram.awaitCall("sendMessage", WAIT);
        assertTrue(nobody.string("text").startsWith("You are not playing anything on Spotify right now."),
                nobody.string("text"));
        assertEquals(0, telegram.members().lookups());
    }

    @Test
    void aGroupWhereNobodyPlaysGetsAPlainAnswer() throws Exception {
        member(ANN, "ann", "Ann", "member");
        member(BOB, "bob", "Bob", "member");
        telegram.pushUpdate(telegram.updates().groupMessage(GROUP, BOB, "/listening@" + FakeTelegram.BOT_USERNAME,
                "en"));
        String text = telegram.awaitCall("sendMessage", WAIT).string("text");
        assertTrue(text.startsWith("Nobody here is playing anything on Spotify right now"), text);
    }

    @Test
    void moreThanTenPlayingShowsTenAndCountsTheRest() throws Exception {
        for (int i = 0; i < 12; i++) {
            member(4000 + i, "m" + i, "Member " + i, "member");
            play("m" + i, "Song " + i, 1_000 + i * 1_000L);
        }
        telegram.pushUpdate(telegram.updates().groupMessage(GROUP, 4000, "/listening@" + FakeTelegram.BOT_USERNAME,
                "en"));
        FakeTelegramCall answer = telegram.awaitCall("sendPhoto", WAIT);
        String caption = answer.string("caption");
        assertTrue(caption.startsWith("<b>Listening now · 12</b>\nMember 0 — Song 0"), caption);
        assertTrue(caption.contains("Member 9 — Song 9"), caption);
        assertFalse(caption.contains("Member 10"), caption);
        assertTrue(caption.contains("and 2 more"), caption);
        assertEquals(10, answer.json("reply_markup").path("inline_keyboard").size());
        BufferedImage grid = ImageIO.read(new ByteArrayInputStream(answer.file("photo").bytes()));
        assertTrue(grid.getWidth() >= 1200, "five tiles a row: " + grid.getWidth());
    }

    @Test
    void recentListsTheLastTenWithAStripAndKeepsPrivateMembersPrivate() throws Exception {
        member(ANN, "ann", "Ann", "member");
        member(BOB, "bob", "Bob", "member");
        store.accounts().setSharing(user(BOB), false);
        spotify.history().setRecent("ann", 12, Instant.now().minus(Duration.ofMinutes(3)), Duration.ofMinutes(5));

        telegram.pushUpdate(telegram.updates().groupMessage(GROUP, ANN, "/recent@" + FakeTelegram.BOT_USERNAME,
                "en"));
        FakeTelegramCall answer = telegram.awaitCall("sendPhoto", WAIT);
        String caption = answer.string("caption");
        assertTrue(caption.startsWith("<b>Recently played · Ann</b>\n1. Song 1 — Artist 1 · Album 1 · 3 min ago"),
                caption);
        assertTrue(caption.contains("\n10. Song 10 — Artist 10"), caption);
        assertFalse(caption.contains("Song 11"), caption);
        BufferedImage strip = ImageIO.read(new ByteArrayInputStream(answer.file("photo").bytes()));
        assertTrue(strip.getWidth() > strip.getHeight(), "two rows of five");

        telegram.pushUpdate(telegram.updates().groupMessage(GROUP, ANN, "/recent@" + FakeTelegram.BOT_USERNAME
                + " user:" + BOB, "en"));
        String refused = telegram.awaitCall("sendMessage", WAIT).string("text");
        assertTrue(refused.contains("That member keeps their listening private."), refused);
    }

    @Test
    void topForAnOldLinkOffersARelinkThatAsksForTheNewScope() throws Exception {
        ChatUser ann = user(ANN);
        LinkedMembers.link(spotify, store.accounts(), ann, "ann", "Ann", LinkedMembers.OLD_SCOPES);
        spotify.history().setTopTracks("ann", 3);

        // in a group the personal authorize link is never posted: a button opens the private chat instead
        telegram.pushUpdate(telegram.updates().groupMessage(GROUP, ANN, "/top@" + FakeTelegram.BOT_USERNAME, "en"));
        FakeTelegramCall pointer = telegram.awaitCall("sendMessage", WAIT);
        assertFalse(pointer.params().toString().contains("authorize"), pointer.params().toString());
        assertEquals("https://t.me/" + FakeTelegram.BOT_USERNAME + "?start=top", pointer.json("reply_markup")
                .path("inline_keyboard").path(0).path(0).path("url").asText());

        telegram.pushUpdate(telegram.updates().privateMessage(ANN, "/start top", "en"));
        FakeTelegramCall offer = telegram.awaitCall("sendMessage", WAIT);
        assertTrue(offer.string("text").startsWith("/top needs one more permission"), offer.string("text"));
        URI authorize = URI.create(offer.json("reply_markup").path("inline_keyboard").path(0).path(0).path("url")
                .asText());
        assertTrue(authorize.getRawQuery().contains("user-top-read"), authorize.toString());
        assertEquals(0, spotify.requests("/v1/me/top"), "nothing asked of Spotify without the scope");

        // Spotify takes the authorize link as it is (known client, scopes, PKCE); until the member follows it
        // through, the old link stays as it was
        assertTrue(spotify.consent(authorize, "ann").getRawQuery().contains("code="));
        assertEquals(LinkedMembers.OLD_SCOPES, store.accounts().find(ann).orElseThrow().scopes());
    }

    @Test
    void topShowsTracksOrArtistsAndSaysPlainlyWhenSpotifyRefusesTheEndpoint() throws Exception {
        member(ANN, "ann", "Ann", "member");
        spotify.history().setTopTracks("ann", 4);
        spotify.history().setTopArtists("ann", 2);

        telegram.pushUpdate(telegram.updates().groupMessage(GROUP, ANN, "/top@" + FakeTelegram.BOT_USERNAME
                + " artists period:all", "en"));
        FakeTelegramCall artists = telegram.awaitCall("sendPhoto", WAIT);
        assertEquals("<b>Top artists · Ann · all time</b>\n1. Top artist 1\n2. Top artist 2",
                artists.string("caption"));
        assertTrue(spotify.requests().stream().anyMatch(r -> r.path().equals("/v1/me/top/artists")
                && "long_term".equals(r.query().get("time_range"))));

        telegram.pushUpdate(telegram.updates().privateMessage(ANN, "/top", "ru"));
        String tracks = telegram.awaitCall("sendPhoto", WAIT).string("caption");
        assertTrue(tracks.startsWith("<b>Топ треков · Ann · последние 4 недели</b>\n1. Top track 1 — Top artist 1"),
                tracks);

        spotify.history().refuseTopItems(403);
        telegram.pushUpdate(telegram.updates().privateMessage(ANN, "/top tracks period:6m", "en"));
        String refused = telegram.awaitCall("sendMessage", WAIT).string("text");
        assertTrue(refused.contains("Spotify refuses this bot's app access to top tracks and artists (it answered "
                + "403)"), refused);
        spotify.history().refuseTopItems(404);
        telegram.pushUpdate(telegram.updates().privateMessage(ANN, "/top", "en"));
        assertTrue(telegram.awaitCall("sendMessage", WAIT).string("text").contains("(it answered 404)"));
    }

    private void member(long userId, String account, String name, String status) {
        LinkedMembers.link(spotify, store.accounts(), user(userId), account, name);
        telegram.members().set(GROUP, userId, status);
    }

    private void play(String account, String title, long progressMs) {
        spotify.setPlaying(account, spotify.trackJson(FakeSpotifyIds.track(title), title,
                List.of("Artist of " + title), "Album of " + title, progressMs, 200_000, true));
    }

    private static ChatUser user(long id) {
        return new ChatUser(Platform.TELEGRAM, String.valueOf(id));
    }

    /** Stable 22-character ids from titles. */
    static final class FakeSpotifyIds {
        static String track(String title) {
            String base = (title.replaceAll("[^A-Za-z0-9]", "") + "0000000000000000000000");
            return base.substring(0, 22);
        }
    }
}
