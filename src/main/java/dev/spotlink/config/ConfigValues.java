package dev.spotlink.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsers for single config values. Each takes a trimmed, non-blank value and either returns the parsed form or
 * throws {@link IllegalArgumentException} whose message explains the rule; the caller adds key and source, so
 * messages here never repeat the value (it may be a secret).
 */
final class ConfigValues {

    static final Duration MIN_TTL = Duration.ofMinutes(1);
    static final Duration MAX_TTL = Duration.ofHours(24);
    static final Duration MAX_COOLDOWN = Duration.ofSeconds(60);
    static final int MAX_COMMAND_BURST = 100;
    static final int MIN_METRICS_TOKEN = 16;

    static final long MAX_MEMORY_BYTES = 4L << 30;
    static final long MIN_DISK_BYTES = 1L << 20;
    static final long MAX_DISK_BYTES = 1L << 40;

    private static final Pattern BYTES = Pattern.compile("(\\d{1,13})\\s*([kmgt]i?b?|b)?", Pattern.CASE_INSENSITIVE);
    private static final String[] BINARY_UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};
    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d{1,9})\\s*([smhd]?)", Pattern.CASE_INSENSITIVE);
    private static final Pattern TELEGRAM_TOKEN = Pattern.compile("\\d+:[A-Za-z0-9_-]{20,}");
    private static final Pattern SNOWFLAKE = Pattern.compile("[1-9]\\d{0,19}");
    // Users are positive, groups negative, supergroups and channels -100...; all fit in 52 bits (Bot API).
    private static final Pattern TELEGRAM_CHAT_ID = Pattern.compile("-?[1-9]\\d{0,15}");
    private static final Pattern WHITESPACE = Pattern.compile(".*\\s.*", Pattern.DOTALL);
    private static final Set<String> HTTP = Set.of("http", "https");
    private static final Set<String> GATEWAY = Set.of("ws", "wss", "http", "https");
    // Spotify accepts plain http only for loopback IP literals; URI#getHost keeps the IPv6 brackets.
    private static final Set<String> LOOPBACK_LITERALS = Set.of("127.0.0.1", "[::1]");

    private ConfigValues() {
    }

    static String noSpaces(String value) {
        if (WHITESPACE.matcher(value).matches()) {
            throw new IllegalArgumentException("must not contain spaces");
        }
        return value;
    }

    static Secret discordToken(String value) {
        if (WHITESPACE.matcher(value).matches()) {
            // A common paste mistake is the "Bot " prefix of the Authorization header.
            throw new IllegalArgumentException("must not contain spaces (paste the bot token only, without `Bot `)");
        }
        return new Secret(value);
    }

    static Secret telegramToken(String value) {
        if (!TELEGRAM_TOKEN.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "does not look like a bot token from @BotFather (digits:letters, e.g. 123456789:AAE...)");
        }
        return new Secret(value);
    }

    /** The bearer token scrapers must send: no spaces, at least 16 characters (it guards a public server). */
    static Secret metricsToken(String value) {
        if (WHITESPACE.matcher(value).matches()) {
            throw new IllegalArgumentException("must not contain spaces");
        }
        if (value.length() < MIN_METRICS_TOKEN) {
            throw new IllegalArgumentException("must be at least " + MIN_METRICS_TOKEN
                    + " characters (e.g. the output of `openssl rand -hex 24`)");
        }
        return new Secret(value);
    }

    static URI redirectUri(String value) {
        URI uri = parseUri(value);
        String example = "e.g. https://bot.example.org/callback, or http://127.0.0.1:8080/callback for local use";
        if (!uri.isAbsolute() || uri.getHost() == null) {
            throw new IllegalArgumentException("must be an absolute URL, " + example);
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException("must not contain a fragment (#...)");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if ("localhost".equalsIgnoreCase(uri.getHost())) {
            throw new IllegalArgumentException("Spotify refuses `localhost` in redirect URIs; use the loopback IP "
                    + "instead: " + withHost(uri, "127.0.0.1") + " (and register exactly that in the Spotify dashboard)");
        }
        if (scheme.equals("http") && !LOOPBACK_LITERALS.contains(uri.getHost())) {
            throw new IllegalArgumentException("plain http is only allowed for the loopback IP 127.0.0.1 or [::1] "
                    + "(local use); a public callback needs https, e.g. https://bot.example.org/callback");
        }
        if (!HTTP.contains(scheme)) {
            throw new IllegalArgumentException("must use https, " + example);
        }
        String path = uri.getRawPath();
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException("needs a path for the callback, e.g. " + uri + "/callback");
        }
        if (path.equals("/health")) {
            throw new IllegalArgumentException("must not be /health (the health endpoint); use /callback");
        }
        return uri;
    }

    /** An http(s) base URL, returned without trailing slash so callers can append "/path". */
    static String httpBaseUrl(String value) {
        checkUrl(value, HTTP, "an http(s) URL");
        return stripTrailingSlashes(value);
    }

    /** An http(s) base URL, returned with exactly one trailing slash (JDA resolves routes against it). */
    static String httpBaseUrlWithSlash(String value) {
        return httpBaseUrl(value) + "/";
    }

    static String gatewayUrl(String value) {
        checkUrl(value, GATEWAY, "a ws(s) or http(s) URL");
        return value;
    }

    static int port(String value) {
        int port;
        try {
            port = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a whole number 0..65535 (0 = any free port)");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("is out of range; use 0..65535 (0 = any free port)");
        }
        return port;
    }

    static Path path(String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("is not a valid file path (" + e.getReason() + ")");
        }
    }

    static String snowflake(String value) {
        return snowflake(value, "(Developer Mode on, right-click the server, Copy Server ID)");
    }

    /** A Discord channel id (snowflake). */
    static String channelSnowflake(String value) {
        return snowflake(value, "(Developer Mode on, right-click the channel, Copy Channel ID)");
    }

    /** A Telegram chat id: a user's id, or a group's or channel's (negative, e.g. -1001234567890). */
    static long telegramChatId(String value) {
        if (!TELEGRAM_CHAT_ID.matcher(value).matches()) {
            throw new IllegalArgumentException("must be a numeric Telegram chat id, e.g. 123456789 for a user or "
                    + "-1001234567890 for a group or channel (not @username)");
        }
        return Long.parseLong(value);
    }

    private static String snowflake(String value, String howToCopy) {
        boolean ok = SNOWFLAKE.matcher(value).matches();
        if (ok) {
            try {
                Long.parseUnsignedLong(value);
            } catch (NumberFormatException e) {
                ok = false;
            }
        }
        if (!ok) {
            throw new IllegalArgumentException("must be a numeric Discord id (snowflake), e.g. 123456789012345678 "
                    + howToCopy);
        }
        return value;
    }

    /** A link lifetime: a {@link #duration} between {@link #MIN_TTL} and {@link #MAX_TTL}. */
    static Duration ttl(String value) {
        Duration ttl = duration(value);
        if (ttl.compareTo(MIN_TTL) < 0 || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("must be between 1m and 24h");
        }
        return ttl;
    }

    /** The per-user command refill time: a {@link #duration} from 0 (off) to {@link #MAX_COOLDOWN}. */
    static Duration cooldown(String value) {
        Duration cooldown = duration(value);
        if (cooldown.isNegative() || cooldown.compareTo(MAX_COOLDOWN) > 0) {
            throw new IllegalArgumentException("must be between 0 (off) and 60s");
        }
        return cooldown;
    }

    /** Commands one user may send at once: 1 to {@link #MAX_COMMAND_BURST}. */
    static int commandBurst(String value) {
        int burst = value.matches("\\d{1,4}") ? Integer.parseInt(value) : 0;
        if (burst < 1 || burst > MAX_COMMAND_BURST) {
            throw new IllegalArgumentException("must be a whole number from 1 to " + MAX_COMMAND_BURST);
        }
        return burst;
    }

    /** How long a member's playback is reused: a {@link #duration} from 0 (never) to 60s. */
    static Duration playbackTtl(String value) {
        Duration ttl = duration(value);
        if (ttl.isNegative() || ttl.compareTo(Duration.ofSeconds(60)) > 0) {
            throw new IllegalArgumentException("must be between 0 (off) and 60s");
        }
        return ttl;
    }

    /** {@code 30s}, {@code 10m}, {@code 1h}, {@code 1d}, bare seconds ({@code 90}) or ISO-8601 ({@code PT10M}). */
    static Duration duration(String value) {
        String hint = "is not a duration; use e.g. 30s, 10m, 1h, 90 (seconds) or PT10M";
        if (value.regionMatches(true, 0, "P", 0, 1)) {
            try {
                return Duration.parse(value.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(hint, e);
            }
        }
        Matcher m = SIMPLE_DURATION.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException(hint);
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> Duration.ofSeconds(amount);
        };
    }

    /** The shortest of the simple forms that {@link #duration} reads back to the same value. */
    static String formatDuration(Duration d) {
        long s = d.getSeconds();
        if (d.getNano() != 0) {
            return d.toString();
        }
        if (s != 0 && s % 86_400 == 0) {
            return s / 86_400 + "d";
        }
        if (s != 0 && s % 3600 == 0) {
            return s / 3600 + "h";
        }
        if (s != 0 && s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }

    /** {@code true} or {@code false}, any case. */
    static boolean bool(String value) {
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException("must be true or false");
    }

    /** The in-memory image cache bound: a {@link #bytes} size from 0 (no memory cache) to 4GiB. */
    static long memoryBytes(String value) {
        long bytes = bytes(value);
        if (bytes > MAX_MEMORY_BYTES) {
            throw new IllegalArgumentException("must be at most 4GiB (it lives in the JVM heap)");
        }
        return bytes;
    }

    /** The disk image cache bound: a {@link #bytes} size from 1MiB to 1TiB. */
    static long diskBytes(String value) {
        long bytes = bytes(value);
        if (bytes < MIN_DISK_BYTES || bytes > MAX_DISK_BYTES) {
            throw new IllegalArgumentException("must be between 1MiB and 1TiB");
        }
        return bytes;
    }

    /**
     * A size in bytes: bare bytes ({@code 1048576}), binary units {@code KiB MiB GiB TiB} (also {@code k m g t},
     * as in {@code -Xmx32m}) or decimal units {@code KB MB GB TB}; any case, optional space before the unit.
     */
    static long bytes(String value) {
        String hint = "is not a size; use e.g. 32MiB, 512KiB, 1GiB or a number of bytes";
        Matcher m = BYTES.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException(hint);
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
        long multiplier;
        if (unit.equals("b")) {
            multiplier = 1;
        } else {
            int power = "kmgt".indexOf(unit.charAt(0)) + 1;
            // "KB" is the SI kilobyte; "KiB", "K" and "k" are binary, like the JVM's own -Xmx32m.
            boolean decimal = unit.length() == 2 && unit.charAt(1) == 'b';
            multiplier = 1;
            for (int i = 0; i < power; i++) {
                multiplier *= decimal ? 1000 : 1024;
            }
        }
        try {
            return Math.multiplyExact(amount, multiplier);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(hint, e);
        }
    }

    /** The largest binary unit that writes {@code bytes} exactly ({@code 32MiB}), read back by {@link #bytes}. */
    static String formatBytes(long bytes) {
        int unit = 0;
        long amount = bytes;
        while (amount != 0 && amount % 1024 == 0 && unit < BINARY_UNITS.length - 1) {
            amount /= 1024;
            unit++;
        }
        return amount + BINARY_UNITS[unit];
    }

    private static void checkUrl(String value, Set<String> schemes, String what) {
        URI uri = parseUri(value);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !schemes.contains(scheme) || uri.getHost() == null) {
            throw new IllegalArgumentException("must be " + what + " with a host, e.g. https://example.org/base");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("must not contain a query (?...) or fragment (#...)");
        }
    }

    private static URI parseUri(String value) {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not a valid URL (" + e.getReason() + " at index " + e.getIndex() + ")");
        }
    }

    private static URI withHost(URI uri, String host) {
        try {
            return new URI(uri.getScheme(), uri.getUserInfo(), host, uri.getPort(), uri.getPath(), uri.getQuery(), null);
        } catch (URISyntaxException e) {
            return URI.create("http://127.0.0.1:8080/callback");
        }
    }

    private static String stripTrailingSlashes(String value) {
        int end = value.length();
        while (end > 0 && value.charAt(end - 1) == '/') {
            end--;
        }
        return value.substring(0, end);
    }
}
