package dev.spotlink.admin.setup;

import dev.spotlink.config.SpotlinkConfig;
import dev.spotlink.i18n.Messages;
import dev.spotlink.web.PlainErrorHandler;
import dev.spotlink.web.SecurityHeaders;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The set-up web server: a small Javalin app of its own, separate from the bot's callback server, that serves the
 * set-up steps until the config is saved. It opens only for the holder of the one-time link ({@link SetupAccess}),
 * checks the session's CSRF token on every form, and once the config is written and loads, answers 404 to every
 * set-up path and completes {@link #configured()} so the caller can stop it and start the bot.
 */
public final class SetupServer implements AutoCloseable {

    static final String SESSION_COOKIE = "spotlink_setup";
    static final String LANG_COOKIE = "spotlink_lang";
    private static final Logger log = LoggerFactory.getLogger(SetupServer.class);

    private final Javalin app;
    private final String host;
    private final int port;
    private final SetupAccess access;
    private final SetupSteps steps;
    private final Messages messages;
    private final CompletableFuture<SpotlinkConfig> configured = new CompletableFuture<>();
    private volatile boolean closed;

    SetupServer(String host, int port, SetupAccess access, SetupSteps steps, Messages messages) {
        this.host = host;
        this.port = port;
        this.access = access;
        this.steps = steps;
        this.messages = messages;
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.http.maxRequestSize = 16 * 1024;
            cfg.http.prefer405over404 = true;
            cfg.jetty.modifyServer(server -> server.setErrorHandler(new PlainErrorHandler()));
            cfg.jetty.modifyHttpConfiguration(http -> {
                http.setSendServerVersion(false);
                http.setSendXPoweredBy(false);
            });
            cfg.routes.before(ctx -> SecurityHeaders.applyTo(ctx::header, SecurityHeaders.FORMS_TO_SELF_CSP));
            cfg.routes.get("/setup", this::entry);
            cfg.routes.get("/setup/{step}", ctx -> step(ctx, false));
            cfg.routes.post("/setup/{step}", ctx -> step(ctx, true));
            cfg.routes.error(404, ctx -> plain(ctx, "Not found"));
            cfg.routes.error(405, ctx -> plain(ctx, "Method not allowed"));
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                log.error("Set-up request {} {} failed", ctx.method(), ctx.path(), e);
                ctx.status(500);
                plain(ctx, "Internal error");
            });
        });
    }

    SetupServer start() {
        app.start(host, port);
        log.info("Set-up page listening on {}:{}", host, app.port());
        return this;
    }

    int port() {
        return app.port();
    }

    /** The one-time link; {@code shownHost} is the host to print (a wildcard bind address is no use in a URL). */
    String link(String shownHost) {
        String h = shownHost.contains(":") && !shownHost.startsWith("[") ? "[" + shownHost + "]" : shownHost;
        return "http://" + h + ":" + port() + "/setup?token=" + access.oneTimeToken();
    }

    /** Completes with the loaded config once the admin saved a working one. */
    CompletableFuture<SpotlinkConfig> configured() {
        return configured;
    }

    @Override
    public void close() {
        closed = true;
        app.stop();
    }

    private void entry(Context ctx) {
        if (closed) {
            throw new io.javalin.http.NotFoundResponse();
        }
        Locale locale = locale(ctx);
        String token = ctx.queryParam("token");
        if (token != null) {
            var session = access.redeem(token);
            if (session.isEmpty()) {
                denied(ctx, locale, "setup.denied.link");
                return;
            }
            log.info("Set-up link opened; the link is now used up");
            ctx.res().addHeader("Set-Cookie", SESSION_COOKIE + "=" + session.get()
                    + "; Path=/setup; HttpOnly; SameSite=Strict");
        } else if (!access.isSession(ctx.cookie(SESSION_COOKIE))) {
            denied(ctx, locale, "setup.denied.link");
            return;
        }
        ctx.redirect("/setup/" + SetupLayout.STEPS.get(0), HttpStatus.SEE_OTHER);
    }

    private void step(Context ctx, boolean post) throws IOException {
        String step = ctx.pathParam("step");
        if (closed || !SetupLayout.STEPS.contains(step)) {
            throw new io.javalin.http.NotFoundResponse();
        }
        Locale locale = locale(ctx);
        if (!access.isSession(ctx.cookie(SESSION_COOKIE))) {
            denied(ctx, locale, "setup.denied.link");
            return;
        }
        if (post && !access.isCsrf(ctx.formParam("csrf"))) {
            denied(ctx, locale, "setup.denied.form");
            return;
        }
        SetupLayout layout = new SetupLayout(messages, locale);
        SetupSteps.Answer answer;
        synchronized (steps) {
            if (closed) {
                throw new io.javalin.http.NotFoundResponse();
            }
            SetupPages pages = new SetupPages(layout, access.csrf());
            answer = post ? steps.post(step, form(ctx), pages, layout) : steps.get(step, pages);
            if (answer.config() != null) {
                closed = true;
            }
        }
        if (answer.redirect() != null) {
            ctx.redirect(answer.redirect(), HttpStatus.SEE_OTHER);
            return;
        }
        ctx.status(answer.status()).contentType("text/html; charset=utf-8");
        if (answer.config() == null) {
            ctx.result(answer.html());
            return;
        }
        // The page must be on the wire before the caller stops this server: write it out here, then hand over.
        byte[] bytes = answer.html().getBytes(StandardCharsets.UTF_8);
        ctx.res().setContentLength(bytes.length);
        try (OutputStream out = ctx.res().getOutputStream()) {
            out.write(bytes);
            out.flush();
        } finally {
            configured.complete(answer.config());
        }
    }

    private static Map<String, String> form(Context ctx) {
        Map<String, String> form = new HashMap<>();
        for (String name : List.of("address", "client_id", "client_secret", "discord_token", "telegram_token",
                "action")) {
            String value = ctx.formParam(name);
            if (value != null) {
                form.put(name, value);
            }
        }
        return form;
    }

    private void denied(Context ctx, Locale locale, String key) {
        SetupLayout layout = new SetupLayout(messages, locale);
        String body = "<section class=\"card\"><h2>" + layout.e("setup.denied.title") + "</h2><p id=\"denied\">"
                + layout.e(key) + "</p></section>";
        ctx.status(403).contentType("text/html; charset=utf-8").result(layout.page(layout.t("setup.denied.title"),
                null, body));
    }

    /** {@code ?lang=} (remembered in a cookie), else the cookie, else the browser's Accept-Language. */
    private Locale locale(Context ctx) {
        String chosen = ctx.queryParam("lang");
        if (chosen != null && (chosen.equals("en") || chosen.equals("ru"))) {
            ctx.res().addHeader("Set-Cookie", LANG_COOKIE + "=" + chosen + "; Path=/setup; SameSite=Strict");
            return messages.resolve(chosen);
        }
        String remembered = ctx.cookie(LANG_COOKIE);
        if (remembered != null && (remembered.equals("en") || remembered.equals("ru"))) {
            return messages.resolve(remembered);
        }
        String accept = ctx.header("Accept-Language");
        if (accept == null || accept.isBlank() || accept.length() > 256) {
            return Locale.ENGLISH;
        }
        try {
            return messages.resolve(Locale.lookup(Locale.LanguageRange.parse(accept), Messages.SUPPORTED));
        } catch (IllegalArgumentException e) {
            return Locale.ENGLISH;
        }
    }

    private static void plain(Context ctx, String text) {
        ctx.contentType("text/plain; charset=utf-8").result(text + "\n");
    }
}
