package dev.spotlink.config;

/** Parsers for the {@code database.*} keys; each throws {@link IllegalArgumentException} saying what is wrong. */
final class DatabaseValues {

    /** Bounds of {@code database.pool-size}: one connection serves every write of SQLite, PostgreSQL needs two. */
    static final int MIN_POOL_SIZE = 2;
    static final int MAX_POOL_SIZE = 100;

    private DatabaseValues() {
    }

    /** A {@code jdbc:sqlite:} or {@code jdbc:postgresql:} URL. */
    static String url(String value) {
        if (!value.startsWith(DatabaseConfig.SQLITE_PREFIX) && !value.startsWith(DatabaseConfig.POSTGRESQL_PREFIX)) {
            throw new IllegalArgumentException("must be an SQLite or PostgreSQL JDBC URL, e.g. "
                    + "jdbc:sqlite:data/spotlink.db or jdbc:postgresql://db.example.org:5432/spotlink");
        }
        return value;
    }

    static int poolSize(String value) {
        int size;
        try {
            size = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a whole number " + MIN_POOL_SIZE + ".." + MAX_POOL_SIZE);
        }
        if (size < MIN_POOL_SIZE || size > MAX_POOL_SIZE) {
            throw new IllegalArgumentException("is out of range; use " + MIN_POOL_SIZE + ".." + MAX_POOL_SIZE
                    + " (connections per process)");
        }
        return size;
    }
}
