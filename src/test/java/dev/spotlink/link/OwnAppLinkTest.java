package dev.spotlink.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlink.config.LinkConfig;
import dev.spotlink.config.SpotlinkConfig;
import dev.spotlink.domain.ChatUser;
import dev.spotlink.domain.LinkedAccount;
import dev.spotlink.domain.Platform;
import dev.spotlink.i18n.Messages;
import dev.spotlink.spotify.HttpClients;
import dev.spotlink.spotify.Json;
import dev.spotlink.spotify.SpotifyAccountsClient;
import dev.spotlink.spotify.SpotifyException;
import dev.spotlink.store.BotStateRepository;
import dev.spotlink.store.LinkedAccountRepository;
import dev.spotlink.store.NewLink;
import dev.spotlink.testing.ConsoleHarness;
import dev.spotlink.testing.FakeSpotify;
import dev.spotlink.testing.TestConfigs;
import dev.spotlink.transport.console.ConsoleTransport;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Linking through a member's own Spotify app, end to end: console command path, the real callback server, store
 * and Spotify clients against the fake Spotify (which treats own apps as public clients: PKCE, no secret,
 * refresh tokens rotate on every refresh).
 */
class OwnAppLinkTest {

    static final String OWN_APP = "0123456789abcdef0123456789abcdef";
    private static final ChatUser ME = ConsoleTransport.LOCAL_USER;
    private static final Pattern AUTHORIZE_URL = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/authorize\\S+)");

    @TempDir
    Path dataDir;

    private final Messages messages = new Messages();
    private static final Duration TTL = Duration.ofMinutes(10);

    private ConsoleHarness bot;

    @AfterEach
    void stop() {
        if (bot != null) {
            bot.close();
        }
    }

    private void start(boolean ownAppAllowed) {
        start(new LinkConfig(TTL, ownAppAllowed));
    }

    private void start(LinkConfig link) {
        FakeSpotify spotify = FakeSpotify.start();
        SpotlinkConfig base = TestConfigs.config(spotify, dataDir);
        SpotlinkConfig config = new SpotlinkConfig(base.source(), base.spotify(), base.server(), base.database(),
                base.security(), link, base.discord(), base.telegram(),
                base.cache(), base.command());
        bot = new ConsoleHarness(dataDir, spotify, config);
        bot.spotify.registerPublicApp(OWN_APP);
        bot.spotify.addUser("me-account", "Me");
    }

    private String en(String key, Object... args) {
        return messages.get(Locale.ENGLISH, key, args);
    }

    private URI authorizeUrlIn(String output) {
        Matcher m = AUTHORIZE_URL.matcher(output);
        assertTrue(m.find(), "authorize URL printed: " + output);
        return URI.create(m.group(1));
    }

    private LinkedAccountRepository accounts() {
        return bot.app().core().accounts();
    }

    @Test
    void ownAppLinkUsesPkceWithoutSecretAndSwitchesBackAndForth() {
        start(true);
        bot.run("/link");
        String offer = bot.drainOutput();
        assertTrue(offer.contains(en("link.own-app.hint")), "both ways offered: " + offer);

        bot.run("/link app:own");
        String guide = bot.drainOutput();
        assertTrue(guide.contains(bot.config().spotify().redirectUri().toString()), "the exact redirect URI");
        assertTrue(guide.contains(OwnAppGuide.DASHBOARD), guide);

        bot.run("/link app:" + OWN_APP.toUpperCase(Locale.ROOT));
        URI authorize = authorizeUrlIn(bot.drainOutput());
        assertTrue(authorize.getRawQuery().contains("client_id=" + OWN_APP), authorize.toString());
        ConsoleHarness.Page page = bot.get(bot.spotify.consent(authorize, "me-account"));
        assertEquals(200, page.status(), page.body());
        assertTrue(bot.drainOutput().contains("Linked as Me"), "chat confirmation");

        FakeSpotify.RecordedRequest exchange = bot.spotify.requests().stream()
                .filter(r -> "authorization_code".equals(r.form().get("grant_type"))).findFirst().orElseThrow();
        assertEquals(OWN_APP, exchange.form().get("client_id"));
        assertNull(exchange.header("Authorization"), "a public client sends no secret");
        assertEquals(OWN_APP, accounts().find(ME).orElseThrow().clientId());

        bot.spotify.setPlaying("me-account", bot.spotify.trackJson("6rqhFgbbKwnb9MLmUQDhG6", "Song", "Artist",
                "Album"));
        bot.run("/nowplaying");
        assertTrue(bot.drainOutput().contains("Song"));

        // linking again through the admin's app switches back, and again to the own app
        bot.get(bot.spotify.consent(bot.link(), "me-account"));
        assertEquals(TestConfigs.CLIENT_ID, accounts().find(ME).orElseThrow().clientId());
        bot.run("/link app:" + OWN_APP);
        bot.get(bot.spotify.consent(authorizeUrlIn(bot.drainOutput()), "me-account"));
        assertEquals(OWN_APP, accounts().find(ME).orElseThrow().clientId());

        bot.run("/unlink");
        assertTrue(accounts().find(ME).isEmpty(), "unlink removes the account and its client id");
    }

    @Test
    void refreshRotatesTheRefreshTokenWhichIsStoredAndTheOldOneDies() throws Exception {
        start(true);
        linkThroughOwnApp();
        LinkedAccount before = accounts().find(ME).orElseThrow();
        bot.spotify.clearRequests();

        bot.clock.advance(Duration.ofHours(2));
        bot.run("/nowplaying");
        bot.drainOutput();

        FakeSpotify.RecordedRequest refresh = bot.spotify.requests().stream()
                .filter(r -> "refresh_token".equals(r.form().get("grant_type"))).findFirst().orElseThrow();
        assertEquals(OWN_APP, refresh.form().get("client_id"));
        assertNull(refresh.header("Authorization"));
        LinkedAccount after = accounts().find(ME).orElseThrow();
        assertFalse(after.refreshToken().equals(before.refreshToken()), "the rotated refresh token is stored");
        assertFalse(after.accessToken().equals(before.accessToken()));

        SpotifyAccountsClient outsider = new SpotifyAccountsClient(HttpClients.create(), Json.mapper(),
                bot.config().spotify(), Clock.systemUTC());
        SpotifyException dead = assertThrows(SpotifyException.class,
                () -> outsider.refresh(OWN_APP, before.refreshToken()));
        assertEquals(SpotifyException.Reason.INVALID_GRANT, dead.reason(), "the old refresh token is burnt");
        assertTrue(outsider.refresh(OWN_APP, after.refreshToken()).refreshToken() != null, "the stored one works");
    }

    @Test
    void fiftyConcurrentCommandsBurnTheRotatingRefreshTokenOnlyOnce() throws Exception {
        start(true);
        linkThroughOwnApp();
        LinkedAccount linked = accounts().find(ME).orElseThrow();
        bot.clock.advance(Duration.ofHours(2));
        bot.spotify.clearRequests();

        int callers = 50;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return bot.app().core().tokens().call(linked,
                            bot.app().core().api().forApp(linked.clientId())::me).accountId();
                }));
            }
            go.countDown();
            for (Future<String> result : results) {
                assertEquals("me-account", result.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, bot.spotify.tokenRequests("refresh_token"), "single flight: one refresh for 50 callers");
        assertEquals(callers, bot.spotify.requests("/v1/me"));
        LinkedAccount after = accounts().find(ME).orElseThrow();
        assertFalse(after.refreshToken().equals(linked.refreshToken()), "the one rotation is stored");
    }

    @Test
    void malformedClientIdsAreRefusedWithoutEchoAndNothingIsIssued() {
        start(true);
        for (String bad : List.of("hello-not-an-id", "0123456789abcdef0123456789abcde", "<script>x</script>",
                "0123456789abcdef0123456789abcdeg")) {
            bot.run("/link app:" + bad);
            String out = bot.drainOutput();
            assertTrue(out.contains(en("link.own-app.invalid")), out);
            assertFalse(out.contains(bad), "never echoed: " + out);
            assertFalse(out.contains("/authorize"), out);
        }
    }

    @Test
    void anAppSpotifyRejectsAtTheExchangeIsExplainedAndNothingIsStored() {
        start(true);
        bot.run("/link app:" + OWN_APP);
        URI callback = bot.spotify.consent(authorizeUrlIn(bot.drainOutput()), "me-account");
        bot.spotify.deleteApp(OWN_APP);

        ConsoleHarness.Page page = bot.get(callback);
        assertEquals(400, page.status());
        assertTrue(page.body().contains("did not accept the Client ID"), page.body());
        assertTrue(bot.drainOutput().contains(en("link.own-app.rejected")), "told in chat too");
        assertTrue(accounts().find(ME).isEmpty(), "nothing stored");
    }

    @Test
    void aMemberTheAdminAppRefusesIsGuidedToTheirOwnAppAndTheAdminIsTold() {
        start(true);
        bot.spotify.setNotAllowlistedBy(TestConfigs.CLIENT_ID, "me-account");
        ConsoleHarness.Page page = bot.get(bot.spotify.consent(bot.link(), "me-account"));
        assertEquals(403, page.status());
        assertTrue(page.body().contains("User Management"), page.body());
        assertTrue(page.body().contains("/link app:own"), "own app offered on the page: " + page.body());
        String chat = bot.drainOutput();
        assertTrue(chat.contains(en("link.own-app.after-not-allowlisted")), chat);
        assertTrue(chat.contains(bot.config().spotify().redirectUri().toString()), "the steps: " + chat);
        assertTrue(accounts().find(ME).isEmpty());
        assertTrue(new BotStateRepository(bot.app().core().database())
                .get("admin-alert|not_allowlisted|" + ME).isPresent(), "the admin was told");

        // their own app serves them
        linkThroughOwnApp();
        assertEquals(OWN_APP, accounts().find(ME).orElseThrow().clientId());
    }

    @Test
    void aLinkedMemberSpotifyLaterRefusesIsOfferedTheirOwnAppOrToldToFixIt() {
        start(true);
        bot.linkAs("me-account");
        bot.spotify.setNotAllowlistedBy(TestConfigs.CLIENT_ID, "me-account");
        bot.run("/nowplaying");
        String advice = bot.drainOutput();
        assertTrue(advice.contains(en("error.spotify.not-allowlisted.own-app")), advice);
        assertTrue(advice.contains("/link app:<Client ID>"), "the steps: " + advice);
        assertTrue(new BotStateRepository(bot.app().core().database())
                .get("admin-alert|not_allowlisted|" + ME).isPresent(), "the admin was told");

        linkThroughOwnApp();
        bot.spotify.setNotAllowlistedBy(OWN_APP, "me-account");
        bot.run("/nowplaying");
        assertTrue(bot.drainOutput().contains(en("error.spotify.own-app-not-allowlisted")));
    }

    @Test
    void aSixthMemberIsOfferedTheirOwnAppWhileTheFiveKeepTheirPlaces() {
        start(true);
        for (int i = 1; i <= 5; i++) {
            storeAdminLink(new ChatUser(Platform.DISCORD, "10" + i), "account-" + i);
        }
        // the same Spotify account linked from a second platform is still five Spotify users
        storeAdminLink(new ChatUser(Platform.TELEGRAM, "105"), "account-5");

        bot.run("/link");
        String full = bot.drainOutput();
        assertTrue(full.contains(en("link.admin-app-full")), full);
        assertTrue(full.contains(bot.config().spotify().redirectUri().toString()), "with the steps: " + full);
        assertFalse(full.contains("/authorize"), "no link through the full app: " + full);
        assertTrue(new BotStateRepository(bot.app().core().database())
                .get("admin-alert|app_full|" + ME).isPresent(), "the admin was told");

        bot.run("/link app:" + OWN_APP);
        bot.get(bot.spotify.consent(authorizeUrlIn(bot.drainOutput()), "me-account"));
        assertEquals(OWN_APP, accounts().find(ME).orElseThrow().clientId(), "the own app is not capped");

        // one of the five re-linking keeps their place
        accounts().delete(ME);
        storeAdminLink(ME, "account-1");
        bot.link();
    }

    @Test
    void anAppWithExtendedQuotaHasNoCap() {
        start(new LinkConfig(TTL, true, true));
        for (int i = 1; i <= 5; i++) {
            storeAdminLink(new ChatUser(Platform.DISCORD, "30" + i), "account-" + i);
        }
        bot.run("/link");
        String out = bot.drainOutput();
        assertFalse(out.contains(en("link.admin-app-full")), out);
        assertTrue(out.contains("/authorize"), "a link through the admin's app: " + out);
    }

    @Test
    void withOwnAppsOffTheSixthMemberIsToldToAskTheAdmin() {
        start(false);
        for (int i = 1; i <= 5; i++) {
            storeAdminLink(new ChatUser(Platform.DISCORD, "20" + i), "account-" + i);
        }
        bot.run("/link");
        String out = bot.drainOutput();
        assertTrue(out.contains(en("link.admin-app-full.ask-admin")), out);
        assertFalse(out.contains("/link app:own"), out);

        bot.run("/link app:" + OWN_APP);
        assertTrue(bot.drainOutput().contains(en("link.own-app.disabled")));
    }

    private void linkThroughOwnApp() {
        bot.run("/link app:" + OWN_APP);
        ConsoleHarness.Page page = bot.get(bot.spotify.consent(authorizeUrlIn(bot.drainOutput()), "me-account"));
        assertEquals(200, page.status(), page.body());
        bot.drainOutput();
    }

    private void storeAdminLink(ChatUser user, String spotifyAccount) {
        accounts().save(new NewLink(user, spotifyAccount, spotifyAccount, TestConfigs.CLIENT_ID, "AT-" + user,
                "RT-" + user, bot.clock.instant().plus(Duration.ofHours(1)), "user-read-currently-playing"),
                bot.clock.instant());
    }
}
