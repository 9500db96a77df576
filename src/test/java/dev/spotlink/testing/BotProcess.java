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
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(configFile.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        // the child must read only the config file it is given, not whatever SPOTLINK_* this JVM runs with
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("SPOTLINK_"));
        env.put("SPOTLINK_LOG_LEVEL", "INFO");
        env.put("SPOTLINK_TEST_LOG_LEVEL", "INFO");
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

    private static String javaBinary() {
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
