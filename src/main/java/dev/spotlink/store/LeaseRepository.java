package dev.spotlink.store;

import dev.spotlink.domain.Leases;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * All SQL of the {@code leases} table: a named job that one process at a time may run. Acquiring and renewing
 * are one statement, so two processes racing for a free or expired lease cannot both win: the database's
 * conflict handling picks one, and the affected-row count tells each which it was.
 */
public final class LeaseRepository implements Leases {

    /** Inserts a free lease, or takes over our own or an expired one; 0 affected rows = someone else holds it. */
    private static final String ACQUIRE = "INSERT INTO leases (name, owner, expires_at) VALUES (?, ?, ?)"
            + " ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at"
            + " WHERE leases.owner = excluded.owner OR leases.expires_at <= ?";

    /** Who holds a lease, until when (epoch millis). */
    public record Holder(String owner, long expiresAtMillis) {
    }

    private final Database database;
    private final Clock clock;

    public LeaseRepository(Database database, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Takes or renews lease {@code name} for {@code owner} until now + {@code ttl}, unless another owner holds it
     * and it has not expired.
     *
     * @return true when {@code owner} holds the lease now
     */
    @Override
    public boolean tryAcquire(String name, String owner, Duration ttl) {
        long now = clock.millis();
        long expiresAt = now + ttl.toMillis();
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(ACQUIRE)) {
                ps.setString(1, name);
                ps.setString(2, owner);
                ps.setLong(3, expiresAt);
                ps.setLong(4, now);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Gives the lease up at once (clean shutdown), if {@code owner} still holds it; true if it did. */
    @Override
    public boolean release(String name, String owner) {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM leases WHERE name = ? AND owner = ?")) {
                ps.setString(1, name);
                ps.setString(2, owner);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** The current holder, expired or not; empty when nobody has taken the lease (or it was released). */
    public Optional<Holder> holder(String name) {
        return database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT owner, expires_at FROM leases WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Holder(rs.getString(1), rs.getLong(2))) : Optional.empty();
                }
            }
        });
    }
}
