package dev.spotlink.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlink.Application;
import dev.spotlink.config.SpotlinkConfig;
import dev.spotlink.domain.Platform;
import dev.spotlink.transport.console.ConsoleTransport;
import dev.spotlink.web.ServerLimits;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The real application (callback server, store, Spotify clients) against a {@link FakeSpotify}, driven through
 * the console transport's command path, with a browser stand-in for the OAuth redirect.
 */
public final class ConsoleHarness implements AutoCloseable {

    private static final Pattern AUTHORIZE_URL = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/authorize\\S+)");

    public final FakeSpotify spotify;
    public final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T12:00:00Z"));
    private final Path dataDir;
    private final SpotlinkConfig config;
    private final ServerLimits limits;
    private final OkHttpClient browser = new OkHttpClient.Builder().followRedirects(false).build();
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private Application app;
    private ConsoleTransport console;

    public ConsoleHarness(Path dataDir) {
        this(dataDir, ServerLimits.DEFAULT);
    }

    /** With other callback server limits (rate-limit and hostile-input tests). */
    public ConsoleHarness(Path dataDir, ServerLimits limits) {
        this(dataDir, FakeSpotify.start(), null, limits);
    }

    /**
     * With a config of the test's own (e.g. loaded from a file by the real loader); it must point at
     * {@code spotify} and keep its data in {@code dataDir}. Closing the harness closes {@code spotify}.
     */
    public ConsoleHarness(Path dataDir, FakeSpotify spotify, SpotlinkConfig config) {
        this(dataDir, spotify, config, ServerLimits.DEFAULT);
    }

    private ConsoleHarness(Path dataDir, FakeSpotify spotify, SpotlinkConfig config, ServerLimits limits) {
        this.dataDir = dataDir;
        this.limits = limits;
        this.spotify = spotify;
        this.config = config != null ? config : TestConfigs.config(spotify, dataDir);
        startApp();
    }

    /** (Re)starts the application on the same database, key and port. */
    public void startApp() {
        app = Application.start(config, clock, limits);
        console = new ConsoleTransport(app.core().registry(), app.core().pasteBack(), app.core().messages(),
                Locale.ENGLISH,
                new BufferedReader(new StringReader("")), new PrintStream(output, true, StandardCharsets.UTF_8),
                dataDir.resolve("images"));
        app.core().notifiers().register(Platform.CONSOLE, console.notifier());
    }

    public void stopApp() {
        app.close();
    }

    public Application app() {
        return app;
    }

    public SpotlinkConfig config() {
        return config;
    }

    /** Runs one console line. */
    public void run(String line) {
        console.handle(line);
    }

    /** What the console printed since the last call. */
    public synchronized String drainOutput() {
        String text = output.toString(StandardCharsets.UTF_8);
        output.reset();
        return text;
    }

    /** Runs /link and returns the authorize URL it printed. */
    public URI link() {
        run("/link");
        String out = drainOutput();
        Matcher m = AUTHORIZE_URL.matcher(out);
        assertTrue(m.find(), "authorize URL printed: " + out);
        return URI.create(m.group(1));
    }

    /** Links {@code accountId} through the full browser round trip. */
    public Page linkAs(String accountId) {
        Page page = get(spotify.consent(link(), accountId));
        drainOutput();
        return page;
    }

    /** The callback server's base URL. */
    public String serverUrl() {
        return "http://127.0.0.1:" + app.port();
    }

    /** A GET as a browser would send it (no redirects followed). */
    public Page get(URI uri) {
        return get(uri.toString(), Map.of());
    }

    public Page get(String url, Map<String, String> headers) {
        Request.Builder request = new Request.Builder().url(url);
        headers.forEach(request::header);
        try (Response response = browser.newCall(request.build()).execute()) {
            return new Page(response.code(), response.body().string(), response.headers().toMultimap());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        app.close();
        spotify.close();
    }

    /** An HTTP answer; header names lower-case. */
    public record Page(int status, String body, Map<String, List<String>> headers) {
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }
}
