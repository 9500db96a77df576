package dev.spotlink.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlink.command.Notifiers;
import dev.spotlink.config.LinkConfig;
import dev.spotlink.config.SpotlinkConfig;
import dev.spotlink.domain.ChatUser;
import dev.spotlink.domain.Platform;
import dev.spotlink.i18n.Messages;
import dev.spotlink.spotify.HttpClients;
import dev.spotlink.spotify.Json;
import dev.spotlink.spotify.SpotifyAccountsClient;
import dev.spotlink.spotify.SpotifyApiClient;
import dev.spotlink.store.BotStateRepository;
import dev.spotlink.store.Database;
import dev.spotlink.store.LinkedAccountRepository;
import dev.spotlink.store.PendingLinkRepository;
import dev.spotlink.store.TokenCipher;
import dev.spotlink.testing.FakeSpotify;
import dev.spotlink.testing.Fuzz;
import dev.spotlink.testing.MutableClock;
import dev.spotlink.testing.TestConfigs;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Properties of {@link LinkService#completeCallback} on the real store (a temp-file database) and the real
 * Spotify clients against the fake: no parameters make it throw, a state that was not issued never leads to a
 * token request, and an issued state leads to at most one, ever.
 */
class LinkServiceCallbackPropertiesTest {

    private static final String BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static final List<String> ERRORS = List.of("access_denied", "server_error", "", " ",
            "<script>alert(1)</script>", "' OR 1=1 --");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T12:00:00Z"));
    private final List<ChatUser> notified = new ArrayList<>();
    private FakeSpotify spotify;
    private Database database;
    private LinkService links;

    @BeforeEach
    void setUp() {
        spotify = FakeSpotify.start();
        spotify.addUser("acct-fuzz", "Fuzz");
        SpotlinkConfig config = TestConfigs.config(spotify, dir);
        database = Database.open(config.database().url());
        TokenCipher cipher = TokenCipher.openFor(database, config.security().keyFile());
        OkHttpClient http = HttpClients.create();
        links = new LinkService(new PendingLinkRepository(database, cipher),
                new LinkedAccountRepository(database, cipher),
                new SpotifyAccountsClient(http, Json.mapper(), config.spotify(), clock),
                new SpotifyApiClient(http, Json.mapper(), config.spotify().apiUrl()), TestConfigs.CLIENT_ID,
                (user, reply) -> notified.add(user),
                new AdminAlerts(new BotStateRepository(database, clock), new Notifiers(), new Messages(), clock,
                        TestConfigs.CLIENT_ID, true),
                new OwnAppGuide(new Messages(), config.spotify().redirectUri()),
                new Messages(), new LinkConfig(Duration.ofMinutes(10)), clock, new SecureRandom());
    }

    @AfterEach
    void tearDown() {
        database.close();
        spotify.close();
    }

    private record Callback(String code, String state, String error) {
    }

    @Test
    void statesThatWereNotIssuedNeverReachTheTokenEndpoint() {
        List<URI> issued = new ArrayList<>();
        List<String> states = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            URI authorize = links.startLink(new ChatUser(Platform.DISCORD, "u" + i), Locale.ENGLISH);
            issued.add(authorize);
            states.add(HttpUrl.get(authorize.toString()).queryParameter("state"));
        }

        Fuzz.forAll("callback: states not issued", 300, f -> notIssued(f, states), callback -> {
            CallbackResult result = links.completeCallback(callback.code(), callback.state(), callback.error(),
                    Locale.ENGLISH);
            assertNotNull(result);
            assertNotNull(result.locale());
            assertFalse(result instanceof CallbackResult.Linked, result.toString());
            assertEquals(0, spotify.tokenRequests(), "a token request for a state that was not issued");
        });

        // The flood used none of the real links up: each still completes, once.
        for (URI authorize : issued) {
            HttpUrl redirect = HttpUrl.get(spotify.consent(authorize, "acct-fuzz").toString());
            assertInstanceOf(CallbackResult.Linked.class, links.completeCallback(redirect.queryParameter("code"),
                    redirect.queryParameter("state"), null, Locale.ENGLISH));
        }
        assertEquals(issued.size(), spotify.tokenRequests());
        assertEquals(issued.size(), notified.size());
    }

    @Test
    void anIssuedStateLeadsToAtMostOneTokenRequestWhateverComesWithIt() {
        Fuzz.forAll("callback: issued states", 120, f -> f, f -> {
            URI authorize = links.startLink(new ChatUser(Platform.TELEGRAM, "t" + f.between(0, 50)), Locale.ENGLISH);
            String state = HttpUrl.get(authorize.toString()).queryParameter("state");
            int before = spotify.tokenRequests();
            for (int i = 0; i < 3; i++) {
                String code = f.chance(0.5) ? "AC-" + f.from(BASE64URL, 1, 40) : f.chance(0.5) ? null : f.anyString();
                String error = f.chance(0.7) ? null : f.chance(0.5) ? f.oneOf(ERRORS) : f.anyString();
                CallbackResult result = links.completeCallback(code, state, error, Locale.ENGLISH);
                assertNotNull(result);
                if (i > 0) {
                    assertTrue(result instanceof CallbackResult.UsedState || result instanceof CallbackResult.Denied,
                            "a state is single-use: " + result);
                }
            }
            assertTrue(spotify.tokenRequests() - before <= 1, "more than one token request for one state");
        });
        assertTrue(spotify.tokenRequests() > 20, "the exchange was tried often: " + spotify.tokenRequests());
    }

    /** Absent, arbitrary, well-formed but unknown, or a near miss of a real state (never a real one). */
    private static Callback notIssued(Fuzz f, List<String> states) {
        String state;
        do {
            state = switch (f.between(0, 5)) {
                case 0 -> null;
                case 1 -> f.anyString();
                case 2 -> f.from(BASE64URL, 43, 43);
                case 3 -> f.mutate(f.oneOf(states));
                case 4 -> f.oneOf(states).toLowerCase(Locale.ROOT);
                default -> f.oneOf(states) + f.oneOf("", "&state=x", "%00", " ", "\n") + f.string(3);
            };
        } while (states.contains(state));
        String code = switch (f.between(0, 3)) {
            case 0 -> null;
            case 1 -> "AC-" + f.from(BASE64URL, 1, 40);
            case 2 -> f.anyString();
            default -> f.mutate("AC-" + f.from(BASE64URL, 10, 10));
        };
        String error = f.chance(0.6) ? null : f.chance(0.5) ? f.oneOf(ERRORS) : f.anyString();
        return new Callback(code, state, error);
    }
}
