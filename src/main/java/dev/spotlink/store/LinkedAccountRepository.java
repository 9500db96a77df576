package dev.spotlink.store;

import dev.spotlink.domain.AccountStatus;
import dev.spotlink.domain.ChatUser;
import dev.spotlink.domain.LinkedAccount;
import dev.spotlink.domain.Platform;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * All SQL of the {@code linked_accounts} table; tokens encrypted on the way in, decrypted on the way out.
 * Each token's associated data is {@code linked_accounts|<platform>|<chat user id>|<column>}, so a ciphertext
 * copied into another user's row (or the other token column) does not decrypt.
 */
public final class LinkedAccountRepository {

    private static final String COLUMNS = "id, platform, chat_user_id, spotify_account_id, display_name, client_id,"
            + " access_token_enc, refresh_token_enc, expires_at, scopes, linked_at, status, sharing_enabled";
    private static final String ACCESS = "access_token";
    private static final String REFRESH = "refresh_token";

    private final Database database;
    private final TokenCipher cipher;
    private final Clock clock;

    public LinkedAccountRepository(Database database, TokenCipher cipher) {
        this(database, cipher, Clock.systemUTC());
    }

    /** @param clock source of {@code updated_at} */
    public LinkedAccountRepository(Database database, TokenCipher cipher, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.cipher = Objects.requireNonNull(cipher, "cipher");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Optional<LinkedAccount> find(ChatUser user) {
        return database.withConnection(c -> findByUser(c, user));
    }

    public Optional<LinkedAccount> findById(long id) {
        return database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM linked_accounts WHERE id = ?")) {
                ps.setLong(1, id);
                return single(ps);
            }
        });
    }

    /** Every account, ordered by id (all tokens decrypted: for key rotation and maintenance, not hot paths). */
    public List<LinkedAccount> findAll() {
        return database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM linked_accounts ORDER BY id");
                 ResultSet rs = ps.executeQuery()) {
                List<LinkedAccount> accounts = new ArrayList<>();
                while (rs.next()) {
                    accounts.add(map(rs));
                }
                return accounts;
            }
        });
    }

    /**
     * The active accounts of one platform whose owners share their listening ({@code /privacy}), ordered by id:
     * who {@code /listening} may show once their chat membership is checked.
     */
    public List<LinkedAccount> findSharing(Platform platform) {
        return database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM linked_accounts"
                    + " WHERE platform = ? AND sharing_enabled = ? AND status = 'active' ORDER BY id")) {
                ps.setString(1, platform.id());
                ps.setBoolean(2, true);
                try (ResultSet rs = ps.executeQuery()) {
                    List<LinkedAccount> accounts = new ArrayList<>();
                    while (rs.next()) {
                        accounts.add(map(rs));
                    }
                    return accounts;
                }
            }
        });
    }

    /**
     * Inserts or replaces (re-link) the chat user's account; status becomes ACTIVE; sharing choice kept.
     * A re-link keeps the row id and replaces tokens, Spotify account, name, client id, scopes and {@code linkedAt}.
     */
    public LinkedAccount save(NewLink link, Instant linkedAt) {
        Objects.requireNonNull(link.accessToken(), "accessToken");
        Objects.requireNonNull(link.refreshToken(), "refreshToken");
        Objects.requireNonNull(link.expiresAt(), "expiresAt");
        ChatUser user = link.user();
        byte[] access = cipher.encrypt(link.accessToken(), aad(user, ACCESS));
        byte[] refresh = cipher.encrypt(link.refreshToken(), aad(user, REFRESH));
        return database.inTransaction(c -> {
            // sharing_enabled is left out of the update: a re-link keeps the user's privacy choice
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO linked_accounts (platform, chat_user_id,"
                    + " spotify_account_id, display_name, client_id, access_token_enc, refresh_token_enc, expires_at,"
                    + " scopes, linked_at, updated_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (platform, chat_user_id) DO UPDATE SET"
                    + " spotify_account_id = excluded.spotify_account_id, display_name = excluded.display_name,"
                    + " client_id = excluded.client_id, access_token_enc = excluded.access_token_enc,"
                    + " refresh_token_enc = excluded.refresh_token_enc, expires_at = excluded.expires_at,"
                    + " scopes = excluded.scopes, linked_at = excluded.linked_at, updated_at = excluded.updated_at,"
                    + " status = excluded.status")) {
                ps.setString(1, user.platform().id());
                ps.setString(2, user.userId());
                ps.setString(3, link.spotifyAccountId());
                ps.setString(4, link.displayName());
                ps.setString(5, link.clientId());
                ps.setBytes(6, access);
                ps.setBytes(7, refresh);
                ps.setLong(8, link.expiresAt().toEpochMilli());
                ps.setString(9, link.scopes());
                ps.setLong(10, linkedAt.toEpochMilli());
                ps.setLong(11, clock.millis());
                ps.setString(12, statusId(AccountStatus.ACTIVE));
                ps.executeUpdate();
            }
            // Read back for the id and the kept sharing choice, but not decrypted: the tokens are the ones just
            // written, and decrypting here would hold the single write slot for nothing.
            return byUser(c, user, rs -> map(rs, link.accessToken(), link.refreshToken()))
                    .orElseThrow(() -> new SQLException("Saved account vanished: " + user));
        });
    }

    /**
     * Stores refreshed tokens atomically. A null {@code refreshToken} or {@code scopes} keeps the stored one
     * (Spotify does not always send a new refresh token). Only while the row still holds the link the refresh was
     * for ({@code linkedAt}, its consent time): a {@code /link} that replaced it meanwhile, possibly through
     * another Spotify app, keeps its own tokens.
     *
     * @return false when the account was deleted or linked again meanwhile (nothing written)
     */
    public boolean updateTokens(long id, Instant linkedAt, String accessToken, String refreshToken,
                                Instant expiresAt, String scopes) {
        Objects.requireNonNull(linkedAt, "linkedAt");
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(expiresAt, "expiresAt");
        return database.inTransaction(c -> {
            Optional<ChatUser> user = ownerOf(c, id);
            if (user.isEmpty()) {
                return false; // unlinked while the refresh was in flight: nothing to resurrect
            }
            byte[] access = cipher.encrypt(accessToken, aad(user.get(), ACCESS));
            byte[] refresh = refreshToken == null ? null : cipher.encrypt(refreshToken, aad(user.get(), REFRESH));
            try (PreparedStatement ps = c.prepareStatement("UPDATE linked_accounts SET access_token_enc = ?,"
                    + " refresh_token_enc = COALESCE(?, refresh_token_enc), expires_at = ?,"
                    + " scopes = COALESCE(?, scopes), updated_at = ? WHERE id = ? AND linked_at = ?")) {
                ps.setBytes(1, access);
                ps.setBytes(2, refresh);
                ps.setLong(3, expiresAt.toEpochMilli());
                ps.setString(4, scopes);
                ps.setLong(5, clock.millis());
                ps.setLong(6, id);
                ps.setLong(7, linkedAt.toEpochMilli());
                return ps.executeUpdate() == 1;
            }
        });
    }

    /**
     * Spotify refused the refresh token: the user must /link again. Like {@link #updateTokens}, only while the row
     * still holds the link consented to at {@code linkedAt}.
     *
     * @return false when the account was deleted or linked again meanwhile (nothing written)
     */
    public boolean markNeedsRelink(long id, Instant linkedAt) {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE linked_accounts SET status = ?, updated_at = ? WHERE id = ? AND linked_at = ?")) {
                ps.setString(1, statusId(AccountStatus.NEEDS_RELINK));
                ps.setLong(2, clock.millis());
                ps.setLong(3, id);
                ps.setLong(4, linkedAt.toEpochMilli());
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** No-op when the user has no linked account. */
    public void setSharing(ChatUser user, boolean enabled) {
        database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE linked_accounts SET sharing_enabled = ?,"
                    + " updated_at = ? WHERE platform = ? AND chat_user_id = ?")) {
                ps.setBoolean(1, enabled);
                ps.setLong(2, clock.millis());
                ps.setString(3, user.platform().id());
                ps.setString(4, user.userId());
                return ps.executeUpdate();
            }
        });
    }

    /** Deletes the chat user's account; true if there was one. */
    public boolean delete(ChatUser user) {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM linked_accounts WHERE platform = ? AND chat_user_id = ?")) {
                ps.setString(1, user.platform().id());
                ps.setString(2, user.userId());
                return ps.executeUpdate() > 0;
            }
        });
    }

    /** How many accounts hold tokens issued by this Spotify client id (active or needing a re-link). */
    public int countByClientId(String clientId) {
        return database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM linked_accounts"
                    + " WHERE client_id = ? AND status IN ('active', 'needs_relink')")) {
                ps.setString(1, clientId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    /**
     * How many different Spotify accounts hold tokens of this client id: what Spotify's per-app user cap counts
     * (one Spotify account linked from two chat platforms is one user to Spotify).
     */
    public int countSpotifyAccountsByClientId(String clientId) {
        return database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(DISTINCT spotify_account_id)"
                    + " FROM linked_accounts WHERE client_id = ?")) {
                ps.setString(1, clientId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    /** How many accounts there are. */
    public int count() {
        return countAll(database);
    }

    /** For the key check, which must count accounts before any key (hence any repository) exists. */
    static int countAll(Database database) {
        return database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM linked_accounts");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    /**
     * Key rotation: re-encrypts both tokens of every account from {@code from} to {@code to}, inside the caller's
     * transaction; a value that does not decrypt aborts it. Returns the number of accounts.
     */
    static int reencrypt(Connection c, TokenCipher from, TokenCipher to) throws SQLException {
        List<Sealed> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, platform, chat_user_id, access_token_enc, refresh_token_enc FROM linked_accounts");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ChatUser user = new ChatUser(Platform.fromId(rs.getString(2)), rs.getString(3));
                String accessAad = aad(user, ACCESS);
                String refreshAad = aad(user, REFRESH);
                rows.add(new Sealed(rs.getLong(1),
                        to.encrypt(from.decrypt(rs.getBytes(4), accessAad), accessAad),
                        to.encrypt(from.decrypt(rs.getBytes(5), refreshAad), refreshAad)));
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE linked_accounts SET access_token_enc = ?, refresh_token_enc = ? WHERE id = ?")) {
            for (Sealed row : rows) {
                ps.setBytes(1, row.access());
                ps.setBytes(2, row.refresh());
                ps.setLong(3, row.id());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return rows.size();
    }

    private Optional<LinkedAccount> findByUser(Connection c, ChatUser user) throws SQLException {
        return byUser(c, user, this::map);
    }

    private static Optional<LinkedAccount> byUser(Connection c, ChatUser user, Row row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM linked_accounts WHERE platform = ? AND chat_user_id = ?")) {
            ps.setString(1, user.platform().id());
            ps.setString(2, user.userId());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row.map(rs)) : Optional.empty();
            }
        }
    }

    /** Maps the current row of a {@code SELECT COLUMNS}. */
    @FunctionalInterface
    private interface Row {
        LinkedAccount map(ResultSet rs) throws SQLException;
    }

    private static Optional<ChatUser> ownerOf(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT platform, chat_user_id FROM linked_accounts WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new ChatUser(Platform.fromId(rs.getString(1)), rs.getString(2)))
                        : Optional.empty();
            }
        }
    }

    private Optional<LinkedAccount> single(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(map(rs)) : Optional.empty();
        }
    }

    private LinkedAccount map(ResultSet rs) throws SQLException {
        ChatUser user = user(rs);
        return map(rs, cipher.decrypt(rs.getBytes("access_token_enc"), aad(user, ACCESS)),
                cipher.decrypt(rs.getBytes("refresh_token_enc"), aad(user, REFRESH)));
    }

    /** The row with tokens already known in plain text. */
    private static LinkedAccount map(ResultSet rs, String accessToken, String refreshToken) throws SQLException {
        return new LinkedAccount(
                rs.getLong("id"),
                user(rs),
                rs.getString("spotify_account_id"),
                rs.getString("display_name"),
                rs.getString("client_id"),
                accessToken,
                refreshToken,
                Instant.ofEpochMilli(rs.getLong("expires_at")),
                rs.getString("scopes"),
                Instant.ofEpochMilli(rs.getLong("linked_at")),
                AccountStatus.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)),
                rs.getBoolean("sharing_enabled"));
    }

    private static ChatUser user(ResultSet rs) throws SQLException {
        return new ChatUser(Platform.fromId(rs.getString("platform")), rs.getString("chat_user_id"));
    }

    /** One account's tokens under the new key. */
    private record Sealed(long id, byte[] access, byte[] refresh) {
    }

    private static String aad(ChatUser user, String column) {
        return "linked_accounts|" + user.platform().id() + "|" + user.userId() + "|" + column;
    }

    private static String statusId(AccountStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }
}
