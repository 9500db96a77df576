package dev.spotlink.web;

import dev.spotlink.config.TrustedProxies;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rate-limit key of a request's client. IPv4 addresses count one by one; IPv6 addresses by their /64 network,
 * since anyone with one IPv6 address usually owns the whole /64. Behind a reverse proxy every request comes from
 * the proxy, so all users would share one bucket: when the TCP peer is one of the {@link TrustedProxies}, the
 * {@code X-Forwarded-For} entries are read from the right, and the first one that is not itself a trusted proxy
 * is the client. Entries further left were written by whoever sent the request and are never believed; a peer
 * that is not a trusted proxy gets no say at all.
 */
final class ClientAddress {

    private static final int MAX_KEY_CHARS = 64;
    private static final Pattern IPV4_WITH_PORT = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,3}){3}):\\d{1,5}");
    private static final Pattern IPV6_WITH_PORT = Pattern.compile("\\[([0-9A-Fa-f:.]{2,45})]:\\d{1,5}");

    private ClientAddress() {
    }

    /**
     * @param remoteAddress the TCP peer's address
     * @param forwardedFor  every {@code X-Forwarded-For} header of the request, in order (none: empty)
     * @param proxies       the peers whose forwarding header is believed
     */
    static String key(String remoteAddress, List<String> forwardedFor, TrustedProxies proxies) {
        return normalise(client(remoteAddress == null ? "" : remoteAddress, forwardedFor, proxies));
    }

    /** The client's address as text: the peer, or the right-most forwarded entry that is not a trusted proxy. */
    static String client(String remoteAddress, List<String> forwardedFor, TrustedProxies proxies) {
        if (!proxies.contains(remoteAddress)) {
            return remoteAddress;
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String entry : header.split(",", -1)) {
                hops.add(withoutPort(entry.strip()));
            }
        }
        String client = remoteAddress;
        for (int i = hops.size() - 1; i >= 0; i--) {
            if (hops.get(i).isEmpty()) {
                continue;
            }
            client = hops.get(i);
            if (!proxies.contains(client)) {
                return client;
            }
        }
        return client; // every hop is a trusted proxy: the left-most one is the best we know
    }

    /** {@code 203.0.113.9:5000} and {@code [2001:db8::1]:5000} (some proxies add the port) without the port. */
    static String withoutPort(String hop) {
        Matcher v4 = IPV4_WITH_PORT.matcher(hop);
        if (v4.matches()) {
            return v4.group(1);
        }
        Matcher v6 = IPV6_WITH_PORT.matcher(hop);
        return v6.matches() ? v6.group(1) : hop;
    }

    private static String normalise(String address) {
        Optional<byte[]> literal = TrustedProxies.literal(address);
        if (literal.isPresent()) {
            byte[] bytes = literal.get();
            if (bytes.length == 16) {
                return HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
            }
            try {
                return InetAddress.getByAddress(bytes).getHostAddress();
            } catch (UnknownHostException e) {
                throw new IllegalStateException("4 bytes are always an address", e);
            }
        }
        String bare = address.startsWith("[") && address.endsWith("]")
                ? address.substring(1, address.length() - 1) : address;
        String text = bare.toLowerCase(Locale.ROOT);
        return "other:" + (text.length() > MAX_KEY_CHARS ? text.substring(0, MAX_KEY_CHARS) : text);
    }
}
