package dev.spotlink.admin.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlink.config.SpotlinkConfig;
import dev.spotlink.i18n.Messages;
import dev.spotlink.spotify.HttpClients;
import dev.spotlink.spotify.Json;
import dev.spotlink.testing.FakeSpotify;
import dev.spotlink.testing.TestConfigs;
import dev.spotlink.testing.telegram.FakeTelegram;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The set-up server over real HTTP: the one-time link, the session cookie, CSRF, secrets, closing. */
class SetupServerTest {

    private static final String TELEGRAM_TOKEN = "123456789:AAE-setup-server-test";
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private FakeSpotify spotify;
    private FakeTelegram telegram;
    private OkHttpClient okhttp;
    private SetupServer server;
    private SetupAccess access;
    private Path config;

    @BeforeEach
    void start() throws Exception {
        spotify = FakeSpotify.start();
        spotify.registerApp(TestConfigs.CLIENT_ID, TestConfigs.CLIENT_SECRET);
        telegram = FakeTelegram.start(TELEGRAM_TOKEN);
        okhttp = HttpClients.create();
        config = dir.resolve("config.properties");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        okhttp.dispatcher().executorService().shutdown();
        telegram.close();
        spotify.close();
    }

    @Test
    void theOneTimeLinkOpensOneSessionOnce() throws Exception {
        serve("");
        assertEquals(403, get("/setup", null).statusCode());
        assertEquals(403, get("/setup?token=" + "A".repeat(43), null).statusCode());
        String token = access.oneTimeToken();
        assertTrue(token.length() >= 43, "256 bits, base64url");

        HttpResponse<String> opened = get("/setup?token=" + token, null);
        assertEquals(303, opened.statusCode());
        assertEquals("/setup/address", opened.headers().firstValue("Location").orElseThrow());
        String cookie = opened.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains(
                "Path=/setup"), cookie);
        String session = cookie.substring(0, cookie.indexOf(';'));

