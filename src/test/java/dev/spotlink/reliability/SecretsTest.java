package dev.spotlink.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlink.config.ConfigLoader;
import dev.spotlink.config.ConfigPrinter;
import dev.spotlink.config.SpotlinkConfig;
import dev.spotlink.domain.LinkedAccount;
import dev.spotlink.testing.BotProcess;
import dev.spotlink.testing.CapturedOutput;
import dev.spotlink.testing.ConsoleHarness;
import dev.spotlink.testing.FakeSpotify;
import dev.spotlink.testing.TestConfigs;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every log line (application loggers at DEBUG), everything on stdout/stderr, every chat reply and every callback
 * page of a full link + commands + forced refresh flow, failures included, holds none of the secrets that flowed
 * through it: access and refresh tokens, authorization codes, PKCE verifiers, the client secret, bot tokens.
 * The values are collected from what Spotify actually received and from the database, not guessed.
 */
class SecretsTest {

    private static final String DISCORD_TOKEN = "MTAxNTg2NTQ3OTM1NjQ3NTQwOA.GhRkNw.fake-discord-token-0123456789";
    private static final String TELEGRAM_TOKEN = "123456789:AAFakeTelegramTokenValue_0123456789abc";
    private static final String ALBUM = "spotify:album:4yP0hdKOZPNshxUOjY0cZj";

    @TempDir
    Path dir;

    @Test
    void configPrintingMasksEverySecret() throws Exception {
        FakeSpotify spotify = FakeSpotify.start();
        try {
            String printed = ConfigPrinter.describe(loadConfig(spotify));
            for (String secret : List.of(TestConfigs.CLIENT_SECRET, DISCORD_TOKEN, TELEGRAM_TOKEN)) {
                assertFalse(printed.contains(secret), printed);
            }
            assertTrue(printed.lines().filter(l -> l.contains("<masked>")).count() >= 3, printed);
        } finally {
            spotify.close();
        }
    }

    @Test
    void aFullFlowLeaksNoSecretIntoLogsChatOrPages() throws Exception {
        FakeSpotify spotify = FakeSpotify.start();
        SpotlinkConfig config = loadConfig(spotify);
        Map<String, String> secrets = new LinkedHashMap<>();
        List<String> logs;
        String streams;
        StringBuilder chat = new StringBuilder();
        List<String> pages = new ArrayList<>();
        try (CapturedOutput captured = new CapturedOutput()) {
            try (ConsoleHarness bot = new ConsoleHarness(dir, spotify, config)) {
                spotify.setRotateRefreshTokens(true);
                spotify.setAccessTokenTtl(Duration.ofSeconds(30)); // under the refresh margin: every call refreshes
                spotify.addUser("alice-account", "Alice");
                runFlow(bot, spotify, chat, pages);
                for (LinkedAccount account : bot.app().core().accounts().findAll()) {
                    secrets.put(account.accessToken(), "stored access token");
                    secrets.put(account.refreshToken(), "stored refresh token");
                }
                bot.run("/unlink");
                chat.append(bot.drainOutput());
                collectFromRequests(spotify.requests(), secrets);
            }
            logs = captured.logLines();
            streams = captured.streams();
        }
        secrets.put(TestConfigs.CLIENT_SECRET, "client secret");
        secrets.put(DISCORD_TOKEN, "Discord bot token");
        secrets.put(TELEGRAM_TOKEN, "Telegram bot token");

        assertTrue(secrets.values().stream().filter(v -> v.contains("access token")).count() >= 4, secrets.values()
                .toString());
        assertTrue(secrets.containsValue("authorization code") && secrets.containsValue("PKCE verifier")
                && secrets.containsValue("refresh token sent"), "the flow exercised every secret: " + secrets.values());
        assertTrue(logs.stream().anyMatch(l -> l.startsWith("DEBUG dev.spotlink")), "DEBUG was captured");

        String allLogs = String.join("\n", logs);
        String shown = chat + "\n" + String.join("\n", pages);
        List<String> leaks = new ArrayList<>();
        secrets.forEach((secret, what) -> {
            if (secret.length() >= 8) {
                check(leaks, allLogs, "log", secret, what);
                check(leaks, streams, "stdout/stderr", secret, what);
                check(leaks, shown, "chat or page", secret, what);
            }
        });
        assertEquals(List.of(), leaks);
    }

