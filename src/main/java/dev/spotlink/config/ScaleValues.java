package dev.spotlink.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsers for the keys of running more than one process: Discord shards and Telegram's webhook mode. Same
 * contract as {@link ConfigValues}: trimmed input, parsed result or an {@link IllegalArgumentException} whose
 * message states the rule without repeating the value.
 */
final class ScaleValues {

    /** Far above any bot's need (Discord asks for one shard per 1000-2500 servers), low enough to catch typos. */
    static final int MAX_SHARDS = 16_384;

    private static final Pattern RANGE = Pattern.compile("(\\d{1,5})(?:\\s*-\\s*(\\d{1,5}))?");
    private static final Pattern WEBHOOK_SECRET = Pattern.compile("[A-Za-z0-9_-]{1,256}");
    private static final Set<String> LOOPBACK_LITERALS = Set.of("127.0.0.1", "[::1]");

    private ScaleValues() {
    }

    /** {@code auto} (empty) or a shard count 1..16384. */
    static OptionalInt shardTotal(String value) {
        if (value.equalsIgnoreCase("auto")) {
            return OptionalInt.empty();
        }
        int total;
        try {
            total = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be `auto` (Discord's recommendation) or a shard count, e.g. 4");
        }
        if (total < 1 || total > MAX_SHARDS) {
            throw new IllegalArgumentException("must be between 1 and " + MAX_SHARDS + " (or `auto`)");
        }
        return OptionalInt.of(total);
    }

    /** Shard ids and ranges separated by commas, e.g. {@code 0-3}, {@code 0,2} or {@code 0-3,8}; sorted, distinct. */
    static List<Integer> shardIds(String value) {
        String hint = "must list shard ids and ranges separated by commas, e.g. 0-3 or 0,2 or 0-3,8";
        TreeSet<Integer> ids = new TreeSet<>();
        for (String part : value.split(",", -1)) {
            Matcher m = RANGE.matcher(part.strip());
            if (!m.matches()) {
                throw new IllegalArgumentException(hint);
            }
            int from = Integer.parseInt(m.group(1));
            int to = m.group(2) == null ? from : Integer.parseInt(m.group(2));
            if (from > to) {
                throw new IllegalArgumentException("has a range that runs backwards (write the lower id first, e.g. 0-3)");
            }
            if (to >= MAX_SHARDS) {
                throw new IllegalArgumentException("has a shard id above " + (MAX_SHARDS - 1));
            }
            for (int id = from; id <= to; id++) {
                ids.add(id);
            }
        }
        return List.copyOf(ids);
    }

    /** {@code polling} (false) or {@code webhook} (true), any case. */
    static boolean webhookMode(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "polling" -> false;
            case "webhook" -> true;
            default -> throw new IllegalArgumentException("must be `polling` or `webhook`");
        };
    }

    /**
     * The public https base URL Telegram posts updates to (without trailing slash). Plain http only for a loopback
     * IP literal: a local Bot API server, or tests.
     */
    static URI webhookUrl(String value) {
        String example = "e.g. https://bot.example.org";
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not a valid URL (" + e.getReason() + "), " + example);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalArgumentException("must be an absolute https URL, " + example);
        }
        if (scheme.equals("http") && !LOOPBACK_LITERALS.contains(uri.getHost())) {
            throw new IllegalArgumentException("must use https: Telegram sends webhooks only to https URLs, "
                    + example);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("must not contain a query, fragment or user name, " + example);
        }
        String text = uri.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return URI.create(text);
    }

    /** Telegram's rule for {@code secret_token}: 1 to 256 characters of {@code A-Z a-z 0-9 _ -}. */
    static Secret webhookSecret(String value) {
        if (!WEBHOOK_SECRET.matcher(value).matches()) {
            throw new IllegalArgumentException("must be 1 to 256 characters of A-Z, a-z, 0-9, _ and - "
                    + "(Telegram's rule for secret_token)");
        }
        return new Secret(value);
    }
}
