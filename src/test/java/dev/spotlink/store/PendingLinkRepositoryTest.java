package dev.spotlink.store;

import dev.spotlink.config.DatabaseConfig;
import dev.spotlink.domain.ChatUser;
import dev.spotlink.domain.Platform;
import dev.spotlink.testing.TestDatabases.Engine;
import dev.spotlink.testing.TestDatabases;
import static dev.spotlink.store.StoreFixtures.NOW;
import static dev.spotlink.store.StoreFixtures.discord;
import static dev.spotlink.store.StoreFixtures.pendingLink;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class PendingLinkRepositoryTest {

    private static final Instant EXPIRY = NOW.plus(Duration.ofMinutes(10));

    @TempDir
    Path dir;

    @Parameter
    Engine engine;
    private DatabaseConfig config;

    private Database db;
    private PendingLinkRepository pending;

    @BeforeEach
    void open() {
        config = TestDatabases.config(engine, dir);
        db = Database.open(config);
        pending = new PendingLinkRepository(db, TokenCipher.openFor(db, dir.resolve("k.key")));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void claimReturnsTheLinkOnceThenAlreadyUsed() {
        PendingLink link = pendingLink("hash-1", discord("7"), "verifier-abc", EXPIRY);
        pending.insert(link);
        ClaimResult first = pending.claim("hash-1", NOW.plusSeconds(30));
        assertEquals(new ClaimResult.Claimed(link), first);
        assertInstanceOf(ClaimResult.AlreadyUsed.class, pending.claim("hash-1", NOW.plusSeconds(31)));
        // still "used", not "expired", after the expiry passes
        assertInstanceOf(ClaimResult.AlreadyUsed.class, pending.claim("hash-1", EXPIRY.plusSeconds(1)));
    }

    @Test
    void unknownAndExpiredStates() {
        pending.insert(pendingLink("hash-1", discord("7"), "v", EXPIRY));
        assertInstanceOf(ClaimResult.Unknown.class, pending.claim("no-such-hash", NOW));
        assertInstanceOf(ClaimResult.Expired.class, pending.claim("hash-1", EXPIRY)); // expiry instant is too late
        assertInstanceOf(ClaimResult.Expired.class, pending.claim("hash-1", EXPIRY.plusSeconds(60)));
        assertInstanceOf(ClaimResult.Claimed.class, pending.claim("hash-1", EXPIRY.minusMillis(1)));
    }

    @Test
    void isClaimableExactlyWhenAClaimWouldWinAndLookingChangesNothing() {
        pending.insert(pendingLink("hash-1", discord("7"), "v", EXPIRY));
        assertTrue(pending.isClaimable("hash-1", NOW));
        assertTrue(pending.isClaimable("hash-1", NOW), "looking twice changes nothing");
        assertFalse(pending.isClaimable("hash-1", EXPIRY), "expired");
        assertFalse(pending.isClaimable("no-such-hash", NOW), "unknown");
        assertInstanceOf(ClaimResult.Claimed.class, pending.claim("hash-1", NOW));
        assertFalse(pending.isClaimable("hash-1", NOW), "used");
    }

    @Test
    void anOwnerBoundClaimLeavesSomeoneElsesLinkAsItWas() {
        PendingLink link = pendingLink("hash-1", discord("7"), "verifier-abc", EXPIRY);
        pending.insert(link);
        assertInstanceOf(ClaimResult.OtherUser.class, pending.claim("hash-1", NOW, discord("8")));
        assertInstanceOf(ClaimResult.OtherUser.class, pending.claim("hash-1", NOW,
                new ChatUser(Platform.TELEGRAM, "7")), "the same id on another platform is someone else");
        assertInstanceOf(ClaimResult.OtherUser.class, pending.claim("hash-1", EXPIRY.plusSeconds(1), discord("8")),
                "expired or not, it is not theirs");
        assertInstanceOf(ClaimResult.Unknown.class, pending.claim("no-such-hash", NOW, discord("8")));
        // none of that used it up: the owner still gets it, once
        assertEquals(new ClaimResult.Claimed(link), pending.claim("hash-1", NOW.plusSeconds(1), discord("7")));
        assertInstanceOf(ClaimResult.AlreadyUsed.class, pending.claim("hash-1", NOW.plusSeconds(2), discord("7")));
        assertInstanceOf(ClaimResult.OtherUser.class, pending.claim("hash-1", NOW.plusSeconds(2), discord("8")));
    }

    @Test
    void exactlyOneOfManyConcurrentClaimsWins() throws Exception {
        pending.insert(pendingLink("contested", discord("7"), "v", EXPIRY));
        int threads = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ClaimResult>> futures = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            futures.add(pool.submit(() -> {
                start.await();
                return pending.claim("contested", NOW);
            }));
        }
        start.countDown();
        int claimed = 0;
        int used = 0;
        for (Future<ClaimResult> f : futures) {
            ClaimResult result = f.get(60, TimeUnit.SECONDS);
            if (result instanceof ClaimResult.Claimed) {
                claimed++;
            } else if (result instanceof ClaimResult.AlreadyUsed) {
                used++;
            }
        }
        pool.shutdown();
        assertEquals(1, claimed);
        assertEquals(threads - 1, used);
    }

    @Test
    void exactlyOneWinnerAcrossTwoOpenersOfTheSameFile() throws Exception {
        try (Database other = Database.open(config)) {
            PendingLinkRepository otherPending =
                    new PendingLinkRepository(other, TokenCipher.openFor(other, dir.resolve("k.key")));
            pending.insert(pendingLink("contested", discord("7"), "v", EXPIRY));
            ExecutorService pool = Executors.newFixedThreadPool(20);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<ClaimResult>> futures = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                PendingLinkRepository repo = i % 2 == 0 ? pending : otherPending;
                futures.add(pool.submit(() -> {
                    start.await();
                    return repo.claim("contested", NOW);
                }));
            }
            start.countDown();
            long claimed = 0;
            for (Future<ClaimResult> f : futures) {
                claimed += f.get(60, TimeUnit.SECONDS) instanceof ClaimResult.Claimed ? 1 : 0;
            }
            pool.shutdown();
            assertEquals(1, claimed);
        }
    }

    @Test
    void purgeDeletesLinksExpiredBeforeTheCutoffUsedOrNot() {
        pending.insert(pendingLink("old-unused", discord("1"), "v", NOW.plusSeconds(60)));
        pending.insert(pendingLink("old-used", discord("1"), "v", NOW.plusSeconds(60)));
        pending.insert(pendingLink("fresh-used", discord("1"), "v", NOW.plusSeconds(3600)));
        pending.insert(pendingLink("fresh", discord("2"), "v", NOW.plusSeconds(3600)));
        pending.claim("old-used", NOW);
        pending.claim("fresh-used", NOW);

        assertEquals(2, pending.purgeOlderThan(NOW.plusSeconds(120)));
        assertInstanceOf(ClaimResult.Unknown.class, pending.claim("old-unused", NOW));
        assertInstanceOf(ClaimResult.Unknown.class, pending.claim("old-used", NOW));
        assertInstanceOf(ClaimResult.AlreadyUsed.class, pending.claim("fresh-used", NOW));
        assertInstanceOf(ClaimResult.Claimed.class, pending.claim("fresh", NOW));
    }

    @Test
    void deleteForRemovesOnlyThatUsersLinks() {
        pending.insert(pendingLink("a1", discord("1"), "v", EXPIRY));
        pending.insert(pendingLink("a2", discord("1"), "v", EXPIRY));
        pending.insert(pendingLink("t1", new ChatUser(Platform.TELEGRAM, "1"), "v", EXPIRY));
        assertEquals(2, pending.deleteFor(discord("1")));
        assertInstanceOf(ClaimResult.Unknown.class, pending.claim("a1", NOW));
        assertInstanceOf(ClaimResult.Claimed.class, pending.claim("t1", NOW));
    }

    @Test
    void aDuplicateStateIsRefused() {
        pending.insert(pendingLink("dup", discord("1"), "v", EXPIRY));
        assertThrows(StoreException.class, () -> pending.insert(pendingLink("dup", discord("2"), "w", EXPIRY)));
    }

    @Test
    void aLinkMovedToAnotherUserDoesNotDecryptAndStaysClaimable() {
        pending.insert(pendingLink("h", discord("1"), "v", EXPIRY));
        db.inTransaction(c -> c.createStatement().executeUpdate(
                "UPDATE pending_links SET chat_user_id = '666' WHERE state_hash = 'h'"));
        assertThrows(StoreException.class, () -> pending.claim("h", NOW));
        db.inTransaction(c -> c.createStatement().executeUpdate(
                "UPDATE pending_links SET chat_user_id = '1' WHERE state_hash = 'h'"));
        assertInstanceOf(ClaimResult.Claimed.class, pending.claim("h", NOW)); // the failed claim was rolled back
    }
}
