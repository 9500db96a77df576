package dev.spotlink.config;

import java.util.regex.Pattern;

/** JDBC URL of the database ({@code jdbc:sqlite:data/spotlink.db} by default). */
public record DatabaseConfig(String url) {

    // A PostgreSQL URL may carry credentials (user:pass@host, ?password=...); SQLite URLs never do.
    private static final Pattern USER_INFO_PASSWORD = Pattern.compile("(//[^/@:]*):[^/@]*@");
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)((?:password|pwd|passwd)=)[^&;]*");

    /** The URL with any password replaced by {@code <masked>}, for logs and config output. */
    public String redactedUrl() {
        if (url == null) {
            return null;
        }
        String masked = USER_INFO_PASSWORD.matcher(url).replaceAll("$1:<masked>@");
        return PASSWORD_PARAMETER.matcher(masked).replaceAll("$1<masked>");
    }

    @Override
    public String toString() {
        return "DatabaseConfig[url=" + redactedUrl() + "]";
    }
}
