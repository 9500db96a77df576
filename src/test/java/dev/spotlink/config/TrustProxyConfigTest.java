package dev.spotlink.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code server.trust-proxy}: IPv4 and IPv6 addresses and ranges, clear problems, no DNS. */
class TrustProxyConfigTest {

    @TempDir
    Path dir;

    private SpotlinkConfig load(String extra, Map<String, String> env) throws Exception {
        return ConfigLoaderTest.loadWithRequired(dir, extra, env);
    }

    @Test
    void defaultsToNoProxy() throws Exception {
        SpotlinkConfig c = load("", Map.of());
        assertTrue(c.server().trustProxy().isEmpty());
        assertFalse(c.server().trustProxy().contains("127.0.0.1"));
        assertTrue(ConfigPrinter.lines(c).contains("server.trust-proxy = (not set) (no proxy trusted)"));
    }

    @Test
    void addressesAndRangesOfBothFamilies() throws Exception {
        SpotlinkConfig c = load("server.trust-proxy=127.0.0.1, ::1 10.1.2.3/8,[fd00::5]/8 ,192.0.2.0/24\n", Map.of());
        TrustedProxies proxies = c.server().trustProxy();
        assertTrue(proxies.contains("127.0.0.1"));
        assertFalse(proxies.contains("127.0.0.2"));
        assertTrue(proxies.contains("::1"));
        assertTrue(proxies.contains("[0:0:0:0:0:0:0:1]"));
        assertTrue(proxies.contains("10.200.0.1"), "host bits of a range are ignored");
        assertTrue(proxies.contains("fdff::1"));
        assertFalse(proxies.contains("fe00::1"));
        assertTrue(proxies.contains("192.0.2.255"));
        assertFalse(proxies.contains("192.0.3.0"));
        assertTrue(proxies.contains("::ffff:10.0.0.1"), "an IPv4-mapped peer counts as IPv4");
        assertFalse(proxies.contains("localhost"), "names are never looked up");
        assertFalse(proxies.contains("not an address"));
        assertTrue(ConfigPrinter.lines(c).contains(
                "server.trust-proxy = 127.0.0.1/32, 0:0:0:0:0:0:0:1/128, 10.0.0.0/8, fd00:0:0:0:0:0:0:0/8, "
                        + "192.0.2.0/24"), ConfigPrinter.lines(c).toString());
    }

    @Test
    void zeroPrefixesTrustAFamilyAndTheEnvironmentWins() throws Exception {
        SpotlinkConfig c = load("server.trust-proxy=10.0.0.1\n", Map.of("SPOTLINK_SERVER_TRUST_PROXY", "0.0.0.0/0"));
        assertTrue(c.server().trustProxy().contains("203.0.113.1"));
        assertFalse(c.server().trustProxy().contains("2001:db8::1"), "an IPv4 range holds no IPv6 address");
    }

    @ParameterizedTest
    @ValueSource(strings = {"proxy.example.org", "localhost", "10.0.0.256", "10.0.0", "10.0.0.1/33", "::1/129",
        "10.0.0.0/-1", "10.0.0.0/", "1.2.3.4, nginx", "fe80::1%eth0", ",", "10.0.0.1/8/8"})
    void anythingElseIsAProblemNamingTheEntry(String value) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> load("server.trust-proxy=" + value + "\n", Map.of()));
        assertEquals(1, e.problems().size(), e.getMessage());
        String problem = e.problems().get(0);
        assertTrue(problem.startsWith("`server.trust-proxy` = \"" + value + "\": "), problem);
        assertTrue(problem.contains("not an IP address or CIDR range") || problem.contains("prefix length")
                || problem.contains("lists no address"), problem);
    }
}
