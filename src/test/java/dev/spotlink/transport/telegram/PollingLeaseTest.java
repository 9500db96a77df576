package dev.spotlink.transport.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlink.command.Notifiers;
import dev.spotlink.config.Secret;
import dev.spotlink.i18n.Messages;
import dev.spotlink.store.Database;
import dev.spotlink.store.LeaseRepository;
import dev.spotlink.testing.MutableClock;
import dev.spotlink.testing.telegram.FakeTelegram;
import dev.spotlink.web.Health;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two transports ("processes") of one bot on one database: only the lease holder polls, the other stands by and
 * takes over when the holder stops or its lease expires. Lease expiry follows a test clock; renewal ticks run
 * every 50 ms of real time, and the tests wait for what they cause, never for a time.
 */
class PollingLeaseTest {

    private static final String TOKEN = TelegramTransportTest.TOKEN;
    private static final Duration TTL = Duration.ofSeconds(30);
    private static final String LEASE = "telegram.poll." + FakeTelegram.BOT_ID;

    @TempDir
    Path dir;
    private final Messages messages = new Messages();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final List<AutoCloseable> open = new ArrayList<>();
    private FakeTelegram telegram;
    private LeaseRepository leases;

    @BeforeEach
    void setUp() {
        telegram = FakeTelegram.start(TOKEN);
        Database database = Database.open("jdbc:sqlite:" + dir.resolve("spotlink.db"));
        open.add(database);
        leases = new LeaseRepository(database, clock);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        telegram.close();
    }

    private Health process() {
        Health health = new Health(() -> true);
        // each "process" opens the database itself, as a second process would
        Database own = Database.open("jdbc:sqlite:" + dir.resolve("spotlink.db"));
        open.add(own);
        TelegramTransport transport = new TelegramTransport(new Secret(TOKEN), telegram.url(),
                TestCommands.registry(messages), messages, new Notifiers(), health, null, null, null,
                TelegramTransport.Receiving.polling(new LeaseRepository(own, clock))
                        .withLeaseTiming(Duration.ofMillis(50), TTL));
        open.add(transport);
        transport.start();
        return health;
    }

    private static Object updates(Health health) {
        return ((Map<?, ?>) health.snapshot().get("transports")).get("telegram.updates");
    }

    private static void awaitUpdates(Health health, String state) throws InterruptedException {
        long deadline = System.nanoTime() + TelegramTransportTest.WAIT.toNanos();
        while (!state.equals(updates(health)) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(state, updates(health));
    }

    @Test
    void onlyTheLeaseHolderPollsAndTheOtherTakesOverWhenItStops() throws Exception {
        Health first = process();
        Health second = process();
        assertEquals("polling", updates(first));
        assertEquals("standby", updates(second));
        assertEquals("STANDBY", ((Map<?, ?>) second.snapshot().get("transports")).get("telegram"));
        telegram.pushUpdate(telegram.updates().privateMessage(1001, "/echo one", "en"));
        assertEquals("echo: one", telegram.awaitCall("sendMessage", TelegramTransportTest.WAIT).string("text"));
        assertEquals(1, telegram.calls("deleteWebhook").size(), "one poller session started, not two");

        open.get(2).close(); // the first process stops cleanly and releases its lease

        awaitUpdates(second, "polling");
        telegram.pushUpdate(telegram.updates().privateMessage(1001, "/echo two", "en"));
        assertEquals("echo: two", telegram.awaitCall("sendMessage", TelegramTransportTest.WAIT).string("text"));
        assertEquals(2, telegram.calls("deleteWebhook").size());
    }

    @Test
    void aDeadHoldersLeaseIsTakenOverOnceItExpires() throws Exception {
        // a process that died without releasing left this row behind
        assertTrue(leases.tryAcquire(LEASE, "dead-process", TTL));
        telegram.pushUpdate(telegram.updates().privateMessage(1001, "/echo waiting", "en"));

        Health standby = process();
        assertEquals("standby", updates(standby));
        assertEquals(List.of(), telegram.calls("getUpdates"), "no poll while another holds the lease");

        clock.advance(TTL);

        awaitUpdates(standby, "polling");
        assertEquals("echo: waiting", telegram.awaitCall("sendMessage", TelegramTransportTest.WAIT).string("text"));
        assertEquals(LeaseRepository.Holder.class, leases.holder(LEASE).orElseThrow().getClass());
        assertTrue(!leases.holder(LEASE).orElseThrow().owner().equals("dead-process"));
    }
}
