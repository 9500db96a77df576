package dev.spotlink.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlink.testing.ConsoleHarness;
import dev.spotlink.testing.RawHttp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * 1,000 malformed and hostile requests, sent byte for byte over raw sockets at the running callback server: every
 * one is refused with a 4xx that carries the security headers and leaks nothing, the server stays healthy, and
 * Spotify never hears a thing.
 */
class HostileRequestsTest {

    /** Words that would betray the server software, its version or a stack trace. */
    private static final List<String> LEAKS = List.of("jetty", "javalin", "eclipse", "exception", "dev.spotlink",
            "at java.", "kotlin", "sqlite", "stack", "powered");

    @TempDir
    Path dataDir;

    private ConsoleHarness bot;
    private RawHttp raw;

    @BeforeEach
    void start() {
        // the rate limit has its own test; here every request must reach the parsing and routing under test
        bot = new ConsoleHarness(dataDir, ServerLimits.DEFAULT.withCallbackRate(1_000_000, Duration.ofMillis(1)));
        bot.spotify.addUser("alice-account", "Alice");
        raw = new RawHttp(bot.app().port());
    }

    @AfterEach
    void stop() {
        bot.close();
    }

    @Test
    @Timeout(60)
    void aThousandHostileRequestsAreAllRefusedAndTheServerStaysHealthy() throws Exception {
        List<HostileRequests.Hostile> requests = new HostileRequests(bot.app().port(), 20261128L).generate(1_000);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<String> problems = new ArrayList<>();
        try {
            List<Future<RawHttp.Response>> answers = new ArrayList<>();
            for (HostileRequests.Hostile request : requests) {
                answers.add(pool.submit(() -> raw.send(request.bytes())));
            }
            for (int i = 0; i < requests.size(); i++) {
                RawHttp.Response answer = answers.get(i).get(30, TimeUnit.SECONDS);
                String problem = problemWith(answer);
                if (problem != null) {
                    problems.add(requests.get(i) + " -> " + problem + "\n" + answer);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(problems.isEmpty(), problems.size() + " bad answers, e.g.:\n"
                + String.join("\n----\n", problems.subList(0, Math.min(5, problems.size()))));

        assertEquals(200, raw.request("GET", "/health").status(), "still healthy");
        assertEquals(0, bot.spotify.tokenRequests(), "no token request");
        assertTrue(bot.spotify.requests().isEmpty(), "Spotify heard nothing: " + bot.spotify.requests());
        assertEquals(0, bot.app().core().accounts().count(), "nothing stored");
        assertEquals(200, bot.linkAs("alice-account").status(), "and a real user can still link");
    }

    @Test
    void oversizedRequestsGetTheirOwn4xxNot500() {
        assertStatus(431, raw.request("GET", "/callback", "X-Big: " + "a".repeat(20_000)));
        assertStatus(431, raw.request("GET", "/callback", "Cookie: " + "c".repeat(9_000)));
        assertStatus(414, raw.request("GET", "/callback?code=" + "a".repeat(20_000)));
        assertStatus(414, raw.request("GET", "/" + "p".repeat(20_000)));
        assertStatus(413, raw.request("GET", "/callback?code=x", "Content-Length: 100000"));
    }

    @Test
    void otherMethodsOnTheCallbackAre405AndUnknownPaths404() {
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
            RawHttp.Response answer = raw.request(method, "/callback", "Content-Length: 0");
            assertStatus(405, answer);
        }
        RawHttp.Response head = raw.request("HEAD", "/callback?code=x&state=" + "A".repeat(43));
        assertStatus(405, head);
        assertEquals("GET", head.header("Allow"), "HEAD never claims a state");
        RawHttp.Response unknown = raw.request("GET", "/admin/%3Cscript%3E");
        assertStatus(404, unknown);
        assertFalse(unknown.body().contains("admin"), "the path is not echoed: " + unknown.body());
        assertStatus(400, raw.request("GET", "/%2e%2e/%2e%2e/etc/passwd"));
        assertStatus(400, raw.send("GET /callback HTTP/1.1\r\nConnection: close\r\n\r\n".getBytes()));
    }

    @Test
    void unsupportedProtocolVersionsAreRefusedWithoutDetail() {
        RawHttp.Response answer = raw.send("GET /callback\r\n\r\n".getBytes());
        assertEquals(505, answer.status(), answer.toString());
        assertLockedDown(answer);
    }

    @Test
    void aServerErrorShowsNoStackTrace() {
        bot.app().core().database().close(); // every store call now fails inside the callback
        RawHttp.Response answer = raw.request("GET", "/callback?code=x&state=" + "A".repeat(43));
        assertEquals(500, answer.status(), answer.toString());
        assertEquals("Internal error", answer.body().strip());
        assertLockedDown(answer);
    }

    private static void assertStatus(int status, RawHttp.Response answer) {
        assertEquals(status, answer.status(), answer.toString());
        assertLockedDown(answer);
    }

    private static void assertLockedDown(RawHttp.Response answer) {
        String problem = leakOrMissingHeaders(answer);
        assertEquals(null, problem, answer.toString());
    }

    /** Null when the answer is a clean refusal. */
    private static String problemWith(RawHttp.Response answer) {
        if (answer.status() < 400 || answer.status() > 499) {
            return "status " + answer.status();
        }
        return leakOrMissingHeaders(answer);
    }

    private static String leakOrMissingHeaders(RawHttp.Response answer) {
        for (var header : SecurityHeaders.all().entrySet()) {
            if (!header.getValue().equals(answer.header(header.getKey()))) {
                return "missing " + header.getKey();
            }
        }
        if (answer.header("Server") != null || answer.header("X-Powered-By") != null) {
            return "server software named";
        }
        String lower = answer.raw().toLowerCase(Locale.ROOT);
        for (String leak : LEAKS) {
            if (lower.contains(leak)) {
                return "leaks '" + leak + "'";
            }
        }
        if (lower.contains("<script") || lower.contains("onerror=")) {
            return "echoes markup";
        }
        return null;
    }
}
