package dev.spotlink.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlink.config.SpotlinkConfig;
import dev.spotlink.domain.ChatUser;
import dev.spotlink.domain.Platform;
import dev.spotlink.i18n.Messages;
import dev.spotlink.testing.CapturedOutput;
import dev.spotlink.testing.ConsoleHarness;
import dev.spotlink.testing.FakeSpotify;
import dev.spotlink.testing.TestConfigs;
import dev.spotlink.transport.console.ConsoleTransport;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Paste-back on the console, end to end: the real application and console transport against the fake Spotify,
 * with the callback server on another port than the redirect URI names, so that the browser's redirect reaches
 * nothing and a link completes only by typing the address back.
 */
class PasteBackConsoleTest {

    private static final String OWN_APP = "0123456789abcdef0123456789abcdef";
    private static final ChatUser ME = ConsoleTransport.LOCAL_USER;
    private static final Pattern AUTHORIZE_URL = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/authorize\\S+)");

    @TempDir
    Path dataDir;

    private final Messages messages = new Messages();
    private ConsoleHarness bot;

    @BeforeEach
    void start() {
        FakeSpotify spotify = FakeSpotify.start();
        SpotlinkConfig config = TestConfigs.pasteBack(TestConfigs.config(spotify, dataDir));
        bot = new ConsoleHarness(dataDir, spotify, config);
        bot.spotify.addUser("me-account", "Me");
        bot.spotify.registerPublicApp(OWN_APP);
    }

    @AfterEach
    void stop() {
        bot.close();
    }

    private String en(String key, Object... args) {
        return messages.get(Locale.ENGLISH, key, args);
    }

    private URI link(String command) {
        bot.run(command);
        String out = bot.drainOutput();
        Matcher m = AUTHORIZE_URL.matcher(out);
        assertTrue(m.find(), "authorize URL printed: " + out);
        return URI.create(m.group(1));
    }

    /** What the console printed for one typed line. */
    private String type(String line) {
        bot.run(line);
        return bot.drainOutput();
    }

    @Test
    void linkExplainsTheErrorPageAndTheTypedAddressLinksWithoutAnyCallback() {
        URI redirect = bot.config().spotify().redirectUri();
        assertTrue(redirect.getPort() != bot.app().port(), "the redirect URI names another port than the server's");

        bot.run("/link");
        String answer = bot.drainOutput();
        assertTrue(answer.contains(en("link.paste-back.instructions", redirect)), answer);
        Matcher m = AUTHORIZE_URL.matcher(answer);
        assertTrue(m.find(), answer);
        URI sentTo = bot.spotify.consent(URI.create(m.group(1)), "me-account");
        assertTrue(sentTo.toString().startsWith(redirect + "?code="), sentTo.toString());
        assertThrows(UncheckedIOException.class, () -> bot.get(sentTo), "nothing answers at the redirect URI");

        String code = sentTo.getRawQuery().replaceAll(".*code=([^&]+).*", "$1");
        String confirmation;
        try (CapturedOutput captured = new CapturedOutput()) {
            confirmation = type("  " + sentTo + "  ");
            for (String line : captured.logLines()) {
                assertFalse(line.contains(code), "the code is never logged: " + line);
            }
        }
        assertTrue(confirmation.contains(en("link.confirmed", "Me")), confirmation);
        assertEquals("me-account", bot.app().core().accounts().find(ME).orElseThrow().spotifyAccountId());
        assertEquals(TestConfigs.CLIENT_ID, bot.app().core().accounts().find(ME).orElseThrow().clientId());

        // the same address again: single use, and nothing changes
        String replay = type(sentTo.toString());
        assertTrue(replay.contains(en("link.paste-back.used")), replay);
        assertEquals(1, bot.spotify.tokenRequests("authorization_code"), "a replay never reaches Spotify");
    }

    @Test
    void theCallbackServerStillLinksABrowserOnTheBotsOwnMachine() {
        URI sentTo = bot.spotify.consent(link("/link"), "me-account");
        // the redirect as it arrives when the browser runs where the bot listens (here: the server's own port)
        ConsoleHarness.Page page = bot.get(URI.create(bot.serverUrl() + "/callback?" + sentTo.getRawQuery()));
        assertEquals(200, page.status(), page.body());
        assertTrue(bot.drainOutput().contains(en("link.confirmed", "Me")));
        assertTrue(type(sentTo.toString()).contains(en("link.paste-back.used")), "one use, by either way");
    }

    @Test
    void anAddressCopiedWithoutTheSchemeWorksToo() {
        URI sentTo = bot.spotify.consent(link("/link"), "me-account");
        String shown = sentTo.toString().substring("http://".length());
        assertTrue(type(shown).contains(en("link.confirmed", "Me")));
    }

    @Test
    void aCancelledConsentSaysSoAndLinksNothing() {
        URI sentTo = bot.spotify.deny(link("/link"));
        assertTrue(sentTo.getRawQuery().contains("error=access_denied"), sentTo.toString());
        String answer = type(sentTo.toString());
        assertTrue(answer.contains(en("link.paste-back.cancelled")), answer);
        assertTrue(bot.app().core().accounts().find(ME).isEmpty());
        assertEquals(0, bot.spotify.tokenRequests("authorization_code"));
    }

    @Test
    void anExpiredAddressSaysToRunLinkAgain() {
        URI sentTo = bot.spotify.consent(link("/link"), "me-account");
        bot.clock.advance(Duration.ofMinutes(11));
        String answer = type(sentTo.toString());
        assertTrue(answer.contains(en("link.paste-back.expired")), answer);
        assertTrue(answer.contains("/link"), answer);
        assertTrue(bot.app().core().accounts().find(ME).isEmpty());
    }

    @Test
    void someoneElsesAddressIsRefusedAndStaysUsableByItsOwner() {
        ChatUser owner = new ChatUser(Platform.TELEGRAM, "4242");
        URI authorize = bot.app().core().links().startLink(owner, Locale.ENGLISH);
        URI sentTo = bot.spotify.consent(authorize, "me-account");

        String answer = type(sentTo.toString());
        assertTrue(answer.contains(en("link.paste-back.not-yours")), answer);
        assertTrue(bot.app().core().accounts().find(ME).isEmpty(), "nothing linked to the one who pasted");
        assertTrue(bot.app().core().accounts().find(owner).isEmpty(), "nor to the owner");
        assertEquals(0, bot.spotify.tokenRequests("authorization_code"));

        // the owner's link was not spoilt: they can still finish it
        var result = bot.app().core().links().completePasted(owner,
                CallbackAddress.parse(sentTo.toString(), "/callback").orElseThrow(), Locale.ENGLISH,
                (user, reply) -> { });
        assertTrue(result instanceof CallbackResult.Linked, result.toString());
        assertEquals("me-account", bot.app().core().accounts().find(owner).orElseThrow().spotifyAccountId());
    }

    @Test
    void anOwnAppLinkCompletesByPasteBackToo() {
        URI authorize = link("/link app:" + OWN_APP);
        assertTrue(authorize.getRawQuery().contains("client_id=" + OWN_APP), authorize.toString());
        URI sentTo = bot.spotify.consent(authorize, "me-account");
        String answer = type(sentTo.toString());
        assertTrue(answer.contains(en("link.confirmed", "Me")), answer);
        assertEquals(OWN_APP, bot.app().core().accounts().find(ME).orElseThrow().clientId());
    }

    @Test
    void spotifyFailuresAfterThePasteAreToldInChatAsTheCallbackPageWouldTellThem() {
        bot.spotify.failNext("/api/token", 503);
        String unavailable = type(bot.spotify.consent(link("/link"), "me-account").toString());
        assertTrue(unavailable.contains(en("link.paste-back.unavailable")), unavailable);

        bot.spotify.setNotAllowlisted("me-account");
        String refused = type(bot.spotify.consent(link("/link"), "me-account").toString());
        assertTrue(refused.contains(en("link.own-app.after-not-allowlisted")), "the own-app offer: " + refused);
        assertTrue(bot.app().core().accounts().find(ME).isEmpty());
    }

    @Test
    void aTruncatedAddressAsksForTheWholeOne() {
        URI sentTo = bot.spotify.consent(link("/link"), "me-account");
        String cut = sentTo.toString().replaceAll("&state=.*", "");
        String answer = type(cut);
        assertTrue(answer.contains(en("link.paste-back.incomplete")), answer);
        // the state was not in it, so the link is untouched and the whole address still works
        assertTrue(type(sentTo.toString()).contains(en("link.confirmed", "Me")));
    }
}
