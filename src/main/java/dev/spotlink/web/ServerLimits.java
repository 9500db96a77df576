package dev.spotlink.web;

import dev.spotlink.config.TrustedProxies;
import java.time.Duration;
import java.util.Objects;

/**
 * Abuse limits of the callback server. {@link #DEFAULT} suits a bot whose users each open the callback once per
 * {@code /link}; tests construct smaller or larger ones.
 *
 * @param maxHeaderBytes    request line plus headers; beyond it Jetty answers 414 (URI) or 431 (headers)
 * @param maxBodyBytes      a callback request with a larger declared body gets 413 (browsers send none)
 * @param callbackBurst     callbacks that cannot complete a link (unknown, expired or used state, missing parameters)
 *                          one client address may make before it gets 429; a callback carrying a live state (issued,
 *                          unused, unexpired) is never held back and costs nothing
 * @param callbackRefill    time after which one more failure is forgiven
 * @param maxTrackedClients addresses with their own bucket; beyond it new addresses share one bucket, so memory
 *                          stays bounded when many addresses (or spoofed forwarding headers) appear
 * @param trustedProxies    peers whose {@code X-Forwarded-For} names the client ({@code server.trust-proxy}); the
 *                          right-most entry that is not itself a trusted proxy is the client
 * @param drainTimeout      how long {@link WebServer#close()} waits for callbacks in progress
 */
public record ServerLimits(int maxHeaderBytes, long maxBodyBytes, int callbackBurst, Duration callbackRefill,
                           int maxTrackedClients, TrustedProxies trustedProxies, Duration drainTimeout) {

    /** 8 KiB headers, 16 KiB body, 20 failed callbacks then one per 3 s per address, 10,000 addresses. */
    public static final ServerLimits DEFAULT = new ServerLimits(8 * 1024, 16 * 1024, 20, Duration.ofSeconds(3),
            10_000, TrustedProxies.NONE, Duration.ofSeconds(10));

    public ServerLimits {
        Objects.requireNonNull(trustedProxies, "trustedProxies");
        if (maxHeaderBytes < 1024 || maxBodyBytes < 0 || callbackBurst < 1 || maxTrackedClients < 1) {
            throw new IllegalArgumentException("Server limits out of range");
        }
        if (callbackRefill.isNegative() || callbackRefill.isZero() || drainTimeout.isNegative()) {
            throw new IllegalArgumentException("Server limit durations must be positive");
        }
    }

    /** A copy with another callback rate. */
    public ServerLimits withCallbackRate(int burst, Duration refill) {
        return new ServerLimits(maxHeaderBytes, maxBodyBytes, burst, refill, maxTrackedClients, trustedProxies,
                drainTimeout);
    }

    /** A copy that believes {@code X-Forwarded-For} from these peers only. */
    public ServerLimits withTrustedProxies(TrustedProxies proxies) {
        return new ServerLimits(maxHeaderBytes, maxBodyBytes, callbackBurst, callbackRefill, maxTrackedClients,
                proxies, drainTimeout);
    }
}
