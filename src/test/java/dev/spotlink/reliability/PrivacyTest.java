package dev.spotlink.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlink.domain.ChatUser;
import dev.spotlink.domain.Platform;
import dev.spotlink.testing.ChatUserCommands;
import dev.spotlink.testing.ConsoleHarness;
import dev.spotlink.testing.FakeSpotify;
import dev.spotlink.testing.StoreAccess;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /unlink} leaves no row about the user in any table of the database, and a user who switched sharing off
 * ({@code /privacy sharing:off}) cannot be looked at by anyone else: their Spotify is not even asked.
 */
class PrivacyTest {

    private static final Pattern AUTHORIZE_URL = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/authorize\\S+)");
    private static final String TRACK = "6rqhFgbbKwnb9MLmUQDhG6";

    @TempDir
    Path dataDir;

    private ConsoleHarness bot;
    private ChatUserCommands chat;

    @BeforeEach
    void start() {
        bot = new ConsoleHarness(dataDir);
        chat = new ChatUserCommands(bot.app().core().registry());
    }

    @AfterEach
    void stop() {
        bot.close();
    }

    @Test
    void unlinkLeavesNoRowAboutTheUserInAnyTable() {
        ChatUser user = new ChatUser(Platform.TELEGRAM, "privacy-user-7f3a9c");
        ChatUser other = new ChatUser(Platform.TELEGRAM, "other-user-51d2");
        linkThroughChat(user, "private-account-7f3a9c");
        linkThroughChat(other, "other-account-51d2");
        chat.run(user, "/link"); // a second, unfinished /link
        chat.run(user, "/privacy sharing:off");
        chat.run(user, "/nowplaying");
        List<String> before = StoreAccess.cellsContaining(bot.app().core().database(), user.userId());
        assertTrue(before.size() >= 3, "the scan finds the user's rows: " + before);

        String reply = chat.run(user, "/unlink");
        assertTrue(reply.contains("spotify.com/account/apps"), "told how to revoke on Spotify's side: " + reply);

        List<String> tables = StoreAccess.tables(bot.app().core().database());
        assertTrue(tables.containsAll(List.of("linked_accounts", "pending_links", "bot_state")), tables.toString());
        assertEquals(List.of(), StoreAccess.cellsContaining(bot.app().core().database(), user.userId()),
                "nothing about the user in any of " + tables);
        assertEquals(List.of(), StoreAccess.cellsContaining(bot.app().core().database(), "private-account-7f3a9c"),
                "nor their Spotify account");
        assertFalse(StoreAccess.cellsContaining(bot.app().core().database(), other.userId()).isEmpty(),
                "other users are untouched");
    }

    @Test
    @Timeout(30)
    void anUnlinkWhileTheLinkIsStillCompletingWins() throws Exception {
        ChatUser user = new ChatUser(Platform.TELEGRAM, "racing-user-93c1");
        bot.spotify.addUser("racing-account", "Racer");
        Matcher url = AUTHORIZE_URL.matcher(chat.run(user, "/link"));
        assertTrue(url.find());
        URI redirect = bot.spotify.consent(URI.create(url.group(1)), "racing-account");
        bot.spotify.setLatency(Duration.ofMillis(500));
        CompletableFuture<Integer> callback = CompletableFuture.supplyAsync(() -> bot.get(redirect).status());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (bot.spotify.tokenRequests() == 0) { // the callback claimed the state and is talking to Spotify
            assertTrue(System.nanoTime() < deadline, "the callback reached Spotify");
            Thread.sleep(5);
        }
        chat.run(user, "/unlink");

        assertEquals(400, callback.get(10, TimeUnit.SECONDS), "not told it worked");
        assertEquals(List.of(), StoreAccess.cellsContaining(bot.app().core().database(), user.userId()));
    }

    @Test
    void someoneWhoSwitchedSharingOffCannotBeLookedAt() {
        ChatUser bob = new ChatUser(Platform.CONSOLE, "bob-4e1");
        linkThroughChat(bob, "bob-account");
        bot.spotify.setPlaying("bob-account", bot.spotify.trackJson(TRACK, "Secret Song", "Artist", "Album"));

        bot.run("/nowplaying user:" + bob.userId());
        assertTrue(bot.drainOutput().contains("Secret Song"), "shared by default");

        assertTrue(chat.run(bob, "/privacy sharing:off").contains("only you can see"));
        bot.spotify.clearRequests();
        bot.run("/nowplaying user:" + bob.userId());
        String refused = bot.drainOutput();
        assertFalse(refused.contains("Secret Song"), refused);
        assertTrue(refused.startsWith("! "), "told it is not available: " + refused);
        assertTrue(bot.spotify.requests().isEmpty(), "bob's Spotify was not even asked: " + bot.spotify.requests());
        assertTrue(chat.run(bob, "/nowplaying").contains("Secret Song"), "bob still sees his own");

        chat.run(bob, "/privacy sharing:on");
        bot.run("/nowplaying user:" + bob.userId());
        assertTrue(bot.drainOutput().contains("Secret Song"), "shared again");
    }

    /** /link as {@code user} in chat, consent on the fake Spotify, back to the callback: linked. */
    private void linkThroughChat(ChatUser user, String accountId) {
        bot.spotify.addUser(accountId, "Name of " + accountId);
        Matcher url = AUTHORIZE_URL.matcher(chat.run(user, "/link"));
        assertTrue(url.find(), "an authorize link");
        FakeSpotify spotify = bot.spotify;
        assertEquals(200, bot.get(spotify.consent(URI.create(url.group(1)), accountId)).status());
    }
}
