package dev.spotlink.transport.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlink.store.Database;
import dev.spotlink.store.LeaseRepository;
import dev.spotlink.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link PollingLease} tick by tick (no schedule): takeover, losing the lease, a poller that fails to start. */
class PollingLeaseTicksTest {

    private static final PollingLease.Timing TIMING = new PollingLease.Timing(Duration.ofSeconds(10),
            Duration.ofSeconds(30));

    @TempDir
    Path dir;

    /** Records resume/pause; the first {@code failures} resumes throw. */
    private static final class RecordingPoller implements PollingLease.Poller {
        final List<String> calls = new ArrayList<>();
        int failures;

        @Override
        public void resume() {
            calls.add("resume");
            if (failures-- > 0) {
                throw new IllegalStateException("cannot start");
            }
        }

        @Override
        public void pause() {
            calls.add("pause");
        }
    }

    @Test
    void aPollerThatCannotStartGivesTheLeaseUpAndRetries() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        ScheduledExecutorService unused = Executors.newSingleThreadScheduledExecutor();
        try (Database database = Database.open("jdbc:sqlite:" + dir.resolve("spotlink.db"))) {
            LeaseRepository leases = new LeaseRepository(database, clock);
            RecordingPoller poller = new RecordingPoller();
            poller.failures = 1;
            PollingLease lease = new PollingLease(leases, "job", "me", TIMING, unused, poller);

            lease.tick();
            assertEquals(PollingLease.State.STANDBY, lease.state());
            assertEquals(Optional.empty(), leases.holder("job"), "released for another process to try");

            lease.tick();
            assertEquals(PollingLease.State.POLLING, lease.state());
            assertEquals("me", leases.holder("job").orElseThrow().owner());

            // this process stalls past its expiry and another takes over: it must stop polling
            clock.advance(Duration.ofSeconds(30));
            assertTrue(leases.tryAcquire("job", "other", TIMING.ttl()));
            lease.tick();
            assertEquals(PollingLease.State.STANDBY, lease.state());
            assertEquals(List.of("resume", "resume", "pause"), poller.calls);

            lease.close();
            assertEquals("other", leases.holder("job").orElseThrow().owner(), "close leaves a foreign lease alone");
        } finally {
            unused.shutdownNow();
        }
    }
}
