package dev.spotlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlink.config.DatabaseConfig;
import dev.spotlink.testing.BotProcess;
import dev.spotlink.testing.FakeSpotify;
import dev.spotlink.testing.TestConfigs;
import dev.spotlink.testing.TestDatabases;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command the README and the guides give a user is run, as written, against the packaged
 * {@code target/spotlink.jar} (this runs after {@code package}, in {@code mvn verify}), or by {@code .ci/image}
 * for the Docker commands; a command added to the docs that nothing runs fails the build.
 */
class ReadmeCommandsIT {

    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final Path JAR = PROJECT.resolve("target/spotlink.jar");
    private static final Duration EXIT = Duration.ofSeconds(60);
    private static final Pattern SETUP_LINK = Pattern.compile("http://127\\.0\\.0\\.1:\\d+/setup\\?token=[\\w-]+");

    /** Who runs each kind of documented command: a test of this class, or a script whose text names it. */
    private record Runner(Pattern command, String ranBy, String marker) {
        Runner(String regex, String ranBy) {
            this(Pattern.compile(regex), ranBy, null);
        }

        Runner(String regex, String ranBy, String marker) {
            this(Pattern.compile(regex), ranBy, marker);
        }
    }

    private static final List<Runner> RUNNERS = List.of(
            new Runner("mvn -B -q package -DskipTests", "Dockerfile", "RUN mvn -B -q package -DskipTests"),
            new Runner("java -jar target/spotlink\\.jar", "buildAndRun"),
            new Runner("bash \\.ci/run", "CI: the command that runs this very test"),
            new Runner("java -jar target/spotlink\\.jar console", "consoleInEnglishAndRussian"),
            new Runner("java -jar target/spotlink\\.jar rotate-key( \\[--config FILE])?", "rotateKey"),
            new Runner("java -jar target/spotlink\\.jar migrate-to jdbc:postgresql://\\S+ --user \\S+ "
                    + "--password-env PGPASSWORD", "migrateToPostgres"),
            new Runner("java -XX:ArchiveClassesAtExit=\\S+ -jar target/spotlink\\.jar", "appCdsArchive"),
            new Runner("java -XX:SharedArchiveFile=\\S+ -jar target/spotlink\\.jar", "appCdsArchive"),
            new Runner("docker build -t spotlink \\.", ".ci/image", "docker build -t spotlink ."),
            new Runner("docker run -d .*-v spotlink-data:/data .*-e SPOTLINK_SPOTIFY_CLIENT_ID=.* spotlink",
                    ".ci/image", "docker run -d -v spotlink-data:/data -e SPOTLINK_SPOTIFY_"),
            new Runner("docker run -it --rm -p 127\\.0\\.0\\.1:8080:8080 -v spotlink-data:/data spotlink setup "
                    + "--host 0\\.0\\.0\\.0", ".ci/image", "spotlink setup --host 0.0.0.0"),
            new Runner("docker stop spotlink", ".ci/image", "docker stop spotlink"),
            // no container runtime runs on the project's machines; the scale guide says so where it shows it, and
            // ComposeExampleTest checks the file's settings
            new Runner("docker compose -f docs/docker-compose\\.scale\\.yml up -d --build", "docs/scale.md",
                    "cannot be run on the project's own machines"));

    @TempDir
    Path dir;

    private FakeSpotify spotify;
    private int port;
    private final List<String> commands = ReadmeCommands.all(PROJECT);

    @BeforeEach
    void userFolder() throws IOException {
        assertTrue(Files.isRegularFile(JAR), JAR + " is missing: this test runs in `mvn verify`, after package");
        // the user's clone: the jar where the README says, and a config.properties beside it
        Files.createDirectories(dir.resolve("target"));
        Files.createSymbolicLink(dir.resolve("target/spotlink.jar"), JAR);
        spotify = FakeSpotify.start();
        port = TestConfigs.freePort();
        BotProcess.writeConfig(dir, spotify, port);
    }

    @AfterEach
    void stopFakes() throws IOException {
        spotify.close();
        Files.deleteIfExists(dir.resolve("target/spotlink.jar")); // the link, not the jar (JUnit would warn)
    }

    @Test
    void everyDocumentedCommandIsRunByATestOrByTheImageScript() throws IOException {
        assertTrue(commands.size() >= 10, "the docs' commands were not found: " + commands);
        List<String> unrun = new ArrayList<>();
        for (String command : commands) {
            Runner runner = RUNNERS.stream().filter(r -> r.command().matcher(command).matches()).findFirst()
                    .orElse(null);
            if (runner == null) {
                unrun.add(command);
            } else if (runner.marker() != null) {
                Path script = PROJECT.resolve(runner.ranBy());
                String text = Files.readString(script, StandardCharsets.UTF_8);
                assertTrue(text.contains(runner.marker()), runner.ranBy() + " should run `" + command + "` (it"
                        + " names it as `" + runner.marker() + "`)");
            }
        }
        assertEquals(List.of(), unrun, "documented commands that no test and no CI script runs: add a test here"
                + " (or to .ci/image for Docker)");
    }

    @Test
    void buildAndRun() {
        // the README's first command: "mvn -B -q package -DskipTests && java -jar target/spotlink.jar"
        String run = "java -jar target/spotlink.jar";
        assertTrue(commands.contains(run), "the README's run command: " + commands);
        try (BotProcess bot = exec(run, "run.log")) {
            bot.awaitHealthy();
            assertEquals(143, bot.terminate(EXIT), bot.log()); // SIGTERM, as Ctrl-C or a service stop
            assertTrue(bot.log().contains("Shutting down"), bot.log());
            assertTrue(Files.isRegularFile(dir.resolve("spotlink.db")), "the database the config names");
        }
    }

