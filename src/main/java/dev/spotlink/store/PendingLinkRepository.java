package dev.spotlink.store;

import dev.spotlink.domain.ChatUser;
import dev.spotlink.domain.Platform;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * All SQL of the {@code pending_links} table. The PKCE verifier's associated data is
 * {@code pending_links|<state hash>|<platform>|<chat user id>|code_verifier}: a row whose owner was changed, or a
 * verifier copied from another row, does not decrypt.
 */
public final class PendingLinkRepository {

    private final Database database;
    private final TokenCipher cipher;

    public PendingLinkRepository(Database database, TokenCipher cipher) {
        this.database = Objects.requireNonNull(database, "database");
        this.cipher = Objects.requireNonNull(cipher, "cipher");
    }

    /** Stores a new pending link; earlier unused links of the same user stay valid until they expire. */
    public void insert(PendingLink link) {
        byte[] verifier = cipher.encrypt(link.codeVerifier(), aad(link.stateHash(), link.user()));
        database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO pending_links (state_hash, platform,"
                    + " chat_user_id, code_verifier_enc, client_id, locale, created_at, expires_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, link.stateHash());
                ps.setString(2, link.user().platform().id());
                ps.setString(3, link.user().userId());
                ps.setBytes(4, verifier);
                ps.setString(5, link.clientId());
                ps.setString(6, link.locale());
                ps.setLong(7, link.createdAt().toEpochMilli());
                ps.setLong(8, link.expiresAt().toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Atomically marks the state used if it exists, is unused and {@code now} is before its expiry. The guarded
     * UPDATE is the single point of decision, so among any number of concurrent callers (threads or processes)
     * exactly one gets {@link ClaimResult.Claimed}.
     */
    public ClaimResult claim(String stateHash, Instant now) {
        return claim(stateHash, now, null);
    }

    /**
     * {@link #claim(String, Instant)} for a state that must have been issued to {@code owner}: a link of someone
     * else is left exactly as it was (not marked used) and answered {@link ClaimResult.OtherUser}, whatever its
     * state, so that an address that went astray can neither be used nor spoilt by whoever found it.
     *
     * @param owner the chat user who must own the state, or null for anyone
     */
    public ClaimResult claim(String stateHash, Instant now, ChatUser owner) {
        long nowMillis = now.toEpochMilli();
        return database.inTransaction(c -> {
            int won;
            try (PreparedStatement ps = c.prepareStatement("UPDATE pending_links SET used_at = ?"
                    + " WHERE state_hash = ? AND used_at IS NULL AND expires_at > ?"
                    + (owner == null ? "" : " AND platform = ? AND chat_user_id = ?"))) {
                ps.setLong(1, nowMillis);
                ps.setString(2, stateHash);
                ps.setLong(3, nowMillis);
                if (owner != null) {
                    ps.setString(4, owner.platform().id());
                    ps.setString(5, owner.userId());
                }
                won = ps.executeUpdate();
            }
            if (won == 1) {
                return claimed(c, stateHash);
            }
            return owner != null && ownedByOther(c, stateHash, owner) ? new ClaimResult.OtherUser()
                    : whyNot(c, stateHash);
        });
    }

    /**
     * True when a link with this state hash was issued, is unused and {@code now} is before its expiry: a callback
     * carrying it can complete a link. One read by primary key; changes nothing (the claim decides).
     */
    public boolean isClaimable(String stateHash, Instant now) {
        return database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pending_links"
                    + " WHERE state_hash = ? AND used_at IS NULL AND expires_at > ?")) {
                ps.setString(1, stateHash);
                ps.setLong(2, now.toEpochMilli());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /** True while the link with this state hash is stored (used or not); {@code /unlink} deletes it. */
    public boolean exists(String stateHash) {
        return database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pending_links WHERE state_hash = ?")) {
                ps.setString(1, stateHash);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /** Deletes every pending link of a user (unlink). */
    public int deleteFor(ChatUser user) {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM pending_links WHERE platform = ? AND chat_user_id = ?")) {
                ps.setString(1, user.platform().id());
                ps.setString(2, user.userId());
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Deletes links whose expiry is before {@code cutoff}, used or not. Used links are kept until then so a
     * replayed callback is told "already used" rather than "unknown".
     */
    public int purgeOlderThan(Instant cutoff) {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM pending_links WHERE expires_at < ?")) {
                ps.setLong(1, cutoff.toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }

    /** Drops every pending link: their verifiers cannot be read once the key was replaced. */
    int deleteAll() {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM pending_links")) {
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Key rotation: re-encrypts every stored PKCE verifier (used ones too) from {@code from} to {@code to}, inside
     * the caller's transaction; a value that does not decrypt aborts it. Returns the number of rows.
     */
    static int reencrypt(Connection c, TokenCipher from, TokenCipher to) throws SQLException {
        Map<String, byte[]> rows = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT state_hash, platform, chat_user_id, code_verifier_enc FROM pending_links");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String stateHash = rs.getString(1);
                String aad = aad(stateHash, new ChatUser(Platform.fromId(rs.getString(2)), rs.getString(3)));
                rows.put(stateHash, to.encrypt(from.decrypt(rs.getBytes(4), aad), aad));
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE pending_links SET code_verifier_enc = ? WHERE state_hash = ?")) {
            for (Map.Entry<String, byte[]> row : rows.entrySet()) {
                ps.setBytes(1, row.getValue());
                ps.setString(2, row.getKey());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return rows.size();
    }

    private ClaimResult claimed(Connection c, String stateHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT platform, chat_user_id, code_verifier_enc, client_id,"
                + " locale, created_at, expires_at FROM pending_links WHERE state_hash = ?")) {
            ps.setString(1, stateHash);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("Claimed pending link vanished inside its transaction");
                }
                ChatUser user = new ChatUser(Platform.fromId(rs.getString(1)), rs.getString(2));
                // a decryption failure throws, rolling the claim back: the user may retry once the key is fixed
                String verifier = cipher.decrypt(rs.getBytes(3), aad(stateHash, user));
                return new ClaimResult.Claimed(new PendingLink(stateHash, user, verifier, rs.getString(4),
                        rs.getString(5), Instant.ofEpochMilli(rs.getLong(6)), Instant.ofEpochMilli(rs.getLong(7))));
            }
        }
    }

    private static boolean ownedByOther(Connection c, String stateHash, ChatUser owner) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT platform, chat_user_id FROM pending_links WHERE state_hash = ?")) {
            ps.setString(1, stateHash);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && !(owner.platform().id().equals(rs.getString(1))
                        && owner.userId().equals(rs.getString(2)));
            }
        }
    }

    private static ClaimResult whyNot(Connection c, String stateHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT used_at FROM pending_links WHERE state_hash = ?")) {
            ps.setString(1, stateHash);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return new ClaimResult.Unknown();
                }
                rs.getLong(1);
                return rs.wasNull() ? new ClaimResult.Expired() : new ClaimResult.AlreadyUsed();
            }
        }
    }

    private static String aad(String stateHash, ChatUser user) {
        return "pending_links|" + stateHash + "|" + user.platform().id() + "|" + user.userId() + "|code_verifier";
    }
}
