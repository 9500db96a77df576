package dev.spotlink.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.spotlink.config.DatabaseConfig;
import dev.spotlink.config.Secret;

/** The HikariCP connection pool of a PostgreSQL database. */
final class PostgresPool {

    /** How long a caller waits for a free connection before its work fails (the pool is exhausted). */
    private static final long CONNECTION_TIMEOUT_MILLIS = 30_000;
    private static final long IDLE_POLL_MILLIS = 20;

    private PostgresPool() {
    }

    /** Opens the pool; fails at once (naming the cause) when the server cannot be reached or refuses the login. */
    static HikariDataSource open(DatabaseConfig config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("spotlink-db");
        hikari.setJdbcUrl(config.url());
        config.user().ifPresent(hikari::setUsername);
        config.password().map(Secret::reveal).ifPresent(hikari::setPassword);
        hikari.setMaximumPoolSize(config.poolSize());
        // a small idle floor: a quiet bot keeps few server connections, a busy one grows to pool-size
        hikari.setMinimumIdle(Math.min(2, config.poolSize()));
        hikari.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
        hikari.setAutoCommit(true);
        return new HikariDataSource(hikari);
    }

    /** Waits up to {@code millis} until no connection is borrowed; false if some still are. */
    static boolean awaitIdle(HikariDataSource pool, long millis) throws InterruptedException {
        HikariPoolMXBean bean = pool.getHikariPoolMXBean();
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (bean != null && bean.getActiveConnections() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(IDLE_POLL_MILLIS);
        }
        return true;
    }
}