    @Test
    void consoleInEnglishAndRussian() {
        String console = ReadmeCommands.starting(commands, "java -jar target/spotlink.jar console");
        // a terminal's UTF-8 (without it Java writes Cyrillic as '?', as on any non-UTF-8 terminal)
        try (BotProcess english = exec(console + " --locale en", "console-en.log", "LANG", "C.UTF-8")) {
            english.type("/help\n");
            assertEquals(0, english.awaitExit(EXIT), english.log());
            assertTrue(english.log().contains("Spotlink shares what you listen to on Spotify"), english.log());
        }
        // the comment on that line in docs/setup.md: "--locale ru for Russian"
        try (BotProcess russian = exec(console + " --locale ru", "console-ru.log", "LANG", "C.UTF-8")) {
            russian.type("/help\n");
            assertEquals(0, russian.awaitExit(EXIT), russian.log());
            assertTrue(russian.log().contains("Spotlink показывает, что вы слушаете в Spotify"), russian.log());
        }
    }

    @Test
    void rotateKey() throws IOException {
        firstRun();
        byte[] before = Files.readAllBytes(dir.resolve("spotlink.key"));
        String rotate = ReadmeCommands.starting(commands, "java -jar target/spotlink.jar rotate-key")
                .replace(" [--config FILE]", "");
        try (BotProcess rotation = exec(rotate, "rotate.log")) {
            assertEquals(0, rotation.awaitExit(EXIT), rotation.log());
            assertTrue(rotation.log().contains("Rotated the token encryption key."), rotation.log());
        }
        assertTrue(!java.util.Arrays.equals(before, Files.readAllBytes(dir.resolve("spotlink.key"))), "a new key");
        try (BotProcess again = exec("java -jar target/spotlink.jar", "after-rotation.log")) {
            again.awaitHealthy(); // starts on the new key
        }
    }

    @Test
    void setupPageOfTheJar() throws Exception {
        Files.delete(dir.resolve("config.properties"));
        Files.writeString(dir.resolve("config.properties"), "server.port=" + port + "\n");
        // the command the bot prints when its config is incomplete (SetupLauncher.HINT), with the README's path
        try (BotProcess setup = exec("java -jar target/spotlink.jar setup", "setup.log")) {
            String link = setup.awaitOutput(SETUP_LINK, EXIT);
            HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NORMAL).build();
            HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(link)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode(), page.body());
            assertTrue(page.body().contains("Spotify"), page.body());
        }
    }

    @Test
    void migrateToPostgres() throws Exception {
        firstRun();
        DatabaseConfig empty = TestDatabases.emptyPostgres();
        String database = empty.url().substring(empty.url().lastIndexOf('/') + 1);
        try (Connection admin = TestDatabases.connect(empty); Statement sql = admin.createStatement()) {
            sql.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'spotlink') THEN "
                    + "CREATE ROLE spotlink LOGIN PASSWORD 'readme-password'; END IF; END $$");
            sql.execute("ALTER DATABASE " + database + " OWNER TO spotlink");
        }
        String migrate = ReadmeCommands.starting(commands, "java -jar target/spotlink.jar migrate-to ")
                .replaceFirst("jdbc:postgresql://\\S+", empty.url());
        try (BotProcess migration = exec(migrate, "migrate.log", "PGPASSWORD", "readme-password")) {
            assertEquals(0, migration.awaitExit(EXIT), migration.log());
        }
        try (Connection check = TestDatabases.connect(empty); Statement sql = check.createStatement();
             ResultSet tables = sql.executeQuery("SELECT count(*) FROM information_schema.tables "
                     + "WHERE table_name = 'linked_accounts' AND table_catalog = '" + database + "'")) {
            assertTrue(tables.next());
            assertEquals(1, tables.getInt(1), "the schema was created in PostgreSQL");
        }
    }

    @Test
    void appCdsArchive() throws IOException {
        String train = ReadmeCommands.starting(commands, "java -XX:ArchiveClassesAtExit=");
        String use = ReadmeCommands.starting(commands, "java -XX:SharedArchiveFile=");
        Files.createDirectories(dir.resolve("data"));
        try (BotProcess training = exec(train, "cds-train.log")) {
            training.awaitHealthy();
            training.terminate(EXIT); // "stop it (Ctrl-C) once it is ready": the archive is written at exit
        }
        Path archive = dir.resolve("data/spotlink.jsa");
        assertTrue(Files.size(archive) > 1_000_000, "an archive of the loaded classes: " + Files.size(archive));
        // -Xshare:on: Java refuses to start unless it maps the archive, so a start proves it is used
        try (BotProcess mapped = exec(use.replaceFirst("^java ", "java -Xshare:on "), "cds-use.log")) {
            mapped.awaitHealthy();
        }
    }

    /** The bot started once and stopped: its database and key exist, as after a user's first run. */
    private void firstRun() {
        try (BotProcess bot = exec("java -jar target/spotlink.jar", "first-run.log")) {
            bot.awaitHealthy();
            bot.terminate(EXIT);
        }
    }

    private BotProcess exec(String command, String log, String... env) {
        List<String> words = new ArrayList<>(ReadmeCommands.words(command));
        assertEquals("java", words.get(0), command);
        words.set(0, BotProcess.javaBinary());
        return BotProcess.exec(words, dir, port, dir.resolve(log), env);
    }
}
