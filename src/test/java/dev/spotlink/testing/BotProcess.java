package dev.spotlink.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bot as a separate JVM ({@code dev.spotlink.Main} on this test's class path), for what only a real process
 * shows: SIGKILL, SIGTERM and the {@code rotate-key} command line. Its stdout and stderr go to one log file.
 */
public final class BotProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final Path logFile;
    private final int port;

    private BotProcess(Process process, Path logFile, int port) {
        this.process = process;
        this.logFile = logFile;
        this.port = port;
    }

    /**
     * Writes {@code config.properties} in {@code dir}: Spotify at {@code spotify}, callback server on
     * 127.0.0.1:{@code port}, database and key in {@code dir} (the same files {@link TestConfigs#config} uses).
     */
    public static Path writeConfig(Path dir, FakeSpotify spotify, int port) {
        spotify.registerApp(TestConfigs.CLIENT_ID, TestConfigs.CLIENT_SECRET);
        String text = String.join("\n",
                "spotify.client-id=" + TestConfigs.CLIENT_ID,
                "spotify.client-secret=" + TestConfigs.CLIENT_SECRET,
                "spotify.redirect-uri=http://127.0.0.1:" + port + "/callback",
                "spotify.accounts-url=" + spotify.accountsUrl(),
                "spotify.api-url=" + spotify.apiUrl(),
                "spotify.codes-url=" + spotify.codesUrl(),
                "server.host=127.0.0.1",
                "server.port=" + port,
                "database.url=jdbc:sqlite:" + dir.resolve("spotlink.db").toAbsolutePath(),
                "security.key-file=" + dir.resolve("spotlink.key").toAbsolutePath(),
                "");
        Path file = dir.resolve("config.properties");
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Starts {@code Main} with {@code args} plus {@code --config configFile}; does not wait for anything. */
    public static BotProcess start(Path configFile, int port, Path logFile, String... args) {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-XX:TieredStopAtLevel=1", "-Duser.language=en",
                "-cp", System.getProperty("java.class.path"), "dev.spotlink.Main"));
        command.addAll(List.of(args));
        command.addAll(List.of("--config", configFile.toString()));
        return exec(command, configFile.getParent(), port, logFile);
    }

    /**
     * Starts {@code command} as it is (a command line a user types, with {@code java} already resolved) in
     * {@code workDir}, which holds the config it reads; {@code port} is the callback server's, for
     * {@link #awaitHealthy()}; {@code env}: more variables, as name, value, name, value. Does not wait for anything.
     */
    public static BotProcess exec(List<String> command, Path workDir, int port, Path logFile, String... env) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        // the child must read only the config file it is given, not whatever SPOTLINK_* this JVM runs with
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("SPOTLINK_"));
        environment.put("SPOTLINK_LOG_LEVEL", "INFO");
        environment.put("SPOTLINK_TEST_LOG_LEVEL", "INFO");
        for (int i = 0; i + 1 < env.length; i += 2) {
            environment.put(env[i], env[i + 1]);
        }
        try {
            return new BotProcess(builder.start(), logFile, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a command-line mode to its end ({@code rotate-key}); the exit code, the output in {@link #log()}. */
    public static BotProcess run(Path configFile, Path logFile, Duration timeout, String... args) {
        BotProcess bot = start(configFile, -1, logFile, args);
        bot.awaitExit(timeout);
        return bot;
    }

    /** Waits until {@code GET /health} answers 200. */
    public BotProcess awaitHealthy() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("bot exited with " + process.exitValue() + " while starting:\n" + log());
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            pause(Duration.ofMillis(50));
        }
        throw new AssertionError("bot not healthy within " + START_TIMEOUT + ":\n" + log());
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye. */
    public void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(10));
    }

    /** SIGTERM; returns the exit code once the process ended within {@code timeout}. */
    public int terminate(Duration timeout) {
        process.destroy();
        return awaitExit(timeout);
    }

    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("bot did not exit within " + timeout + ":\n" + log());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        return process.exitValue();
    }

    /** The first match of {@code pattern} in the output, waiting up to {@code timeout}; fails if the process ends. */
    public String awaitOutput(Pattern pattern, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher match = pattern.matcher(log());
            if (match.find()) {
                return match.group();
            }
            if (!process.isAlive()) {
                throw new AssertionError("exited before printing " + pattern + ":\n" + log());
            }
            pause(Duration.ofMillis(50));
        }
        throw new AssertionError("nothing like " + pattern + " within " + timeout + ":\n" + log());
    }

    /** Writes {@code text} to the process's standard input and closes it (a user typing, then Ctrl-D). */
    public void type(String text) {
        try (var in = process.getOutputStream()) {
            in.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Everything the process wrote so far. */
    public String log() {
        try {
            return Files.readString(logFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The {@code java} of the JVM running the tests (the one a user's {@code java} on the PATH stands for). */
    public static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
