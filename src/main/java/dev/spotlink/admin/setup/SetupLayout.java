package dev.spotlink.admin.setup;

import dev.spotlink.i18n.Messages;
import dev.spotlink.web.Html;
import java.util.List;
import java.util.Locale;

/**
 * The frame of every set-up page and its form parts: plain HTML with inline CSS (the CSP allows nothing else),
 * no JavaScript, one column that fits a phone. Every value is escaped; texts come from the bundles.
 */
final class SetupLayout {

    /** The steps in order: path segment under {@code /setup/}, and the message key of its name. */
    static final List<String> STEPS = List.of("address", "spotify", "discord", "telegram", "finish");

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f4f5f7;\
            color:#1d1f23;line-height:1.5}
            header{background:#14833b;color:#fff;padding:.75rem 1rem}
            header .in,main{max-width:44rem;margin:0 auto}
            header h1{font-size:1.2rem;margin:0}
            header a{color:#fff}
            .lang{float:right;font-size:.9rem}
            nav ol{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;padding:0;margin:.4rem 0 0;\
            font-size:.95rem}
            nav .current{font-weight:700;text-decoration:underline}
            main{padding:1rem}
            .card{background:#fff;border-radius:8px;padding:1rem 1.25rem;box-shadow:0 1px 3px rgba(0,0,0,.15);\
            margin-bottom:1rem}
            h2{margin-top:0;font-size:1.3rem}
            label{display:block;font-weight:600;margin-top:.9rem}
            input[type=text],input[type=password],input[type=url]{width:100%;box-sizing:border-box;padding:.6rem;\
            font-size:1rem;border:1px solid #9aa0aa;border-radius:6px}
            input[aria-invalid=true]{border:2px solid #b3261e}
            .help{color:#4a4f57;font-size:.92rem;margin:.3rem 0}
            .error{color:#b3261e;font-weight:600;margin:.3rem 0}
            .ok{color:#14833b;font-weight:600}
            code{background:#eceef1;padding:.1rem .3rem;border-radius:4px;word-break:break-all}
            .uri{display:block;font-size:1.05rem;padding:.5rem;margin:.4rem 0}
            button,.button{display:inline-block;font-size:1rem;padding:.6rem 1.1rem;border-radius:6px;border:0;\
            background:#14833b;color:#fff;cursor:pointer;margin:.9rem .5rem 0 0;text-decoration:none}
            button.secondary,.button.secondary{background:#e1e4e8;color:#1d1f23}
            a{overflow-wrap:anywhere}
            li{margin:.2rem 0}
            table{border-collapse:collapse;width:100%}
            td,th{text-align:left;padding:.35rem .4rem;border-bottom:1px solid #e1e4e8;vertical-align:top}
            .choice{border:1px solid #e1e4e8;border-radius:8px;padding:.25rem 1rem 1rem;margin:.8rem 0}
            h3{font-size:1.1rem;margin:.8rem 0 .3rem}
            .tag{background:#14833b;color:#fff;font-size:.8rem;padding:.1rem .45rem;border-radius:4px}
            """;

    private final Messages messages;
    private final Locale locale;

    SetupLayout(Messages messages, Locale locale) {
        this.messages = messages;
        this.locale = locale;
    }

    /** The localized text for {@code key}. */
    String t(String key, Object... args) {
        return messages.get(locale, key, args);
    }

    /** Escaped localized text. */
    String e(String key, Object... args) {
        return Html.escape(t(key, args));
    }

    /** A whole page; {@code step} is the current step (highlighted in the step list), null for none. */
    String page(String title, String step, String body) {
        StringBuilder nav = new StringBuilder();
        if (step != null) {
            nav.append("<nav aria-label=\"").append(e("setup.steps")).append("\"><ol>");
            for (int i = 0; i < STEPS.size(); i++) {
                String s = STEPS.get(i);
                nav.append("<li><a href=\"/setup/").append(s).append('"')
                        .append(s.equals(step) ? " class=\"current\" aria-current=\"step\"" : "").append('>')
                        .append(i + 1).append(". ").append(e("setup.step." + s)).append("</a></li>");
            }
            nav.append("</ol></nav>");
        }
        String other = locale.getLanguage().equals("ru") ? "en" : "ru";
        return "<!DOCTYPE html><html lang=\"" + locale.getLanguage() + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<meta name=\"referrer\" content=\"no-referrer\">"
                + "<title>" + Html.escape(title) + " — Spotlink</title><style>" + CSS + "</style></head><body>"
                + "<header><div class=\"in\"><a class=\"lang\" id=\"lang\" href=\"?lang=" + other + "\" lang=\""
                + other + "\">" + e("setup.language.switch") + "</a><h1>" + e("setup.title") + "</h1>" + nav
                + "</div></header><main>" + body + "</main></body></html>";
    }

    /** A POST form to {@code /setup/{step}} carrying the session's CSRF token. */
    String form(String step, String csrf, String content) {
        return "<form method=\"post\" action=\"/setup/" + step + "\" accept-charset=\"utf-8\">"
                + "<input type=\"hidden\" name=\"csrf\" value=\"" + Html.escape(csrf) + "\">" + content + "</form>";
    }

    /** A labelled input with its help text and, when {@code error} is non-null, the error right under it. */
    String field(String name, String type, String value, String placeholder, String label, String help,
                 String error) {
        StringBuilder sb = new StringBuilder("<label for=\"").append(name).append("\">").append(Html.escape(label))
                .append("</label><input id=\"").append(name).append("\" name=\"").append(name)
                .append("\" type=\"").append(type).append("\" value=\"").append(Html.escape(value))
                .append("\" autocomplete=\"off\" spellcheck=\"false\" autocapitalize=\"off\"");
        if (placeholder != null && !placeholder.isEmpty()) {
            sb.append(" placeholder=\"").append(Html.escape(placeholder)).append('"');
        }
        sb.append(" aria-describedby=\"help-").append(name).append(" error-").append(name).append('"');
        if (error != null) {
            sb.append(" aria-invalid=\"true\"");
        }
        sb.append('>');
        if (error != null) {
            sb.append("<p class=\"error\" id=\"error-").append(name).append("\" role=\"alert\">")
                    .append(Html.escape(error)).append("</p>");
        }
        if (help != null) {
            sb.append("<p class=\"help\" id=\"help-").append(name).append("\">").append(help).append("</p>");
        }
        return sb.toString();
    }

    /** A password input that never shows the saved value: its placeholder says whether one is saved. */
    String secretField(String name, boolean saved, String label, String help, String error) {
        // the placeholder may be cut short on a phone: the help line says it in full
        return field(name, "password", "", saved ? t("setup.secret.saved") : "", label,
                saved ? e("setup.secret.saved") + (help == null ? "" : " " + help) : help, error);
    }

    String button(String action, String labelKey, boolean secondary) {
        return "<button type=\"submit\" name=\"action\" value=\"" + action + "\""
                + (secondary ? " class=\"secondary\"" : "") + " id=\"" + action + "\">" + e(labelKey) + "</button>";
    }

    /** A link styled as the main button, to the next step. */
    String next(String step) {
        return "<a class=\"button\" id=\"next\" href=\"/setup/" + step + "\">" + e("setup.button.continue")
                + "</a>";
    }

    static String link(String url, String text) {
        return "<a href=\"" + Html.escape(url) + "\" rel=\"noreferrer noopener\" target=\"_blank\">"
                + Html.escape(text) + "</a>";
    }
}
