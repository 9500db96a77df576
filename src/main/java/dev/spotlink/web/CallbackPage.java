package dev.spotlink.web;

import dev.spotlink.i18n.Messages;
import dev.spotlink.link.CallbackResult;
import dev.spotlink.spotify.SpotifyException;
import java.util.Locale;

/**
 * The small HTML page the browser shows after Spotify's redirect: one heading, one explanation, no scripts,
 * nothing loaded from other hosts. Every echoed value is escaped.
 */
public final class CallbackPage {

    private final Messages messages;

    public CallbackPage(Messages messages) {
        this.messages = messages;
    }

    /** HTTP status and HTML for a result. */
    public Rendered render(CallbackResult result) {
        Locale locale = result.locale();
        if (result instanceof CallbackResult.Linked linked) {
            return page(200, locale, true, "page.linked.title", messages.get(locale, "page.linked.body",
                    linked.spotifyName()));
        }
        if (result instanceof CallbackResult.Denied) {
            return page(400, locale, false, "page.denied.title", messages.get(locale, "page.denied.body"));
        }
        if (result instanceof CallbackResult.MissingParameters) {
            return page(400, locale, false, "page.missing.title", messages.get(locale, "page.missing.body"));
        }
        if (result instanceof CallbackResult.UnknownState || result instanceof CallbackResult.NotYours) {
            return page(400, locale, false, "page.unknown.title", messages.get(locale, "page.unknown.body"));
        }
        if (result instanceof CallbackResult.ExpiredState) {
            return page(400, locale, false, "page.expired.title", messages.get(locale, "page.expired.body"));
        }
        if (result instanceof CallbackResult.UsedState) {
            return page(400, locale, false, "page.used.title", messages.get(locale, "page.used.body"));
        }
        if (result instanceof CallbackResult.ExchangeFailed failed) {
            boolean refused = failed.reason() == SpotifyException.Reason.INVALID_GRANT;
            return page(refused ? 400 : 502, locale, false, "page.exchange.title",
                    messages.get(locale, refused ? "page.exchange.refused" : "page.exchange.unavailable"));
        }
        if (result instanceof CallbackResult.AppRejected rejected) {
            return page(400, locale, false, "page.exchange.title", messages.get(locale,
                    rejected.ownApp() ? "page.own-app.rejected" : "page.admin-app.rejected"));
        }
        if (result instanceof CallbackResult.NotAllowlisted refused) {
            String body = refused.ownApp() ? messages.get(locale, "page.own-app.not-allowlisted")
                    : messages.get(locale, "page.profile.not-allowlisted")
                    + (refused.ownAppOffered() ? "\n\n" + messages.get(locale, "page.own-app.offer") : "");
            return page(403, locale, false, "page.profile.title", body);
        }
        CallbackResult.ProfileFailed failed = (CallbackResult.ProfileFailed) result;
        boolean notAllowlisted = failed.reason() == SpotifyException.Reason.NOT_ALLOWLISTED;
        return page(notAllowlisted ? 403 : 502, locale, false, "page.profile.title",
                messages.get(locale, notAllowlisted ? "page.profile.not-allowlisted" : "page.profile.unavailable"));
    }

    /** 429: this browser's address opened the callback too often; {@code seconds} until it may try again. */
    public Rendered rateLimited(Locale locale, long seconds) {
        return page(429, locale, false, "page.rate-limited.title",
                messages.get(locale, "page.rate-limited.body", seconds));
    }

    /** 503: the bot is shutting down; the link was not used, so reloading later works. */
    public Rendered unavailable(Locale locale) {
        return page(503, locale, false, "page.unavailable.title", messages.get(locale, "page.unavailable.body"));
    }

    private Rendered page(int status, Locale locale, boolean success, String titleKey, String body) {
        String title = Html.escape(messages.get(locale, titleKey));
        String accent = success ? "#1db954" : "#e22134";
        String html = "<!doctype html>\n<html lang=\"" + Html.escape(locale.getLanguage()) + "\">\n<head>\n"
                + "<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + title + " · Spotlink</title>\n"
                + "<style>body{font-family:system-ui,sans-serif;background:#121212;color:#fff;margin:0;"
                + "display:flex;min-height:100vh;align-items:center;justify-content:center}"
                + "main{max-width:32rem;padding:2rem;margin:1rem;background:#1e1e1e;border-radius:12px;"
                + "border-top:6px solid " + accent + "}h1{font-size:1.4rem;margin-top:0}"
                + "p{line-height:1.5;color:#ddd;white-space:pre-line}</style>\n"
                + "</head>\n<body>\n<main>\n<h1>" + title + "</h1>\n<p>" + Html.escape(body) + "</p>\n"
                + "</main>\n</body>\n</html>\n";
        return new Rendered(status, html);
    }

    /** A rendered page. */
    public record Rendered(int status, String html) {
    }
}
