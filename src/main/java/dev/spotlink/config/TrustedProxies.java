package dev.spotlink.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The reverse proxies whose {@code X-Forwarded-For} is believed ({@code server.trust-proxy}): IPv4 and IPv6
 * addresses and CIDR ranges. Only literals are accepted and parsed, never host names, so reading the config or a
 * request header never makes a DNS lookup. Immutable.
 */
public final class TrustedProxies {

    /** Nobody's forwarding header is believed (the default). */
    public static final TrustedProxies NONE = new TrustedProxies(List.of(), "");

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final Pattern SEPARATORS = Pattern.compile("[,\\s]+");

    private final List<Range> ranges;
    private final String text;

    private TrustedProxies(List<Range> ranges, String text) {
        this.ranges = ranges;
        this.text = text;
    }

    /**
     * Addresses and ranges separated by commas or spaces, e.g. {@code 127.0.0.1, ::1, 10.0.0.0/8, fd00::/8}.
     *
     * @throws IllegalArgumentException naming the first entry that is not an IP literal or CIDR range
     */
    public static TrustedProxies parse(String value) {
        List<Range> ranges = new ArrayList<>();
        List<String> shown = new ArrayList<>();
        for (String entry : SEPARATORS.split(value.strip())) {
            if (entry.isEmpty()) {
                continue;
            }
            Range range = range(entry);
            ranges.add(range);
            shown.add(range.toString());
        }
        if (ranges.isEmpty()) {
            throw new IllegalArgumentException("lists no address; leave it unset to trust no proxy");
        }
        return new TrustedProxies(List.copyOf(ranges), String.join(", ", shown));
    }

    /** True when no proxy is trusted. */
    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** Whether {@code address} (an IP literal; anything else is never trusted) is one of the proxies. */
    public boolean contains(String address) {
        if (ranges.isEmpty() || address == null) {
            return false;
        }
        Optional<byte[]> bytes = literal(address.strip());
        if (bytes.isEmpty()) {
            return false;
        }
        for (Range range : ranges) {
            if (range.contains(bytes.get())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The bytes of an IPv4 (4) or IPv6 (16) literal, brackets allowed; IPv4-mapped IPv6 addresses come back as
     * IPv4. Empty for anything else, host names included (never looked up).
     */
    public static Optional<byte[]> literal(String address) {
        String bare = address.startsWith("[") && address.endsWith("]")
                ? address.substring(1, address.length() - 1) : address;
        var v4 = IPV4.matcher(bare);
        if (v4.matches()) {
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(v4.group(i + 1));
                if (octet > 255) {
                    return Optional.empty();
                }
                bytes[i] = (byte) octet;
            }
            return Optional.of(bytes);
        }
        // Only text with a colon reaches InetAddress: it parses those literals without a DNS lookup.
        if (bare.indexOf(':') < 0 || !IPV6.matcher(bare).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(bare).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static Range range(String entry) {
        int slash = entry.indexOf('/');
        String address = slash < 0 ? entry : entry.substring(0, slash);
        byte[] bytes = literal(address).orElseThrow(() -> new IllegalArgumentException("`" + shorten(entry)
                + "` is not an IP address or CIDR range; use addresses such as 127.0.0.1 or ::1, or ranges"
                + " such as 10.0.0.0/8 or fd00::/8 (host names are not accepted)"));
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String length = entry.substring(slash + 1);
            if (!length.matches("\\d{1,3}") || Integer.parseInt(length) > bits) {
                throw new IllegalArgumentException("`" + shorten(entry) + "` has an invalid prefix length; it"
                        + " must be 0 to " + bits + " for " + (bits == 32 ? "IPv4" : "IPv6"));
            }
            prefix = Integer.parseInt(length);
        }
        return new Range(mask(bytes, prefix), prefix);
    }

    private static byte[] mask(byte[] bytes, int prefix) {
        byte[] masked = bytes.clone();
        for (int i = 0; i < masked.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            masked[i] &= (byte) (0xff << (8 - keep));
        }
        return masked;
    }

    private static String shorten(String entry) {
        return entry.length() > 60 ? entry.substring(0, 60) + "..." : entry;
    }

    /** The ranges as the config printer shows them (normalised: host bits cleared, prefix always written). */
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TrustedProxies that && text.equals(that.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    private record Range(byte[] network, int prefix) {

        boolean contains(byte[] address) {
            return address.length == network.length && Arrays.equals(mask(address, prefix), network);
        }

        @Override
        public String toString() {
            try {
                return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
            } catch (UnknownHostException e) {
                throw new IllegalStateException("4 or 16 bytes are always an address", e);
            }
        }
    }
}