        assertEquals(403, get("/setup?token=" + token, null).statusCode(), "used up");
        assertEquals(403, get("/setup/address", "spotlink_setup=forged").statusCode());
        HttpResponse<String> page = get("/setup/address", session);
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElseThrow().contains("form-action 'self'"));
        assertEquals("DENY", page.headers().firstValue("X-Frame-Options").orElseThrow());
        assertEquals("no-store", page.headers().firstValue("Cache-Control").orElseThrow());
        assertEquals(404, get("/setup/elsewhere", session).statusCode());
    }

    @Test
    void everyFormNeedsTheSessionsCsrfToken() throws Exception {
        serve("");
        String session = open();
        String csrf = csrf(get("/setup/address", session).body());
        String address = "address=" + URLEncoder.encode("https://bot.example.org", StandardCharsets.UTF_8);

        assertEquals(403, post("/setup/address", session, address).statusCode());
        assertEquals(403, post("/setup/address", session, address + "&csrf=" + "x".repeat(csrf.length()))
                .statusCode());
        assertEquals(403, post("/setup/address", null, address + "&csrf=" + csrf).statusCode(), "no session");
        assertTrue(get("/setup/spotify", session).body().contains("http://127.0.0.1:"), "unchanged so far");

        assertEquals(303, post("/setup/address", session, address + "&csrf=" + csrf).statusCode());
        assertTrue(get("/setup/spotify", session).body().contains("https://bot.example.org/callback"));
    }

    @Test
    void anExistingConfigIsEditedWithoutShowingOrLosingItsSecrets() throws Exception {
        serve(String.join("\n", "# mine", "spotify.client-id=" + TestConfigs.CLIENT_ID,
                "spotify.client-secret=" + TestConfigs.CLIENT_SECRET,
                "spotify.redirect-uri=http://127.0.0.1:8080/callback",
                "telegram.token=" + TELEGRAM_TOKEN, "link.ttl=15m", ""));
        String session = open();
        HttpResponse<String> page = get("/setup/spotify", session);
        assertFalse(page.body().contains(TestConfigs.CLIENT_SECRET), "a saved secret is never sent back");
        assertTrue(page.body().contains("saved — leave empty to keep"));
        assertFalse(get("/setup/telegram", session).body().contains(TELEGRAM_TOKEN));
        String csrf = csrf(page.body());

        // the secret field left empty keeps (and checks) the saved secret
        assertEquals(303, post("/setup/spotify", session, "client_id=" + TestConfigs.CLIENT_ID
                + "&client_secret=&csrf=" + csrf).statusCode());
        HttpResponse<String> done = post("/setup/finish", session, "csrf=" + csrf);
        assertEquals(200, done.statusCode(), done.body());
        assertFalse(done.body().contains(TELEGRAM_TOKEN));

        SpotlinkConfig loaded = server.configured().get(10, TimeUnit.SECONDS);
        assertEquals(TestConfigs.CLIENT_SECRET, loaded.spotify().clientSecret().reveal());
        assertEquals(TELEGRAM_TOKEN, loaded.telegram().orElseThrow().token().reveal());
        assertEquals(Duration.ofMinutes(15), loaded.link().ttl(), "the admin's other keys stay");
        assertTrue(Files.readString(config).startsWith("# mine\n"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(config)));
        assertEquals(404, get("/setup/address", session).statusCode(), "closed once configured");
        assertEquals(404, get("/setup?token=x", null).statusCode());
    }

    @Test
    void failedChecksAndMissingPartsAreShownNextToTheirField() throws Exception {
        int closed = TestConfigs.freePort();
        serve("spotify.accounts-url=http://127.0.0.1:" + closed + "\n");
        String before = Files.readString(config);
        String session = open();
        String csrf = csrf(get("/setup/spotify", session).body());

        HttpResponse<String> unreachable = post("/setup/spotify", session, "client_id=" + TestConfigs.CLIENT_ID
                + "&client_secret=whatever&csrf=" + csrf);
        assertEquals(422, unreachable.statusCode());
        assertTrue(errorOf(unreachable.body(), "client_secret").contains("Could not reach Spotify at http://127.0.0.1:"
                + closed), unreachable.body());
        HttpResponse<String> empty = post("/setup/spotify", session, "client_id=&client_secret=&csrf=" + csrf);
        assertTrue(errorOf(empty.body(), "client_id").contains("Fill this in"));
        HttpResponse<String> finish = post("/setup/finish", session, "csrf=" + csrf);
        assertEquals(422, finish.statusCode());
        assertTrue(finish.body().contains("Set up the Spotify app first.")
                && finish.body().contains("Set up Discord, Telegram or both."), finish.body());
        assertEquals(before, Files.readString(config), "nothing written");
        assertFalse(server.configured().isDone());
    }

    @Test
    void noPublicAddressIsTheFirstChoiceAndTurnsPasteBackOn() throws Exception {
        serve(String.join("\n", "spotify.client-id=" + TestConfigs.CLIENT_ID,
                "spotify.client-secret=" + TestConfigs.CLIENT_SECRET,
                "spotify.redirect-uri=https://bot.example.org/callback", "telegram.token=" + TELEGRAM_TOKEN, ""));
        String session = open();
        String page = get("/setup/address", session).body();
        int pasteBack = page.indexOf("id=\"choice-paste-back\"");
        assertTrue(pasteBack >= 0 && pasteBack < page.indexOf("id=\"choice-public\""), "offered first: " + page);
        assertTrue(page.contains("No public address: members paste the address back"), page);
        assertTrue(page.contains("<code id=\"paste-back-uri\">http://127.0.0.1:8080/callback</code>"), page);
        assertFalse(get("/setup/spotify", session).body().contains("id=\"paste-back\""), "not with https");

        assertEquals(303, post("/setup/address", session, "action=paste-back&csrf=" + csrf(page)).statusCode());
        String spotifyPage = get("/setup/spotify", session).body();
        assertTrue(spotifyPage.contains("id=\"redirect-uri\">http://127.0.0.1:8080/callback<"), spotifyPage);
        assertTrue(spotifyPage.contains("id=\"paste-back\""), "the dashboard steps say how linking works");
        assertTrue(spotifyPage.contains(SetupPages.DASHBOARD), spotifyPage);

        assertEquals(303, post("/setup/spotify", session, "client_id=" + TestConfigs.CLIENT_ID
                + "&client_secret=&csrf=" + csrf(page)).statusCode());
        assertEquals(200, post("/setup/finish", session, "csrf=" + csrf(page)).statusCode());
        SpotlinkConfig loaded = server.configured().get(10, TimeUnit.SECONDS);
        assertEquals(URI.create("http://127.0.0.1:8080/callback"), loaded.spotify().redirectUri());
        assertTrue(loaded.link().pasteBack(), "link.paste-back=auto is on with the loopback redirect URI");
    }

    /** Starts the server on a config file holding {@code text} plus the fakes' endpoints. */
    private void serve(String text) throws Exception {
        String accounts = text.contains("spotify.accounts-url") ? ""
                : "spotify.accounts-url=" + spotify.accountsUrl() + "\n";
        Files.writeString(config, text + accounts + "telegram.api-url=" + telegram.url() + "\n");
        Map<String, String> values = ConfigFile.read(config);
        SetupDraft draft = new SetupDraft(values, Map.of(), 8080);
        SetupSteps steps = new SetupSteps(draft, new SetupChecks(okhttp, Json.mapper()), config, Map.of(),
                "http://127.0.0.1:8080/health");
        access = new SetupAccess(new SecureRandom());
        server = new SetupServer("127.0.0.1", 0, access, steps, new Messages()).start();
    }

    private String open() throws Exception {
        HttpResponse<String> opened = get("/setup?token=" + access.oneTimeToken(), null);
        String cookie = opened.headers().firstValue("Set-Cookie").orElseThrow();
        return cookie.substring(0, cookie.indexOf(';'));
    }

    private HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String cookie, String form) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        assertTrue(m.find(), html);
        return m.group(1);
    }

    /** The error paragraph right after the field's input. */
    private static String errorOf(String html, String field) {
        Matcher m = Pattern.compile("id=\"error-" + field + "\" role=\"alert\">([^<]*)<").matcher(html);
        assertTrue(m.find(), "no error next to " + field + ": " + html);
        return m.group(1);
    }
}
