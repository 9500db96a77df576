package dev.spotlink.store;

import dev.spotlink.config.DatabaseConfig;
import dev.spotlink.domain.ChatUser;
import dev.spotlink.domain.LinkedAccount;
import dev.spotlink.testing.TestDatabases.Engine;
import dev.spotlink.testing.TestDatabases;
import static dev.spotlink.store.StoreFixtures.NOW;
import static dev.spotlink.store.StoreFixtures.discord;
import static dev.spotlink.store.StoreFixtures.newLink;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class ConcurrentWritersTest {

    private static final int THREADS = 200;
    private static final int REFRESHES = 2;

    @TempDir
    Path dir;

    @Parameter
    Engine engine;
    private DatabaseConfig config;

    @BeforeEach
    void newDatabase() {
        config = TestDatabases.config(engine, dir);
    }

    @Test
    void twoHundredThreadsSavingAndRefreshingLoseNothing() throws Exception {
        try (Database db = Database.open(config)) {
            LinkedAccountRepository accounts =
                    new LinkedAccountRepository(db, TokenCipher.openFor(db, dir.resolve("k.key")));
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                ChatUser user = discord("u" + i);
                futures.add(pool.submit(() -> {
                    start.await();
                    long id = accounts.save(newLink(user, "access-0", "refresh-0"), NOW).id();
                    for (int n = 1; n <= REFRESHES; n++) {
                        accounts.updateTokens(id, NOW, "access-" + n + "-" + user.userId(), null,
                                NOW.plus(Duration.ofHours(n)), null);
                        accounts.find(user).orElseThrow(); // readers run beside the writers
                    }
                    accounts.setSharing(user, false);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(120, TimeUnit.SECONDS); // any StoreException (SQLITE_BUSY) would surface here
            }
            pool.shutdown();

            List<LinkedAccount> all = accounts.findAll();
            assertEquals(THREADS, all.size());
            for (LinkedAccount account : all) {
                assertEquals("access-" + REFRESHES + "-" + account.user().userId(), account.accessToken());
                assertEquals("refresh-0", account.refreshToken());
                assertEquals(NOW.plus(Duration.ofHours(REFRESHES)), account.expiresAt());
                assertFalse(account.sharingEnabled());
            }
        }
    }
}
