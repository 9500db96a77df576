package dev.spotlink.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlink.domain.AccountStatus;
import dev.spotlink.domain.ChatUser;
import dev.spotlink.domain.LinkedAccount;
import dev.spotlink.domain.Platform;
import dev.spotlink.store.LinkedAccountRepository;
import dev.spotlink.store.NewLink;
import dev.spotlink.testing.ConsoleHarness;
import dev.spotlink.testing.FakeSpotify;
import dev.spotlink.testing.TestConfigs;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * 200 link completions and 200 commands at once against one SQLite file in one process. The commands force token
 * refreshes (every access token expired, refresh tokens rotating) so reads and writes of the same rows collide:
 * nobody sees an error, every completion is stored, and no refresh token is lost to a stale write.
 */
class ConcurrencyTest {

    private static final int LINKED = 100;
    private static final int COMPLETIONS = 200;
    private static final int COMMANDS = 200;
    private static final String SCOPES = "user-read-currently-playing user-read-recently-played";
    private static final Pattern NOW_PLAYING = Pattern.compile("Song of (pre-\\d+)");

    @TempDir
    Path dataDir;

    private ConsoleHarness bot;

    @BeforeEach
    void start() {
        bot = new ConsoleHarness(dataDir);
        bot.spotify.setRotateRefreshTokens(true);
    }

    @AfterEach
    void stop() {
        bot.close();
    }

    @Test
    @Timeout(120)
    void twoHundredCompletionsAndTwoHundredCommandsAtOnce() throws Exception {
        LinkedAccountRepository accounts = bot.app().core().accounts();
        for (int i = 0; i < LINKED; i++) {
            linkDirectly(accounts, "pre-" + i);
        }
        List<URI> redirects = new ArrayList<>();
        for (int i = 0; i < COMPLETIONS; i++) {
            String account = "new-account-" + i;
            bot.spotify.addUser(account, "New " + i);
            URI authorize = bot.app().core().links().startLink(new ChatUser(Platform.CONSOLE, "new-" + i),
                    Locale.ENGLISH);
            redirects.add(bot.spotify.consent(authorize, account));
        }
        expireAllAccessTokens();

        List<Callable<Integer>> work = new ArrayList<>();
        for (int i = 0; i < Math.max(COMPLETIONS, COMMANDS); i++) {
            if (i < COMPLETIONS) {
                URI redirect = redirects.get(i);
                work.add(() -> bot.get(redirect).status());
            }
            if (i < COMMANDS) {
                String line = "/nowplaying user:pre-" + (i % LINKED); // two commands per user: one shared refresh
                work.add(() -> {
                    bot.run(line);
                    return 0;
                });
            }
        }
        List<Integer> statuses = runAllAtOnce(work);
        String output = bot.drainOutput();

        assertFalse(output.contains("Something went wrong"), output);
        assertFalse(output.lines().anyMatch(l -> l.startsWith("! ")), "no error reached a user:\n" + output);
        assertEquals(COMMANDS, count(NOW_PLAYING.matcher(output)), "every command answered:\n" + output);
        assertEquals(COMPLETIONS, statuses.stream().filter(s -> s == 200).count(), "every completion: " + statuses);
        for (int i = 0; i < COMPLETIONS; i++) {
            LinkedAccount linked = accounts.find(new ChatUser(Platform.CONSOLE, "new-" + i)).orElseThrow();
            assertEquals("new-account-" + i, linked.spotifyAccountId(), "no completion landed in another row");
        }
        assertEquals(LINKED + COMPLETIONS, accounts.count());
        assertEquals(LINKED, bot.spotify.tokenRequests("refresh_token"), "one refresh per account, shared");

        // a refresh token overwritten by a stale one would now fail with invalid_grant and ask for /link again
        expireAllAccessTokens();
        runAllAtOnce(java.util.stream.IntStream.range(0, LINKED).<Callable<Integer>>mapToObj(i -> () -> {
            bot.run("/nowplaying user:pre-" + i);
            return 0;
        }).toList());
        String again = bot.drainOutput();
        assertEquals(LINKED, count(NOW_PLAYING.matcher(again)), again);
        assertTrue(accounts.findAll().stream().allMatch(a -> a.status() == AccountStatus.ACTIVE));
    }

    private void linkDirectly(LinkedAccountRepository accounts, String userId) {
        String accountId = userId + "-account";
        bot.spotify.addUser(accountId, userId);
        bot.spotify.setPlaying(accountId, bot.spotify.trackJson("6rqhFgbbKwnb9MLmUQDhG6", "Song of " + userId,
                "Artist", "Album"));
        FakeSpotify.Tokens tokens = bot.spotify.issueTokens(accountId, TestConfigs.CLIENT_ID, SCOPES);
        accounts.save(new NewLink(new ChatUser(Platform.CONSOLE, userId), accountId, userId, TestConfigs.CLIENT_ID,
                tokens.accessToken(), tokens.refreshToken(), tokens.expiresAt(), SCOPES), bot.clock.instant());
    }

    private void expireAllAccessTokens() {
        for (int i = 0; i < LINKED; i++) {
            bot.spotify.expireAccessTokens("pre-" + i + "-account");
        }
    }

    /** Runs every task from 32 threads, all released together; returns the results in order. */
    private static <T> List<T> runAllAtOnce(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(32);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return task.call();
                }));
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static int count(Matcher matcher) {
        int n = 0;
        while (matcher.find()) {
            n++;
        }
        return n;
    }
}
