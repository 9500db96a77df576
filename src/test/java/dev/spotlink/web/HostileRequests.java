package dev.spotlink.web;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A deterministic stream of malformed and hostile HTTP/1.1 requests, as raw bytes (no client library would send
 * most of them): bad percent-encodings, invalid UTF-8, oversized parameters and headers, duplicated parameters,
 * SQL and HTML/JS in every field, path traversal (plain and encoded), odd methods, missing Host, smuggling tricks.
 */
final class HostileRequests {

    /** One request to send and what it is, for failure messages. */
    record Hostile(String what, byte[] bytes) {
        @Override
        public String toString() {
            return what;
        }
    }

    static final List<String> PAYLOADS = List.of(
            "' OR '1'='1", "'; DROP TABLE linked_accounts; --", "1 UNION SELECT access_token_enc FROM linked_accounts",
            "\" OR \"\"=\"", "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "javascript:alert(1)",
            "</title><script>alert(document.cookie)</script>", "{{7*7}}", "${jndi:ldap://127.0.0.1/x}",
            "%00", "\u0000", "../../../../etc/passwd", "A".repeat(43), "A".repeat(44), "Ω≈ç√∫", "\uD83D\uDE00",
            "NULL", "undefined", "-1", "9".repeat(40));
    static final List<String> BAD_ENCODINGS = List.of(
            "%", "%z", "%zz", "%G0", "%C3%28", "%FF%FE%FD", "%C0%AF", "%E0%80%AF", "%ED%A0%80", "%F8%88%80%80%80",
            "%u0041", "%%41", "%2", "%25%", "%0d%0aSet-Cookie:%20x=1", "%00", "%C3", "%E2%82");
    static final List<String> TRAVERSALS = List.of(
            "/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/%2E%2E/%2E%2E/etc/passwd", "/callback/../../etc/passwd",
            "/callback/..%2f..%2fetc%2fpasswd", "/..%5c..%5cwindows%5cwin.ini", "/%252e%252e/%252e%252e/etc/passwd",
            "/callback/%2e%2e/data/spotlink.key", "/callback/../data/spotlink.db", "/./config.properties",
            "/.git/config", "/WEB-INF/web.xml", "/callback/;jsessionid=x/../data", "/%c0%ae%c0%ae/etc/passwd",
            "//etc/passwd", "/callback%00.html", "/callback/%00", "/data/spotlink.key", "/..;/..;/etc/passwd",
            "/.%2e/.%2e/etc/passwd");
    static final List<String> METHODS = List.of(
            "POST", "PUT", "DELETE", "PATCH", "TRACE", "OPTIONS", "CONNECT", "PROPFIND", "MKCOL", "BREW", "HEAD",
            "get", "GeT", "DEBUG", "TRACK", "X".repeat(300));

    private final int port;
    private final Random random;

    HostileRequests(int port, long seed) {
        this.port = port;
        this.random = new Random(seed);
    }

    /** {@code count} requests, cycling through every kind with varying payloads. */
    List<Hostile> generate(int count) {
        List<Hostile> requests = new ArrayList<>(count);
        for (int i = 0; requests.size() < count; i++) {
            requests.add(next(i % 14));
        }
        return requests;
    }

    private Hostile next(int kind) {
        String p = pick(PAYLOADS);
        String e = pick(BAD_ENCODINGS);
        return switch (kind) {
            case 0 -> get("bad encoding in code/state", "/callback?code=" + e + "&state=" + pick(BAD_ENCODINGS));
            case 1 -> get("bad encoding in error", "/callback?error=" + e + "&state=" + enc(p));
            case 2 -> raw("invalid UTF-8 bytes in the target", concat(
                    "GET /callback?code=".getBytes(StandardCharsets.US_ASCII), randomHighBytes(),
                    " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
            case 3 -> get("huge parameter", "/callback?code=" + "c".repeat(9_000 + random.nextInt(20_000))
                    + "&state=" + "A".repeat(43));
            case 4 -> get("huge header", "/callback?code=x&state=" + "A".repeat(43),
                    "X-" + random.nextInt(1000) + ": " + "h".repeat(9_000 + random.nextInt(20_000)));
            case 5 -> get("duplicated state and code", "/callback?state=" + "A".repeat(43) + "&code=first&state="
                    + "B".repeat(43) + "&code=" + enc(p) + "&state=" + enc(p));
            case 6 -> get("payload in every parameter", "/callback?code=" + enc(p) + "&state=" + enc(p) + "&error="
                    + enc(p) + "&" + enc(p) + "=" + enc(p));
            case 7 -> get("payload in every header", "/callback?code=" + enc(p) + "&state=" + enc(pick(PAYLOADS)),
                    "Accept-Language: " + ascii(p), "User-Agent: " + ascii(p), "Referer: " + ascii(p),
                    "Cookie: session=" + ascii(p), "X-Forwarded-For: " + ascii(p), "Origin: " + ascii(p));
            case 8 -> get("path traversal", pick(TRAVERSALS));
            case 9 -> raw("odd method", (pick(METHODS) + " /callback?code=x&state=" + "A".repeat(43)
                    + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            case 10 -> raw("missing Host", ("GET /callback?code=" + enc(p) + " HTTP/1.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            case 11 -> smuggling(p);
            case 12 -> get("unknown path with payload", "/" + enc(p) + "/admin?x=" + enc(p));
            default -> get("payload in the path of the callback", "/callback/" + enc(p) + "?code=" + e);
        };
    }

    private Hostile smuggling(String payload) {
        String[] tricks = {
            "Content-Length: 5\r\nTransfer-Encoding: chunked",
            "Content-Length: abc",
            "Content-Length: 1\r\nContent-Length: 2",
            "Transfer-Encoding: chunked, identity",
            "Content-Length: 99999999",
            "X-Folded: a\r\n b",
            "Bad Header Name: x",
            "X-Null: a\u0000b",
            "Host: evil.example",
            "Expect: 100-continue\r\nContent-Length: 999999",
        };
        String trick = tricks[random.nextInt(tricks.length)];
        return raw("smuggling/header trick " + trick.replace("\r\n", " | "), ("GET /callback?state=" + enc(payload)
                + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n" + trick + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
    }

    private Hostile get(String what, String target, String... headers) {
        StringBuilder head = new StringBuilder("GET ").append(target).append(" HTTP/1.1\r\nHost: 127.0.0.1:")
                .append(port).append("\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        return new Hostile(what + ": " + abbreviate(target), head.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static Hostile raw(String what, byte[] bytes) {
        return new Hostile(what, bytes);
    }

    private byte[] randomHighBytes() {
        byte[] bytes = new byte[1 + random.nextInt(12)];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (0x80 + random.nextInt(0x80));
        }
        return bytes;
    }

    private String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** Percent-encodes everything but unreserved characters, so the payload reaches the server intact. */
    private static String enc(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (Character.isLetterOrDigit(c) && c < 128 || "-_.~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return out.toString();
    }

    /** Header values must stay on one line; everything else is sent as it is. */
    private static String ascii(String value) {
        return value.replace("\r", "").replace("\n", "");
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static String abbreviate(String text) {
        return text.length() > 120 ? text.substring(0, 120) + "..." : text;
    }
}
