package dev.spotlink.store;

/**
 * Runs the token refresh of one linked account alone among every process sharing the database, so two processes
 * that find the same expired token send one refresh request, not two (Spotify may rotate the refresh token: the
 * loser of such a race would store a dead one). The work should re-read the account once it holds the lock: the
 * token it needed may have been refreshed meanwhile.
 *
 * <p>PostgreSQL: a transaction-scoped advisory lock keyed by the account id. SQLite: no lock beyond the caller's
 * own single flight per account, since one process owns an SQLite file.
 */
public abstract sealed class RefreshLock permits RefreshLock.None, PostgresAdvisoryLock {

    /** Work run under the lock; its exception type passes through. */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        T run() throws E;
    }

    /** The lock fitting {@code database}'s engine. */
    public static RefreshLock forDatabase(Database database) {
        return database.engine() == DatabaseEngine.POSTGRESQL
                ? new PostgresAdvisoryLock(database, PostgresAdvisoryLock.TOKEN_REFRESH)
                : none();
    }

    /** Runs the work without a lock (one process, or tests of the work itself). */
    public static RefreshLock none() {
        return None.INSTANCE;
    }

    /**
     * Runs {@code work} while holding the lock of {@code accountId}, waiting for another holder first.
     *
     * @throws StoreException when the lock cannot be taken (database down); the work has not run then
     */
    public abstract <T, E extends Exception> T underLock(long accountId, Work<T, E> work) throws E;

    static final class None extends RefreshLock {
        private static final None INSTANCE = new None();

        @Override
        public <T, E extends Exception> T underLock(long accountId, Work<T, E> work) throws E {
            return work.run();
        }
    }
}