    private void runFlow(ConsoleHarness bot, FakeSpotify spotify, StringBuilder chat, List<String> pages) {
        pages.add(bot.get(spotify.consent(bot.link(), "alice-account")).body());
        spotify.setPlaying("alice-account", spotify.trackJson("6rqhFgbbKwnb9MLmUQDhG6", "Blinding Lights",
                "The Weeknd", "After Hours"));
        command(bot, "/nowplaying");
        command(bot, "/share");
        command(bot, "/share " + ALBUM + " bars:black");
        spotify.expireAccessTokens("alice-account"); // 401, then a refresh
        command(bot, "/nowplaying");
        spotify.failNext("/api/token", 503); // a failed refresh is logged with its exception
        command(bot, "/nowplaying");
        command(bot, "/nowplaying");
        command(bot, "/privacy sharing:off");
        chat.append(bot.drainOutput());

        URI forged = URI.create(spotify.consent(bot.link(), "alice-account").toString()
                .replaceAll("code=[^&]+", "code=forged-authorization-code"));
        pages.add(bot.get(forged).body()); // invalid_grant, logged
        spotify.failNext("/api/token", 500);
        pages.add(bot.get(spotify.consent(bot.link(), "alice-account")).body()); // exchange failure, logged
        pages.add(bot.get(spotify.consent(bot.link(), "alice-account")).body()); // relinked
        spotify.revokeRefreshTokens("alice-account");
        spotify.expireAccessTokens("alice-account");
        command(bot, "/nowplaying"); // invalid_grant on refresh: needs /link again
        chat.append(bot.drainOutput());
    }

    /** A command well inside the (default: 5 at once, then one per 2 s) per-user limit of the loaded config. */
    private static void command(ConsoleHarness bot, String line) {
        bot.clock.advance(Duration.ofSeconds(5));
        bot.run(line);
    }

    /** Secrets as Spotify received them: codes, verifiers, refresh tokens, bearer tokens, client credentials. */
    private static void collectFromRequests(List<FakeSpotify.RecordedRequest> requests, Map<String, String> into) {
        for (FakeSpotify.RecordedRequest request : requests) {
            String authorization = request.header("authorization");
            if (request.path().equals("/api/token")) {
                putIfPresent(into, request.form().get("code"), "authorization code");
                putIfPresent(into, request.form().get("code_verifier"), "PKCE verifier");
                putIfPresent(into, request.form().get("refresh_token"), "refresh token sent");
                if (authorization != null && authorization.startsWith("Basic ")) {
                    String basic = authorization.substring("Basic ".length());
                    into.put(basic, "client credentials (Basic)");
                    into.put(new String(Base64.getDecoder().decode(basic), StandardCharsets.UTF_8),
                            "client credentials");
                }
            } else if (authorization != null && authorization.startsWith("Bearer ")) {
                into.put(authorization.substring("Bearer ".length()), "access token sent");
            }
        }
    }

    private static void putIfPresent(Map<String, String> into, String value, String what) {
        if (value != null && !value.startsWith("forged")) {
            into.put(value, what);
        }
    }

    private static void check(List<String> leaks, String text, String where, String secret, String what) {
        int at = text.indexOf(secret);
        if (at >= 0) {
            int from = Math.max(0, at - 120);
            leaks.add(what + " in " + where + ": ..." + text.substring(from, Math.min(text.length(), at + 40)));
        }
    }

    private SpotlinkConfig loadConfig(FakeSpotify spotify) throws Exception {
        Path file = BotProcess.writeConfig(dir, spotify, TestConfigs.freePort());
        Files.writeString(file, "discord.token=" + DISCORD_TOKEN + "\ntelegram.token=" + TELEGRAM_TOKEN + "\n",
                StandardOpenOption.APPEND);
        return ConfigLoader.load(file, Map.of());
    }
}
