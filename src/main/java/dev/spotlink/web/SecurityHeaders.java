package dev.spotlink.web;

import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The headers every response carries, whoever produced it (a route, Javalin's 404, Jetty's answer to a malformed
 * request): nothing may be framed, sniffed, cached, or load anything from anywhere.
 */
public final class SecurityHeaders {

    static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
            + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /** As {@link #CSP}, but forms may post to this origin (the set-up pages). */
    public static final String FORMS_TO_SELF_CSP = CSP.replace("form-action 'none'", "form-action 'self'");

    private static final Map<String, String> ALL = Map.of(
            "Content-Security-Policy", CSP,
            "Referrer-Policy", "no-referrer",
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Cache-Control", "no-store",
            "Cross-Origin-Resource-Policy", "same-origin",
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()");

    private SecurityHeaders() {
    }

    /** Sets each header through {@code setter} (name, value), replacing earlier values. */
    static void applyTo(BiConsumer<String, String> setter) {
        ALL.forEach(setter);
    }

    /** As {@link #applyTo(BiConsumer)}, with {@code csp} as the Content-Security-Policy. */
    public static void applyTo(BiConsumer<String, String> setter, String csp) {
        ALL.forEach(setter);
        setter.accept("Content-Security-Policy", csp);
    }

    static Map<String, String> all() {
        return ALL;
    }
}
