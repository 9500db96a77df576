package dev.spotlink.web;

import dev.spotlink.metrics.Metrics;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * {@code GET /metrics}: the Prometheus text exposition. With {@code metrics.token} set, only requests carrying
 * {@code Authorization: Bearer <token>} get it (compared in constant time); others get 401.
 */
final class MetricsRoute {

    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final String BEARER = "Bearer ";

    private final Metrics metrics;
    private final Optional<byte[]> token;

    MetricsRoute(Metrics metrics) {
        this.metrics = metrics;
        this.token = metrics.token().map(t -> t.getBytes(StandardCharsets.UTF_8));
    }

    void handle(Context ctx) {
        if (token.isPresent() && !authorized(ctx.header("Authorization"), token.get())) {
            ctx.status(401).header("WWW-Authenticate", "Bearer realm=\"metrics\"")
                    .contentType("text/plain; charset=utf-8").result("Unauthorized\n");
            return;
        }
        ctx.contentType(CONTENT_TYPE).result(metrics.scrape());
    }

    private static boolean authorized(String header, byte[] expected) {
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        byte[] given = header.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, expected);
    }
}
