package dev.spotlink.testing;

import dev.spotlink.store.Database;
import dev.spotlink.store.LinkedAccountRepository;
import dev.spotlink.store.PendingLinkRepository;
import dev.spotlink.store.TokenCipher;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The store of a bot's data folder opened from a test (in this JVM, next to or after the bot). */
public final class StoreAccess implements AutoCloseable {

    private final Database database;
    private final TokenCipher cipher;

    private StoreAccess(Database database, TokenCipher cipher) {
        this.database = database;
        this.cipher = cipher;
    }

    /** {@code spotlink.db} and {@code spotlink.key} in {@code dataDir}, as {@link TestConfigs} lays them out. */
    public static StoreAccess open(Path dataDir) {
        Database database = Database.open("jdbc:sqlite:" + dataDir.resolve("spotlink.db").toAbsolutePath());
        try {
            return new StoreAccess(database, TokenCipher.openFor(database, dataDir.resolve("spotlink.key")));
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    public Database database() {
        return database;
    }

    public LinkedAccountRepository accounts() {
        return new LinkedAccountRepository(database, cipher);
    }

    public PendingLinkRepository pending() {
        return new PendingLinkRepository(database, cipher);
    }

    /** {@code PRAGMA integrity_check}: "ok" for a sound file. */
    public String integrityCheck() {
        return database.withConnection(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
                StringBuilder out = new StringBuilder();
                while (rs.next()) {
                    out.append(out.length() == 0 ? "" : "\n").append(rs.getString(1));
                }
                return out.toString();
            }
        });
    }

    /** Every table of the schema, from {@code sqlite_master}. */
    public List<String> tables() {
        return tables(database);
    }

    /** "table.column = value" for every cell of every table that contains {@code needle}. */
    public List<String> cellsContaining(String needle) {
        return cellsContaining(database, needle);
    }

    /** As {@link #tables()}, on a database opened elsewhere (e.g. the running application's). */
    public static List<String> tables(Database database) {
        return database.withConnection(c -> {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
                List<String> names = new ArrayList<>();
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
                return names;
            }
        });
    }

    /** As {@link #cellsContaining(String)}, on a database opened elsewhere; blobs are searched as bytes. */
    public static List<String> cellsContaining(Database database, String needle) {
        List<String> found = new ArrayList<>();
        for (String table : tables(database)) {
            database.withConnection(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT * FROM \"" + table.replace("\"", "\"\"")
                        + "\""); ResultSet rs = ps.executeQuery()) {
                    ResultSetMetaData meta = rs.getMetaData();
                    while (rs.next()) {
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            Object value = rs.getObject(i);
                            String text = value instanceof byte[] bytes
                                    ? new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1)
                                    : String.valueOf(value);
                            if (text.contains(needle)) {
                                found.add(table + "." + meta.getColumnName(i) + " = " + text);
                            }
                        }
                    }
                }
                return null;
            });
        }
        return found;
    }

    @Override
    public void close() {
        database.close();
    }
}
