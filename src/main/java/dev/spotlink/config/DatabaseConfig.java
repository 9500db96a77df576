package dev.spotlink.config;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the data lives: a JDBC URL ({@code jdbc:sqlite:data/spotlink.db} by default, or {@code jdbc:postgresql://...}
 * for several processes), plus the PostgreSQL login and connection pool size (unused by SQLite).
 *
 * @param poolSize most connections one process opens to PostgreSQL
 */
public record DatabaseConfig(String url, Optional<String> user, Optional<Secret> password, int poolSize) {

    /** Connections per process when {@code database.pool-size} is not set. */
    public static final int DEFAULT_POOL_SIZE = 10;
    public static final String SQLITE_PREFIX = "jdbc:sqlite:";
    public static final String POSTGRESQL_PREFIX = "jdbc:postgresql:";

    // A PostgreSQL URL may carry credentials (user:pass@host, ?password=...); SQLite URLs never do.
    private static final Pattern USER_INFO_PASSWORD = Pattern.compile("(//[^/@:]*):[^/@]*@");
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)((?:password|pwd|passwd)=)[^&;]*");

    public DatabaseConfig {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    /** Just a URL: no separate login, default pool size. */
    public DatabaseConfig(String url) {
        this(url, Optional.empty(), Optional.empty(), DEFAULT_POOL_SIZE);
    }

    /** True for {@code jdbc:postgresql:} URLs. */
    public boolean isPostgres() {
        return url != null && url.startsWith(POSTGRESQL_PREFIX);
    }

    /** The URL with any password replaced by {@code <masked>}, for logs and config output. */
    public String redactedUrl() {
        return redact(url);
    }

    /** {@code url} with any password replaced by {@code <masked>}. */
    public static String redact(String url) {
        if (url == null) {
            return null;
        }
        String masked = USER_INFO_PASSWORD.matcher(url).replaceAll("$1:<masked>@");
        return PASSWORD_PARAMETER.matcher(masked).replaceAll("$1<masked>");
    }

    @Override
    public String toString() {
        return "DatabaseConfig[url=" + redactedUrl() + ", user=" + user.orElse("") + ", password="
                + password.map(Secret::toString).orElse("") + ", poolSize=" + poolSize + "]";
    }
}
