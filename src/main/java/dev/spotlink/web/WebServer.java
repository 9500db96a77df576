package dev.spotlink.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spotlink.i18n.Messages;
import dev.spotlink.link.CallbackResult;
import dev.spotlink.link.LinkService;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded HTTP server: the OAuth callback page and {@code /health}. It only translates HTTP into service
 * calls and results into pages.
 */
public final class WebServer implements AutoCloseable {

    static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
            + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final Logger log = LoggerFactory.getLogger(WebServer.class);
    private static final long MAX_REQUEST_BYTES = 16 * 1024;
    private static final int MAX_HEADER_BYTES = 8 * 1024;

    private final Javalin app;
    private final String host;
    private final int port;

    /**
     * @param callbackPath path of {@code spotify.redirect-uri}, e.g. {@code /callback}
     */
    public WebServer(String host, int port, String callbackPath, LinkService links, Messages messages,
                     Health health, ObjectMapper json) {
        this.host = host;
        this.port = port;
        CallbackPage pages = new CallbackPage(messages);
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.http.maxRequestSize = MAX_REQUEST_BYTES;
            cfg.jetty.modifyHttpConfiguration(http -> {
                // no "Server: Jetty(x.y)" and no X-Powered-By: versions help attackers, not users
                http.setSendServerVersion(false);
                http.setSendXPoweredBy(false);
                http.setRequestHeaderSize(MAX_HEADER_BYTES);
            });
            cfg.routes.before(ctx -> securityHeaders(ctx));
            cfg.routes.get(callbackPath, ctx -> {
                CallbackResult result = links.completeCallback(ctx.queryParam("code"), ctx.queryParam("state"),
                        ctx.queryParam("error"), browserLocale(ctx, messages));
                CallbackPage.Rendered page = pages.render(result);
                ctx.status(page.status()).contentType("text/html; charset=utf-8").result(page.html());
            });
            cfg.routes.get("/health", ctx -> {
                ctx.status(health.up() ? 200 : 503).contentType("application/json")
                        .result(json.writeValueAsString(health.snapshot()));
            });
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                log.error("Request {} {} failed", ctx.method(), ctx.path(), e);
                ctx.status(500).contentType("text/plain; charset=utf-8").result("Internal error");
            });
        });
    }

    public WebServer start() {
        app.start(host, port);
        log.info("Callback server listening on {}:{}", host, app.port());
        return this;
    }

    /** The bound port (useful with port 0 in tests). */
    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }

    private static void securityHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Cache-Control", "no-store");
    }

    private static Locale browserLocale(Context ctx, Messages messages) {
        String accept = ctx.header("Accept-Language");
        if (accept == null || accept.isBlank()) {
            return Locale.ENGLISH;
        }
        try {
            var ranges = Locale.LanguageRange.parse(accept);
            Locale match = Locale.lookup(ranges, Messages.SUPPORTED);
            return messages.resolve(match);
        } catch (IllegalArgumentException e) {
            return Locale.ENGLISH;
        }
    }
}
