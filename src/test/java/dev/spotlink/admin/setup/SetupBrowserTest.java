package dev.spotlink.admin.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlink.testing.BotProcess;
import dev.spotlink.testing.Browser;
import dev.spotlink.testing.FakeSpotify;
import dev.spotlink.testing.TestConfigs;
import dev.spotlink.testing.discord.FakeDiscord;
import dev.spotlink.testing.telegram.FakeTelegram;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Properties;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Cookie;

/**
 * A new admin's first run, in a real browser: {@code Main} with an incomplete config (endpoints only, pointing at
 * the fakes) prints a one-time set-up link; Chromium follows it through every step, hits each check's failure
 * (localhost address, wrong Spotify secret, bad Discord token, unreachable and then refusing Telegram) and sees
 * the message next to the field, then saves. The test checks the written file (values, mode 0600), that the bot
 * itself then runs in the same process ({@code /health} UP with both transports) and that the set-up page is
 * gone. Screenshots (desktop and phone width) go to {@code target/setup-screenshots}.
 */
class SetupBrowserTest {

    private static final Path SCREENSHOTS = Path.of("target", "setup-screenshots");
    private static final Pattern LINK = Pattern.compile("http://127\\.0\\.0\\.1:\\d+/setup\\?token=[A-Za-z0-9_-]+");
    private static final String TELEGRAM_TOKEN = "123456789:AAE-setup-browser-test-token";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void fromNothingToARunningBotThroughTheSetupPage() throws Exception {
        int port = TestConfigs.freePort();
        int telegramPort = TestConfigs.freePort(); // nothing listens there until the test starts the fake
        try (FakeSpotify spotify = FakeSpotify.start(); FakeDiscord discord = FakeDiscord.start()) {
            spotify.registerApp(TestConfigs.CLIENT_ID, TestConfigs.CLIENT_SECRET);
            Path config = dir.resolve("config.properties");
            Files.writeString(config, String.join("\n",
                    "# endpoints of the fakes; the set-up page fills in the rest",
                    "server.port=" + port,
                    "spotify.accounts-url=" + spotify.accountsUrl(),
                    "spotify.api-url=" + spotify.apiUrl(),
                    "spotify.codes-url=" + spotify.codesUrl(),
                    "discord.api-url=" + discord.apiUrl(),
                    "discord.gateway-url=" + discord.gatewayUrl(),
                    "telegram.api-url=http://127.0.0.1:" + telegramPort,
                    "database.url=jdbc:sqlite:" + dir.resolve("spotlink.db").toAbsolutePath(),
                    "security.key-file=" + dir.resolve("spotlink.key").toAbsolutePath(),
                    ""), StandardCharsets.UTF_8);
            try (BotProcess bot = BotProcess.start(config, port, dir.resolve("bot.log"));
                 Browser browser = Browser.start(dir.resolve("chromium"), 1280, 1100)) {
                String link = bot.awaitOutput(LINK, WAIT);
                String base = "http://127.0.0.1:" + port;

                // no token, or a wrong one: refused, and the real link still works afterwards
                browser.open(base + "/setup");
                assertTrue(browser.has("denied"), browser.driver().getPageSource());
                browser.open(link.substring(0, link.length() - 4) + "AAAA");
                assertTrue(browser.has("denied"));

                browser.open(link);
                assertEquals("/setup/address", browser.path());
                Cookie session = browser.driver().manage().getCookieNamed(SetupServer.SESSION_COOKIE);
                assertTrue(session.isHttpOnly());
                assertEquals("Strict", session.getSameSite());
                browser.open(link); // used up: the cookie carries on, the link opens nothing
                assertTrue(browser.has("denied"));
                browser.open(base + "/setup/address");

                addressStep(browser, base, port);
                spotifyStep(browser, port);
                discordStep(browser, discord);
                try (FakeTelegram telegram = telegramStep(browser, telegramPort)) {
                    russian(browser, base);
                    browser.open(base + "/setup/finish");
                    browser.screenshot(SCREENSHOTS, "5-finish-desktop");
                    browser.click("start");
                    assertEquals("/setup/finish", browser.path());
                    assertTrue(browser.text("status").contains("Spotlink is starting"), browser.text("status"));
                    browser.screenshot(SCREENSHOTS, "6-done-desktop");

                    bot.awaitHealthy();
                    assertBotRuns(base);
                    assertConfigWritten(config, port, discord);
                    assertEquals(1, LINK.matcher(bot.log()).results().count(), "exactly one link printed");
                    assertFalse(bot.log().contains(TestConfigs.CLIENT_SECRET), "secret in the output");
                    assertFalse(bot.log().contains(TELEGRAM_TOKEN), "token in the output");
                    assertEquals(0, telegram.specViolations().size(), telegram.specViolations().toString());
                }
            }
        }
    }

    private static void addressStep(Browser browser, String base, int port) {
        browser.type("address", "http://localhost:" + port);
        browser.click("save");
        assertTrue(browser.text("error-address").contains("localhost"), browser.text("error-address"));
        assertTrue(browser.text("error-address").contains("http://127.0.0.1:" + port));
        browser.screenshot(SCREENSHOTS, "1-address-error-desktop");
        browser.type("address", "http://bot.example.org");
        browser.click("save");
        assertTrue(browser.text("error-address").contains("https"), browser.text("error-address"));
        browser.type("address", base);
        browser.click("save");
        assertEquals("/setup/spotify", browser.path());
    }

