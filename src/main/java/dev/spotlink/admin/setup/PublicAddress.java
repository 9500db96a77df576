package dev.spotlink.admin.setup;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns the public address the admin types ({@code https://bot.example.org}) into the redirect URI Spotify must
 * know ({@code https://bot.example.org/callback}), under Spotify's rules: https, or plain http to a loopback IP
 * literal; {@code localhost} is refused.
 */
final class PublicAddress {

    /** The redirect URI, or the message key (and arguments) of what is wrong with the address. */
    record Result(String redirectUri, String errorKey, List<Object> args) {
        boolean ok() {
            return errorKey == null;
        }
    }

    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "[::1]");

    private PublicAddress() {
    }

    static Result redirectUriFor(String typed, String localDefault) {
        String address = typed == null || typed.isBlank() ? localDefault : typed.strip();
        while (address.endsWith("/")) {
            address = address.substring(0, address.length() - 1);
        }
        URI uri;
        try {
            uri = new URI(address);
        } catch (URISyntaxException e) {
            return error("setup.address.invalid");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
            return error("setup.address.invalid");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            return error("setup.address.extra");
        }
        if (uri.getHost().equalsIgnoreCase("localhost")) {
            String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
            return error("setup.address.localhost", scheme + "://127.0.0.1" + port);
        }
        if (scheme.equals("http") && !LOOPBACK.contains(uri.getHost())) {
            return error("setup.address.https");
        }
        return new Result(address + SetupDraft.CALLBACK_PATH, null, List.of());
    }

    private static Result error(String key, Object... args) {
        return new Result(null, key, List.of(args));
    }
}
