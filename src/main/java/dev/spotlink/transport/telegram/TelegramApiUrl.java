package dev.spotlink.transport.telegram;

import java.net.URI;
import java.util.Locale;
import org.telegram.telegrambots.meta.TelegramUrl;

/** {@code telegram.api-url}: the Bot API server TelegramBots talks to. */
final class TelegramApiUrl {

    private TelegramApiUrl() {
    }

    /**
     * Parses {@code telegram.api-url} (blank: the official server). TelegramBots takes scheme, host and port
     * only, so a path is refused.
     */
    static TelegramUrl parse(String apiUrl) {
        if (apiUrl == null || apiUrl.isBlank()) {
            return new TelegramUrl("https", "api.telegram.org", 443, false);
        }
        URI uri;
        try {
            uri = URI.create(apiUrl.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("telegram.api-url is not a URL: " + apiUrl, e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("telegram.api-url must be http(s)://host[:port]: " + apiUrl);
        }
        String path = uri.getRawPath();
        if (path != null && !path.isEmpty() && !path.equals("/") || uri.getRawQuery() != null) {
            throw new IllegalArgumentException("telegram.api-url cannot have a path or query (TelegramBots "
                    + "always calls /bot<token>/<method> on the host): " + apiUrl);
        }
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return new TelegramUrl(scheme, uri.getHost(), port, false);
    }

    /** {@code scheme://host:port}, for log lines. */
    static String describe(TelegramUrl url) {
        return url.getSchema() + "://" + url.getHost() + ":" + url.getPort();
    }
}
