package dev.spotlink.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlink.config.DatabaseConfig;
import dev.spotlink.testing.MutableClock;
import dev.spotlink.testing.TestDatabases;
import dev.spotlink.testing.TestDatabases.Engine;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The leases table through the real V4 migration, on an SQLite file and on PostgreSQL. */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class LeaseRepositoryTest {

    private static final Duration TTL = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    @Parameter
    Engine engine;
    private DatabaseConfig config;
    private Database database;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private LeaseRepository leases;

    @BeforeEach
    void open() {
        config = TestDatabases.config(engine, dir);
        database = Database.open(config);
        leases = new LeaseRepository(database, clock);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void oneOwnerAtATimeUntilTheLeaseExpires() {
        assertTrue(leases.tryAcquire("job", "a", TTL));
        assertFalse(leases.tryAcquire("job", "b", TTL));
        clock.advance(Duration.ofSeconds(20));
        assertTrue(leases.tryAcquire("job", "a", TTL), "the holder renews");
        clock.advance(Duration.ofSeconds(29));
        assertFalse(leases.tryAcquire("job", "b", TTL), "the renewal counts from its own time");
        clock.advance(Duration.ofSeconds(1));
        assertTrue(leases.tryAcquire("job", "b", TTL), "expired: another owner takes over");
        assertFalse(leases.tryAcquire("job", "a", TTL), "the old holder cannot take it back");
        assertEquals(Optional.of(new LeaseRepository.Holder("b", clock.millis() + TTL.toMillis())),
                leases.holder("job"));
    }

    @Test
    void onlyTheHolderReleasesAndThenAnyoneMayTakeIt() {
        assertTrue(leases.tryAcquire("job", "a", TTL));
        assertFalse(leases.release("job", "b"));
        assertFalse(leases.tryAcquire("job", "b", TTL));
        assertTrue(leases.release("job", "a"));
        assertEquals(Optional.empty(), leases.holder("job"));
        assertTrue(leases.tryAcquire("job", "b", TTL));
        assertTrue(leases.tryAcquire("other", "a", TTL), "leases are independent by name");
    }

    @Test
    void twoDatabaseHandlesOnOneDatabaseSeeTheSameLease() {
        try (Database second = Database.open(config)) {
            LeaseRepository other = new LeaseRepository(second, clock);
            assertTrue(leases.tryAcquire("job", "a", TTL));
            assertFalse(other.tryAcquire("job", "b", TTL));
        }
    }
}
