package dev.spotlink.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    static final String REQUIRED = """
            spotify.client-id=abc123
            spotify.client-secret=s3cr3t-value
            spotify.redirect-uri=https://bot.example.org/callback
            """;

    /** Loads a config file in {@code dir} holding the required keys plus {@code extra}, with {@code env}. */
    static SpotlinkConfig loadWithRequired(Path dir, String extra, Map<String, String> env) throws Exception {
        Path file = dir.resolve("config.properties");
        Files.writeString(file, REQUIRED + extra, StandardCharsets.UTF_8);
        return ConfigLoader.load(file, env);
    }

    @TempDir
    Path dir;

    Path write(String content) throws IOException {
        Path file = dir.resolve("config.properties");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    ConfigException failure(String content, Map<String, String> env) throws IOException {
        Path file = write(content);
        return assertThrows(ConfigException.class, () -> ConfigLoader.load(file, env));
    }

    @Test
    void requiredKeysAloneGiveTheDocumentedDefaults() throws Exception {
        SpotlinkConfig c = ConfigLoader.load(write(REQUIRED), Map.of());

        assertEquals(dir.resolve("config.properties").toAbsolutePath().normalize(), c.source());
        assertEquals("abc123", c.spotify().clientId());
        assertEquals("s3cr3t-value", c.spotify().clientSecret().reveal());
        assertEquals(URI.create("https://bot.example.org/callback"), c.spotify().redirectUri());
        assertEquals("https://accounts.spotify.com", c.spotify().accountsUrl());
        assertEquals("https://api.spotify.com/v1", c.spotify().apiUrl());
        assertEquals("https://scannables.scdn.co", c.spotify().codesUrl());
        assertEquals(new ServerConfig("127.0.0.1", 8080), c.server());
        assertEquals("jdbc:sqlite:data/spotlink.db", c.database().url());
        assertEquals(Path.of("data/spotlink.key"), c.security().keyFile());
        assertEquals(Duration.ofMinutes(10), c.link().ttl());
        assertEquals(Optional.empty(), c.discord());
        assertEquals(Optional.empty(), c.telegram());
    }

    @Test
    void environmentWinsOverTheFileAndMapsKeyNames() throws Exception {
        Path file = write(REQUIRED + "server.port=1234\nlink.ttl=5m\n");
        Map<String, String> env = Map.of(
                "SPOTLINK_SPOTIFY_CLIENT_ID", "from-env",
                "SPOTLINK_SERVER_PORT", " 9090 ",
                "SPOTLINK_SERVER_HOST", "0.0.0.0",
                "SPOTLINK_SECURITY_KEY_FILE", "/srv/spotlink/key",
                "SPOTLINK_DISCORD_TOKEN", "discord-token-value",
                "SPOTLINK_DISCORD_DEV_GUILD_ID", "123456789012345678",
                "SPOTLINK_TELEGRAM_TOKEN", "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ_-",
                "SPOTLINK_SOMETHING_ELSE", "ignored",
                "SPOTLINK_CONFIG", "/elsewhere.properties");

        SpotlinkConfig c = ConfigLoader.load(file, env);

        assertEquals("from-env", c.spotify().clientId());
        assertEquals(new ServerConfig("0.0.0.0", 9090), c.server());
        assertEquals(Path.of("/srv/spotlink/key"), c.security().keyFile());
        assertEquals(Duration.ofMinutes(5), c.link().ttl());
        DiscordConfig discord = c.discord().orElseThrow();
        assertEquals("discord-token-value", discord.token().reveal());
        assertEquals("https://discord.com/api/v10/", discord.apiUrl());
        assertEquals("wss://gateway.discord.gg/", discord.gatewayUrl());
        assertEquals(Optional.of("123456789012345678"), discord.devGuildId());
        TelegramConfig telegram = c.telegram().orElseThrow();
        assertEquals("https://api.telegram.org", telegram.apiUrl());
    }

    @Test
    void everyKeyHasTheDocumentedEnvironmentName() {
        assertEquals("SPOTLINK_SPOTIFY_CLIENT_ID", ConfigKey.SPOTIFY_CLIENT_ID.envName());
        assertEquals("SPOTLINK_SECURITY_KEY_FILE", ConfigKey.SECURITY_KEY_FILE.envName());
        assertEquals("SPOTLINK_DISCORD_DEV_GUILD_ID", ConfigKey.DISCORD_DEV_GUILD_ID.envName());
        assertEquals("SPOTLINK_LINK_TTL", ConfigKey.LINK_TTL.envName());
    }

    @Test
    void blankValuesCountAsUnset() throws Exception {
        Path file = write(REQUIRED + "server.port=   \ndiscord.token=\n");
        SpotlinkConfig c = ConfigLoader.load(file, Map.of("SPOTLINK_SPOTIFY_CLIENT_ID", "  "));

        assertEquals("abc123", c.spotify().clientId(), "blank env falls back to the file");
        assertEquals(8080, c.server().port());
        assertTrue(c.discord().isEmpty());
    }

    @Test
    void everythingCanComeFromTheEnvironmentWithoutAFile() throws Exception {
        Map<String, String> env = Map.of(
                "SPOTLINK_SPOTIFY_CLIENT_ID", "id",
                "SPOTLINK_SPOTIFY_CLIENT_SECRET", "secret",
                "SPOTLINK_SPOTIFY_REDIRECT_URI", "http://127.0.0.1:8080/callback");

        SpotlinkConfig c = ConfigLoader.load(dir.resolve("absent.properties"), env);

        assertEquals(dir.resolve("absent.properties").toAbsolutePath(), c.source());
        assertEquals("id", c.spotify().clientId());
    }

    @Test
    void reportsEveryProblemAtOnceWithTheAbsolutePath() throws Exception {
        ConfigException e = failure("""
                spotify.client-secret=s
                spotify.redirect-uri=http://bot.example.org/callback
                server.port=99999
                spotify.clientsecret=oops
                link.ttl=soon
                """, Map.of());

        Path abs = dir.resolve("config.properties").toAbsolutePath().normalize();
        assertEquals(abs, e.configFile());
        assertFalse(e.isFirstRun());
        assertEquals(5, e.problems().size(), e.getMessage());
        String message = e.getMessage();
        assertTrue(message.startsWith("Configuration problems in " + abs + ":"), message);
        assertTrue(message.contains("  - `spotify.client-id` is required"), message);
        assertTrue(message.contains("SPOTLINK_SPOTIFY_CLIENT_ID"), message);
        assertTrue(message.contains("`server.port` = \"99999\": is out of range"), message);
        assertTrue(message.contains("`spotify.redirect-uri` = \"http://bot.example.org/callback\": plain http"),
                message);
        assertTrue(message.contains("`link.ttl` = \"soon\""), message);
        assertTrue(message.contains("unknown key `spotify.clientsecret`: did you mean `spotify.client-secret`?"),
                message);
        assertFalse(message.contains("oops"), "values of unknown keys may be secrets");
    }

    @Test
    void problemsFromTheEnvironmentNameTheVariable() throws Exception {
        ConfigException e = failure(REQUIRED, Map.of("SPOTLINK_SERVER_PORT", "http"));

        assertEquals(List.of("`server.port` = \"http\" (from env SPOTLINK_SERVER_PORT): "
                + "must be a whole number 0..65535 (0 = any free port)"), e.problems());
    }

    @Test
    void secretValuesNeverAppearInProblems() throws Exception {
        ConfigException e = failure(REQUIRED.replace("s3cr3t-value", "has space")
                + "telegram.token=not-a-telegram-token\ndiscord.token=Bot abcdef\n", Map.of());

        assertEquals(3, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("`telegram.token`: does not look like a bot token"), e.getMessage());
        assertTrue(e.getMessage().contains("`discord.token`: must not contain spaces"), e.getMessage());
        assertFalse(e.getMessage().contains("not-a-telegram-token"));
        assertFalse(e.getMessage().contains("abcdef"));
        assertFalse(e.getMessage().contains("has space"));
    }

    @Test
    void localhostRedirectIsRefusedWithTheReason() throws Exception {
        ConfigException e = failure(REQUIRED.replace("https://bot.example.org/callback",
                "http://localhost:8080/callback"), Map.of());

        String problem = e.problems().get(0);
        assertTrue(problem.contains("Spotify refuses `localhost`"), problem);
        assertTrue(problem.contains("http://127.0.0.1:8080/callback"), problem);
    }

    @Test
    void loopbackHttpAndHttpsRedirectsAreAccepted() throws Exception {
        for (String uri : List.of("http://127.0.0.1:8080/callback", "http://[::1]:8080/callback",
                "https://bot.example.org:8443/spotify/callback")) {
            SpotlinkConfig c = ConfigLoader.load(write(REQUIRED), Map.of("SPOTLINK_SPOTIFY_REDIRECT_URI", uri));
            assertEquals(URI.create(uri), c.spotify().redirectUri());
        }
    }

    @Test
    void endpointUrlsAreNormalized() throws Exception {
        SpotlinkConfig c = ConfigLoader.load(write(REQUIRED + """
                spotify.accounts-url=http://127.0.0.1:5000/accounts/
                spotify.api-url=http://127.0.0.1:5000/v1/
                discord.token=t
                discord.api-url=http://127.0.0.1:5001/api/v10
                discord.gateway-url=ws://127.0.0.1:5002/
                telegram.token=1:abcdefghijklmnopqrstu
                telegram.api-url=http://127.0.0.1:5003/
                """), Map.of());

        assertEquals("http://127.0.0.1:5000/accounts", c.spotify().accountsUrl());
        assertEquals("http://127.0.0.1:5000/v1", c.spotify().apiUrl());
        assertEquals("http://127.0.0.1:5001/api/v10/", c.discord().orElseThrow().apiUrl());
        assertEquals("ws://127.0.0.1:5002/", c.discord().orElseThrow().gatewayUrl());
        assertEquals("http://127.0.0.1:5003", c.telegram().orElseThrow().apiUrl());
    }

    @Test
    void badEndpointsAndValuesAreProblemsEvenWhenThePlatformIsOff() throws Exception {
        ConfigException e = failure(REQUIRED + """
                spotify.codes-url=ftp://codes.example.org
                discord.gateway-url=gateway.discord.gg
                discord.dev-guild-id=my-server
                database.url=sqlite:data/x.db
                """, Map.of());

        assertEquals(4, e.problems().size(), e.getMessage());
    }

    @Test
    void missingFileAndNoEnvironmentIsAFirstRun() {
        Path file = dir.resolve("sub/../config.properties");

        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file, Map.of()));

        assertTrue(e.isFirstRun());
        Path abs = dir.resolve("config.properties").toAbsolutePath().normalize();
        assertEquals(abs, e.configFile());
        String guide = e.firstRunGuide();
        assertTrue(guide.contains("config file not found at " + abs), guide);
        assertTrue(guide.contains("config.example.properties"), guide);
        assertTrue(guide.contains("https://developer.spotify.com/dashboard"), guide);
        assertTrue(guide.contains("http://127.0.0.1:8080/callback"), guide);
        assertTrue(guide.contains("java -jar target/spotlink.jar"), guide);
    }

    @Test
    void missingFileWithSomeEnvironmentIsNotAFirstRun() {
        Path file = dir.resolve("config.properties");

        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(file, Map.of("SPOTLINK_SPOTIFY_CLIENT_ID", "id", "SPOTLINK_CONFIG", "x")));

        assertFalse(e.isFirstRun());
        assertTrue(e.fileMissing());
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("the file does not exist"), e.getMessage());
    }

    @Test
    void emptyExistingFileIsNotAFirstRun() throws Exception {
        ConfigException e = failure("", Map.of());

        assertFalse(e.isFirstRun());
        assertEquals(3, e.problems().size(), e.getMessage());
    }

    @Test
    void duplicateKeysAndDirectoriesAreProblems() throws Exception {
        ConfigException duplicate = failure(REQUIRED + "server.port=1\nserver.port=2\n", Map.of());
        assertTrue(duplicate.problems().get(0).contains("`server.port` is set more than once"),
                duplicate.getMessage());

        ConfigException directory = assertThrows(ConfigException.class, () -> ConfigLoader.load(dir, Map.of()));
        assertTrue(directory.problems().get(0).contains("directory"), directory.getMessage());
        assertFalse(directory.isFirstRun());
    }

    @Test
    void readsUtf8WithAByteOrderMark() throws Exception {
        SpotlinkConfig c = ConfigLoader.load(write("\uFEFF" + REQUIRED + "server.host=hôte\n"), Map.of());

        assertEquals("hôte", c.server().host());
    }

    @Test
    void configPathArgumentWinsThenEnvironmentThenDefault() {
        Map<String, String> env = Map.of("SPOTLINK_CONFIG", "from-env.properties");

        assertEquals(Path.of("from-arg.properties").toAbsolutePath(),
                ConfigLoader.resolveConfigPath(new String[] {"console", "--config", "from-arg.properties"}, env));
        assertEquals(Path.of("/etc/x/../spotlink.properties").toAbsolutePath().normalize(),
                ConfigLoader.resolveConfigPath(new String[] {"--config=/etc/x/../spotlink.properties"}, env));
        assertEquals(Path.of("from-env.properties").toAbsolutePath(),
                ConfigLoader.resolveConfigPath(new String[] {"console"}, env));
        assertEquals(Path.of("config.properties").toAbsolutePath(),
                ConfigLoader.resolveConfigPath(new String[0], Map.of("SPOTLINK_CONFIG", " ")));
        assertThrows(IllegalArgumentException.class,
                () -> ConfigLoader.resolveConfigPath(new String[] {"--config"}, Map.of()));
    }

    @Test
    void configOptionCanBeStrippedFromTheArguments() {
        assertEquals(List.of("console", "--locale", "ru"), List.of(ConfigLoader.argsWithoutConfigOption(
                new String[] {"console", "--config", "a.properties", "--locale", "ru", "--config=b"})));
    }
}
