package dev.spotlink.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * An HTTP/1.x client on a plain socket that sends exactly the bytes it is given: no normalising of paths,
 * percent-encodings, header names or methods, as okhttp and the JDK client would. For hostile-input tests.
 */
public final class RawHttp {

    private static final int TIMEOUT_MILLIS = 5_000;
    private static final int MAX_RESPONSE_BYTES = 1 << 20;

    private final int port;

    public RawHttp(int port) {
        this.port = port;
    }

    /** {@code METHOD target HTTP/1.1} with Host, {@code Connection: close} and the given extra header lines. */
    public Response request(String method, String target, String... headerLines) {
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n");
        for (String line : headerLines) {
            head.append(line).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        return send(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Sends {@code bytes} as they are, half-closes, and reads the answer until the server closes. */
    public Response send(byte[] bytes) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(bytes);
                out.flush();
                socket.shutdownOutput();
            } catch (SocketException e) {
                // the server may answer (431, 413) and close before it read everything: read what it said
            }
            return Response.parse(readAll(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException("raw request to 127.0.0.1:" + port + " failed", e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        try {
            int n;
            while ((n = in.read(chunk)) > 0 && buffer.size() < MAX_RESPONSE_BYTES) {
                buffer.write(chunk, 0, n);
            }
        } catch (SocketException | SocketTimeoutException e) {
            // reset after the answer, or a server keeping the connection open: what arrived is the answer
        }
        return buffer.toByteArray();
    }

    /**
     * A parsed answer; {@code status} is -1 when nothing (or no status line) came back. Header names lower-case;
     * {@code raw} is everything received, for "nothing leaked" checks.
     */
    public record Response(int status, Map<String, List<String>> headers, String body, String raw) {

        static Response parse(byte[] bytes) {
            String raw = new String(bytes, StandardCharsets.ISO_8859_1);
            int end = raw.indexOf("\r\n\r\n");
            String head = end < 0 ? raw : raw.substring(0, end);
            String body = end < 0 ? "" : raw.substring(end + 4);
            String[] lines = head.split("\r\n");
            int status = -1;
            if (lines.length > 0 && lines[0].startsWith("HTTP/1.") && lines[0].length() >= 12) {
                try {
                    status = Integer.parseInt(lines[0].substring(9, 12));
                } catch (NumberFormatException e) {
                    status = -1;
                }
            }
            Map<String, List<String>> headers = new TreeMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            k -> new ArrayList<>()).add(lines[i].substring(colon + 1).trim());
                }
            }
            return new Response(status, headers, body, raw);
        }

        /** First value of a header (any case), or null. */
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        @Override
        public String toString() {
            return raw.length() > 600 ? raw.substring(0, 600) + "..." : raw;
        }
    }
}
