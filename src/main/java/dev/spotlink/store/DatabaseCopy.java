package dev.spotlink.store;

import dev.spotlink.config.DatabaseConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code migrate-to}: copies an SQLite database into an empty PostgreSQL database, row by row and column by
 * column as the target's migrations define them. Encrypted columns travel as the bytes they are: nothing is
 * decrypted (no key is needed, and the same key file serves the new database, since a token's associated data
 * names its user, not its row). The source is held exclusively meanwhile, so no bot writes to it mid-copy.
 */
public final class DatabaseCopy {

    /** What was copied. */
    public record Result(int accounts, int pendingLinks, int botState) {
    }

    private static final Logger log = LoggerFactory.getLogger(DatabaseCopy.class);
    private static final List<String> TABLES = List.of("linked_accounts", "pending_links", "bot_state");

    private DatabaseCopy() {
    }

    /**
     * Copies every linked account and bot_state entry, and the pending links that have not expired, in one
     * target transaction: the target ends up with all of it or none.
     *
     * @throws StoreException when the source is in use or missing, the target is not empty, or a step fails
     */
    public static Result copySqliteToPostgres(String sourceUrl, DatabaseConfig target, Clock clock) {
        if (DatabaseEngine.of(sourceUrl) != DatabaseEngine.SQLITE) {
            throw new StoreException("migrate-to copies from an SQLite database, but database.url is "
                    + DatabaseConfig.redact(sourceUrl) + " (for PostgreSQL to PostgreSQL use pg_dump)");
        }
        if (!target.isPostgres()) {
            throw new StoreException("migrate-to copies into PostgreSQL: give a jdbc:postgresql://host/database URL,"
                    + " not " + target.redactedUrl());
        }
        Path file = Database.databaseFile(sourceUrl).toAbsolutePath();
        if (Files.notExists(file)) {
            throw new StoreException("No database at " + file + ": nothing to copy (check database.url)");
        }
        try (InUseLock exclusive = InUseLock.exclusive(file);
             Database source = Database.open(sourceUrl, Database.BUSY_TIMEOUT_MILLIS, false);
             Database destination = Database.open(target)) {
            refuseNonEmpty(destination);
            long now = clock.millis();
            Result result = source.withConnection(from -> destination.inTransaction(to -> new Result(
                    copy(from, to, "linked_accounts", "ORDER BY id", null),
                    copy(from, to, "pending_links", "WHERE expires_at > ?", now),
                    copy(from, to, "bot_state", "", null))));
            destination.inTransaction(to -> continueIds(source, to));
            log.info("Copied {} to {}: {}", file, destination.url(), result);
            return result;
        }
    }

    private static void refuseNonEmpty(Database target) {
        List<String> filled = target.withConnection(c -> {
            List<String> found = new ArrayList<>();
            for (String table : TABLES) {
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        found.add(table + " (" + rs.getLong(1) + " rows)");
                    }
                }
            }
            return found;
        });
        if (!filled.isEmpty()) {
            throw new StoreException("Target database " + target.url() + " is not empty: " + String.join(", ", filled)
                    + ". migrate-to only copies into an empty database (nothing was changed); if an earlier run"
                    + " finished, it is already migrated: point database.url at it.");
        }
    }

    /** Copies the rows {@code where} selects; columns and their types come from the target's table. */
    private static int copy(Connection from, Connection to, String table, String where, Long parameter)
            throws SQLException {
        List<String> columns = new ArrayList<>();
        List<Integer> types = new ArrayList<>();
        try (Statement s = to.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
            ResultSetMetaData meta = rs.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnName(i));
                types.add(meta.getColumnType(i));
            }
        }
        String list = String.join(", ", columns);
        StringJoiner marks = new StringJoiner(", ");
        columns.forEach(c -> marks.add("?"));
        int rows = 0;
        try (PreparedStatement read = from.prepareStatement("SELECT " + list + " FROM " + table + " " + where);
             PreparedStatement write = to.prepareStatement(
                     "INSERT INTO " + table + " (" + list + ") VALUES (" + marks + ")")) {
            if (parameter != null) {
                read.setLong(1, parameter);
            }
            try (ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    for (int i = 0; i < columns.size(); i++) {
                        bind(rs, i + 1, write, types.get(i));
                    }
                    write.addBatch();
                    rows++;
                }
            }
            write.executeBatch();
        }
        return rows;
    }

    /** SQLite stores booleans as 0/1 and has loose column types: convert by what the target column is. */
    private static void bind(ResultSet rs, int i, PreparedStatement write, int type) throws SQLException {
        Object value = rs.getObject(i);
        if (value == null) {
            write.setNull(i, type);
            return;
        }
        switch (type) {
            case Types.BOOLEAN, Types.BIT -> write.setBoolean(i, rs.getBoolean(i));
            case Types.BIGINT, Types.INTEGER, Types.SMALLINT -> write.setLong(i, rs.getLong(i));
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> write.setBytes(i, rs.getBytes(i));
            default -> write.setString(i, rs.getString(i));
        }
    }

    /**
     * New accounts must get ids above every id SQLite ever handed out (AUTOINCREMENT never reuses one, nor may
     * the identity column: a refresh racing an unlink must not write into somebody else's row).
     */
    private static Void continueIds(Database source, Connection to) throws SQLException {
        long highest = source.withConnection(c -> {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT MAX(n) FROM (SELECT MAX(id) AS n FROM linked_accounts"
                         + " UNION ALL SELECT seq FROM sqlite_sequence WHERE name = 'linked_accounts')")) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
        if (highest > 0) {
            try (PreparedStatement ps = to.prepareStatement(
                    "SELECT setval(pg_get_serial_sequence('linked_accounts', 'id'), ?)")) {
                ps.setLong(1, highest);
                ps.execute();
            }
        }
        return null;
    }
}
