package dev.spotlink.store;

import dev.spotlink.domain.BotState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * All SQL of the {@code bot_state} table: small key/values every process on the database shares
 * (e.g. the hash of the registered Discord commands). Not for secrets: values are stored as given.
 */
public final class BotStateRepository implements BotState {

    private static final String UPSERT = "INSERT INTO bot_state (key, value, updated_at) VALUES (?, ?, ?)"
            + " ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at";

    private final Database database;
    private final Clock clock;

    public BotStateRepository(Database database) {
        this(database, Clock.systemUTC());
    }

    public BotStateRepository(Database database, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Optional<String> get(String key) {
        return database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT value FROM bot_state WHERE key = ?")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /** Sets {@code key} to {@code value}, replacing any earlier value. */
    @Override
    public void put(String key, String value) {
        write(UPSERT, key, value);
    }

    /** As {@link #put}, inside a transaction the caller runs (key rotation: marker and data change together). */
    static void put(Connection connection, String key, String value, long updatedAtMillis) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(UPSERT)) {
            ps.setString(1, key);
            ps.setString(2, Objects.requireNonNull(value, "value"));
            ps.setLong(3, updatedAtMillis);
            ps.executeUpdate();
        }
    }

    /** Sets {@code key} only if it has no value yet; true if this call set it (first process wins). */
    public boolean putIfAbsent(String key, String value) {
        return write("INSERT INTO bot_state (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING",
                key, value) == 1;
    }

    /** True if there was a value. */
    public boolean delete(String key) {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM bot_state WHERE key = ?")) {
                ps.setString(1, key);
                return ps.executeUpdate() == 1;
            }
        });
    }

    private int write(String sql, String key, String value) {
        Objects.requireNonNull(value, "value");
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, key);
                ps.setString(2, value);
                ps.setLong(3, clock.millis());
                return ps.executeUpdate();
            }
        });
    }
}
