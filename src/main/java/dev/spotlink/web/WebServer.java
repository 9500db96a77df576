package dev.spotlink.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spotlink.i18n.Messages;
import dev.spotlink.link.CallbackResult;
import dev.spotlink.link.LinkService;
import dev.spotlink.metrics.Metrics;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded HTTP server: the OAuth callback page and {@code /health}. It only translates HTTP into service
 * calls and results into pages, inside the limits of {@link ServerLimits}: header and body sizes, a per-address
 * rate limit on callbacks that cannot complete a link (one with a live state is never held back), security
 * headers on every response (Jetty's own error answers included), no versions or stack traces in any response,
 * 404 for unknown paths and 405 for other methods on known ones.
 */
public final class WebServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebServer.class);
    private static final String CLIENT_KEY = "spotlink.client";
    private static final String LIVE_STATE_KEY = "spotlink.live-state";

    private final Javalin app;
    private final String host;
    private final int port;
    private final ServerLimits limits;
    private final DrainGate callbacks = new DrainGate();

    /**
     * @param callbackPath path of {@code spotify.redirect-uri}, e.g. {@code /callback}
     */
    public WebServer(String host, int port, String callbackPath, LinkService links, Messages messages,
                     Health health, ObjectMapper json) {
        this(host, port, callbackPath, links, messages, health, json, ServerLimits.DEFAULT);
    }

    public WebServer(String host, int port, String callbackPath, LinkService links, Messages messages,
                     Health health, ObjectMapper json, ServerLimits limits) {
        this(host, port, callbackPath, links, messages, health, json, limits, new WebhookEndpoint(),
                Metrics.disabled());
    }

    /**
     * @param webhooks where a transport in webhook mode attaches its receiver ({@link WebhookEndpoint#PATH})
     * @param metrics  served at {@code /metrics} when enabled (see {@link MetricsRoute}); 404 otherwise
     */
    public WebServer(String host, int port, String callbackPath, LinkService links, Messages messages,
                     Health health, ObjectMapper json, ServerLimits limits, WebhookEndpoint webhooks,
                     Metrics metrics) {
        this.host = host;
        this.port = port;
        this.limits = limits;
        CallbackPage pages = new CallbackPage(messages);
        ClientRateLimiter rateLimiter = new ClientRateLimiter(limits.callbackBurst(), limits.callbackRefill(),
                limits.maxTrackedClients(), System::nanoTime);
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.http.maxRequestSize = limits.maxBodyBytes();
            cfg.http.prefer405over404 = true;
            cfg.jetty.modifyServer(server -> server.setErrorHandler(new PlainErrorHandler()));
            cfg.jetty.modifyHttpConfiguration(http -> {
                // no "Server: Jetty(x.y)" and no X-Powered-By: versions help attackers, not users
                http.setSendServerVersion(false);
                http.setSendXPoweredBy(false);
                http.setSendDateHeader(true);
                http.setRequestHeaderSize(limits.maxHeaderBytes());
            });
            cfg.routes.before(ctx -> SecurityHeaders.applyTo(ctx::header));
            cfg.routes.before(callbackPath, ctx -> guardCallback(ctx, links, rateLimiter, pages, messages));
            cfg.routes.get(callbackPath, ctx -> callback(ctx, links, pages, messages, rateLimiter));
            // HEAD must not claim the single-use state, and without claiming it there is no honest GET answer
            cfg.routes.head(callbackPath, ctx -> ctx.status(405).header("Allow", "GET"));
            cfg.routes.get("/health", ctx -> ctx.status(health.up() ? 200 : 503).contentType("application/json")
                    .result(json.writeValueAsString(health.snapshot())));
            cfg.routes.post(WebhookEndpoint.PATH, webhooks::handle);
            if (metrics.enabled()) {
                cfg.routes.get("/metrics", new MetricsRoute(metrics)::handle);
            }
            // fixed texts: Javalin's defaults quote the method and path back
            cfg.routes.error(404, ctx -> plain(ctx, "Not found"));
            cfg.routes.error(405, ctx -> plain(ctx, "Method not allowed"));
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                log.error("Request {} {} failed", ctx.method(), ctx.path(), e);
                ctx.status(500);
                plain(ctx, "Internal error");
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

    /**
     * Turns new callbacks away (503, "reload in a moment": their state stays unused) and waits up to the drain
     * timeout for the ones in progress, so none is cut off between claiming its state and saving the account.
     * The server keeps answering until {@link #close()}.
     */
    public void drain() {
        try {
            if (!callbacks.closeAndAwait(limits.drainTimeout())) {
                log.warn("{} callback(s) still running after {} s; stopping anyway", callbacks.active(),
                        limits.drainTimeout().toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Drains, then stops the server. */
    @Override
    public void close() {
        drain();
        app.stop();
    }

    private void guardCallback(Context ctx, LinkService links, ClientRateLimiter rateLimiter, CallbackPage pages,
                               Messages messages) {
        String client = ClientAddress.key(ctx.req().getRemoteAddr(),
                Collections.list(ctx.req().getHeaders("X-Forwarded-For")), limits.trustedProxies());
        ctx.attribute(CLIENT_KEY, client);
        // A state the bot issued and nobody used yet can complete a link: it is never held back, whatever others
        // sent from the same address (behind a proxy, that is everybody). Only the rest spends the budget.
        boolean liveState = links.canComplete(ctx.queryParam("state"));
        ctx.attribute(LIVE_STATE_KEY, liveState);
        Duration wait = liveState ? Duration.ZERO : rateLimiter.admit(client);
        if (!wait.isZero()) {
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            log.debug("Rate-limited a callback from {} for {} s", client, seconds);
            ctx.header("Retry-After", Long.toString(seconds));
            render(ctx, pages.rateLimited(browserLocale(ctx, messages), seconds));
            ctx.skipRemainingHandlers();
            return;
        }
        if (ctx.req().getContentLengthLong() > limits.maxBodyBytes()) {
            ctx.status(413);
            plain(ctx, "Request body too large");
            ctx.skipRemainingHandlers();
        }
    }

    private void callback(Context ctx, LinkService links, CallbackPage pages, Messages messages,
                          ClientRateLimiter rateLimiter) {
        Locale locale = browserLocale(ctx, messages);
        if (!callbacks.enter()) {
            ctx.header("Retry-After", "30");
            render(ctx, pages.unavailable(locale));
            return;
        }
        boolean legitimate = false;
        try {
            CallbackResult result = links.completeCallback(ctx.queryParam("code"), ctx.queryParam("state"),
                    ctx.queryParam("error"), locale);
            legitimate = usedIssuedState(result);
            render(ctx, pages.render(result));
        } finally {
            callbacks.exit();
            if (!legitimate && !Boolean.TRUE.equals(ctx.attribute(LIVE_STATE_KEY))) {
                rateLimiter.charge(ctx.attribute(CLIENT_KEY));
            }
        }
    }

    /** Results only a state this bot issued (and nobody used yet) can lead to. */
    private static boolean usedIssuedState(CallbackResult result) {
        return result instanceof CallbackResult.Linked || result instanceof CallbackResult.ExchangeFailed
                || result instanceof CallbackResult.ProfileFailed;
    }

    private static void render(Context ctx, CallbackPage.Rendered page) {
        ctx.status(page.status()).contentType("text/html; charset=utf-8").result(page.html());
    }

    private static void plain(Context ctx, String text) {
        ctx.contentType("text/plain; charset=utf-8").result(text + "\n");
    }

    private static Locale browserLocale(Context ctx, Messages messages) {
        String accept = ctx.header("Accept-Language");
        if (accept == null || accept.isBlank() || accept.length() > 256) {
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
