package dev.spotlink.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rate-limit key of a request's client. IPv4 addresses count one by one; IPv6 addresses by their /64 network,
 * since anyone with one IPv6 address usually owns the whole /64. Behind a reverse proxy every request comes from
 * the proxy, so all users would share one bucket: with {@code trustForwardedFor} the last
 * {@code X-Forwarded-For} entry (the one the proxy appended) is used instead.
 */
final class ClientAddress {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final int MAX_KEY_CHARS = 64;

    private ClientAddress() {
    }

    /**
     * @param remoteAddress the TCP peer's address
     * @param forwardedFor  the {@code X-Forwarded-For} header, or null
     */
    static String key(String remoteAddress, String forwardedFor, boolean trustForwardedFor) {
        String address = remoteAddress;
        if (trustForwardedFor && forwardedFor != null && !forwardedFor.isBlank()) {
            address = forwardedFor.substring(forwardedFor.lastIndexOf(',') + 1).strip();
        }
        return normalise(address == null ? "" : address);
    }

    private static String normalise(String address) {
        String bare = address.startsWith("[") && address.endsWith("]")
                ? address.substring(1, address.length() - 1) : address;
        if (IPV4.matcher(bare).matches()) {
            return bare;
        }
        // Only literals with a colon reach InetAddress: it parses those without a DNS lookup.
        if (bare.indexOf(':') >= 0 && IPV6.matcher(bare).matches()) {
            try {
                byte[] bytes = InetAddress.getByName(bare).getAddress();
                if (bytes.length == 16) {
                    return HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
                }
                return InetAddress.getByAddress(bytes).getHostAddress(); // IPv4-mapped
            } catch (UnknownHostException e) {
                // not a valid literal: fall through and use the text itself
            }
        }
        String text = bare.toLowerCase(Locale.ROOT);
        return "other:" + (text.length() > MAX_KEY_CHARS ? text.substring(0, MAX_KEY_CHARS) : text);
    }
}
