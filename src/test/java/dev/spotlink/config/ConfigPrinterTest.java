package dev.spotlink.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigPrinterTest {

    static final String CLIENT_SECRET = "client-secret-AAAA";
    static final String DISCORD_TOKEN = "discord-token-BBBB";
    static final String TELEGRAM_TOKEN = "123456:telegram-token-CCCCCCCCCCCC";
    static final List<String> SECRETS = List.of(CLIENT_SECRET, DISCORD_TOKEN, TELEGRAM_TOKEN, "pg-pass");

    @TempDir
    Path dir;

    SpotlinkConfig full() throws ConfigException {
        return ConfigLoader.load(dir.resolve("none.properties"), Map.of(
                "SPOTLINK_SPOTIFY_CLIENT_ID", "client-id-1",
                "SPOTLINK_SPOTIFY_CLIENT_SECRET", CLIENT_SECRET,
                "SPOTLINK_SPOTIFY_REDIRECT_URI", "http://127.0.0.1:8080/callback",
                "SPOTLINK_DATABASE_URL", "jdbc:postgresql://spot:pg-pass@db/spotlink?password=pg-pass&ssl=true",
                "SPOTLINK_DISCORD_TOKEN", DISCORD_TOKEN,
                "SPOTLINK_TELEGRAM_TOKEN", TELEGRAM_TOKEN));
    }

    @Test
    void printsEveryKeyWithSecretsMasked() throws Exception {
        List<String> lines = ConfigPrinter.lines(full());

        assertEquals(1 + ConfigKey.values().length, lines.size(), String.join("\n", lines));
        for (ConfigKey key : ConfigKey.values()) {
            assertTrue(lines.stream().anyMatch(line -> line.startsWith(key.key() + " = ")),
                    "ConfigPrinter shows no line for " + key.key());
        }
        assertTrue(lines.contains("spotify.client-id = client-id-1"));
        assertTrue(lines.contains("spotify.client-secret = <masked>"));
        assertTrue(lines.contains("discord.token = <masked>"));
        assertTrue(lines.contains("telegram.token = <masked>"));
        assertTrue(lines.contains("link.ttl = 10m"));
        assertTrue(lines.contains("discord.api-url = https://discord.com/api/v10/"));
        assertTrue(lines.contains("database.url = jdbc:postgresql://spot:<masked>@db/spotlink?password=<masked>&ssl=true"),
                String.join("\n", lines));
        assertNoSecret(ConfigPrinter.describe(full()));
    }

    @Test
    void saysWhichPlatformsAreOff() throws Exception {
        SpotlinkConfig c = ConfigLoader.load(dir.resolve("none.properties"), Map.of(
                "SPOTLINK_SPOTIFY_CLIENT_ID", "id",
                "SPOTLINK_SPOTIFY_CLIENT_SECRET", CLIENT_SECRET,
                "SPOTLINK_SPOTIFY_REDIRECT_URI", "http://127.0.0.1:8080/callback"));

        String text = ConfigPrinter.describe(c);

        assertTrue(text.contains("discord.token = (not set) -> Discord off"), text);
        assertTrue(text.contains("telegram.token = (not set) -> Telegram off"), text);
        assertTrue(text.startsWith("# effective configuration (file: " + dir.resolve("none.properties")), text);
        assertNoSecret(text);
    }

    @Test
    void toStringOfEveryRecordMasksSecrets() throws Exception {
        SpotlinkConfig c = full();

        assertNoSecret(c.toString());
        assertNoSecret(c.spotify().toString());
        assertNoSecret(c.discord().orElseThrow().toString());
        assertNoSecret(c.telegram().orElseThrow().toString());
        assertNoSecret(c.database().toString());
        assertEquals("<masked>", c.spotify().clientSecret().toString());
        assertTrue(c.toString().contains("client-id-1"), "non-secret values stay readable");
    }

    @Test
    void databaseUrlWithoutCredentialsIsUnchanged() {
        assertEquals("jdbc:sqlite:data/spotlink.db", new DatabaseConfig("jdbc:sqlite:data/spotlink.db").redactedUrl());
        assertEquals("jdbc:postgresql://db/x?user=u&PWD=<masked>",
                new DatabaseConfig("jdbc:postgresql://db/x?user=u&PWD=p").redactedUrl());
    }

    static void assertNoSecret(String text) {
        for (String secret : SECRETS) {
            assertFalse(text.contains(secret), () -> "secret leaked in: " + text);
        }
    }
}