    private static void spotifyStep(Browser browser, int port) {
        assertEquals("http://127.0.0.1:" + port + "/callback", browser.text("redirect-uri"));
        String page = browser.driver().getPageSource();
        assertTrue(page.contains("User Management") && page.contains("localhost"), "allow-list and rules");
        browser.type("client_id", TestConfigs.CLIENT_ID);
        browser.type("client_secret", "not-the-secret");
        browser.click("save");
        assertTrue(browser.text("error-client_secret").contains("invalid_client"),
                browser.text("error-client_secret"));
        assertEquals(TestConfigs.CLIENT_ID, browser.byId("client_id").getAttribute("value"), "id kept");
        assertEquals("", browser.byId("client_secret").getAttribute("value"), "a secret is never sent back");
        browser.screenshot(SCREENSHOTS, "2-spotify-error-desktop");
        browser.resize(390, 1500);
        browser.screenshot(SCREENSHOTS, "2-spotify-error-phone");
        browser.resize(1280, 1100);
        browser.type("client_secret", TestConfigs.CLIENT_SECRET);
        browser.click("save");
        assertTrue(browser.text("status").contains("accepted"), browser.text("status"));
        assertEquals("saved — leave empty to keep", browser.byId("client_secret").getAttribute("placeholder"));
        browser.click("next");
        assertEquals("/setup/discord", browser.path());
    }

    private static void discordStep(Browser browser, FakeDiscord discord) {
        browser.type("discord_token", "MTIz.not.a-real-token");
        browser.click("save");
        assertTrue(browser.text("error-discord_token").contains("401"), browser.text("error-discord_token"));
        browser.type("discord_token", discord.token());
        browser.click("save");
        assertTrue(browser.has("status"), browser.driver().getPageSource());
        String invite = browser.text("invite");
        assertTrue(invite.contains("client_id=" + discord.applicationId())
                && invite.contains("scope=bot+applications.commands"), invite);
        assertTrue(browser.text("user-install").contains("integration_type=1"), browser.text("user-install"));
        browser.screenshot(SCREENSHOTS, "3-discord-desktop");
        browser.click("next");
        assertEquals("/setup/telegram", browser.path());
    }

    private static FakeTelegram telegramStep(Browser browser, int telegramPort) {
        browser.type("telegram_token", TELEGRAM_TOKEN);
        browser.click("save");
        assertTrue(browser.text("error-telegram_token").contains("Could not reach Telegram"),
                browser.text("error-telegram_token"));
        browser.screenshot(SCREENSHOTS, "4-telegram-unreachable-desktop");
        FakeTelegram telegram = FakeTelegram.start(TELEGRAM_TOKEN, telegramPort);
        browser.type("telegram_token", "987654321:AAE-wrong");
        browser.click("save");
        assertTrue(browser.text("error-telegram_token").contains("rejected"), browser.text("error-telegram_token"));
        browser.type("telegram_token", TELEGRAM_TOKEN);
        browser.click("save");
        assertTrue(browser.text("status").contains("@" + FakeTelegram.BOT_USERNAME), browser.text("status"));
        assertTrue(browser.driver().getPageSource().contains("/setinline"));
        browser.resize(390, 1300);
        browser.screenshot(SCREENSHOTS, "4-telegram-phone");
        browser.resize(1280, 1100);
        return telegram;
    }

    private static void russian(Browser browser, String base) {
        browser.open(base + "/setup/spotify?lang=ru");
        assertTrue(browser.driver().getPageSource().contains("Приложение Spotify"));
        browser.open(base + "/setup/discord");
        assertTrue(browser.driver().getPageSource().contains("Токен бота Discord"), "the choice is remembered");
        browser.resize(390, 1300);
        browser.screenshot(SCREENSHOTS, "3-discord-ru-phone");
        browser.resize(1280, 1100);
        browser.open(base + "/setup/discord?lang=en");
    }

    /** The bot's own server answers /health, and both transports register there once they started. */
    private static void assertBotRuns(String base) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest healthRequest = HttpRequest.newBuilder(URI.create(base + "/health")).build();
        String body = "";
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline && !(body.contains("discord") && body.contains("telegram"))) {
            HttpResponse<String> health = http.send(healthRequest, HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
            body = health.body();
            Thread.sleep(50);
        }
        assertTrue(body.contains("\"status\":\"UP\"") && body.contains("\"discord\"")
                && body.contains("\"telegram\""), body);
        HttpResponse<String> setup = http.send(HttpRequest.newBuilder(URI.create(base + "/setup")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, setup.statusCode(), "set-up closes once configured");
    }

    private static void assertConfigWritten(Path config, int port, FakeDiscord discord) throws Exception {
        Properties written = new Properties();
        written.load(new java.io.StringReader(Files.readString(config, StandardCharsets.UTF_8)));
        assertEquals(TestConfigs.CLIENT_ID, written.getProperty("spotify.client-id"));
        assertEquals(TestConfigs.CLIENT_SECRET, written.getProperty("spotify.client-secret"));
        assertEquals("http://127.0.0.1:" + port + "/callback", written.getProperty("spotify.redirect-uri"));
        assertEquals(discord.token(), written.getProperty("discord.token"));
        assertEquals(TELEGRAM_TOKEN, written.getProperty("telegram.token"));
        assertEquals(Integer.toString(port), written.getProperty("server.port"), "the admin's keys stay");
        assertTrue(Files.readString(config).startsWith("# endpoints of the fakes"), "comments stay");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(config)));
    }
}
