package dev.spotlink.admin.setup;

import dev.spotlink.config.ConfigKey;
import dev.spotlink.config.PasteBackMode;
import dev.spotlink.web.Html;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The set-up steps as HTML: the public address, the Spotify app, Discord, Telegram, and the summary that saves.
 * {@code errors} maps a form field to the message shown right under it.
 */
final class SetupPages {

    static final String DASHBOARD = "https://developer.spotify.com/dashboard";
    static final String DISCORD_APPS = "https://discord.com/developers/applications";

    private final SetupLayout l;
    private final String csrf;

    SetupPages(SetupLayout layout, String csrf) {
        this.l = layout;
        this.csrf = csrf;
    }

    /**
     * Two ways, the first recommended for a machine without a domain: no public address (a loopback redirect URI;
     * members paste back the address their browser ends on), or a public https address.
     */
    String address(SetupDraft d, Map<String, String> errors, String typed) {
        String pasteBackUri = d.localAddress() + SetupDraft.CALLBACK_PATH;
        String pasteBack = "<h3>" + l.e("setup.address.paste-back.title") + " <span class=\"tag\">"
                + l.e("setup.address.paste-back.recommended") + "</span></h3><p>"
                + l.e("setup.address.paste-back.how") + "</p><p>" + l.e("setup.address.paste-back.uri")
                + " <code id=\"paste-back-uri\">" + Html.escape(pasteBackUri) + "</code></p>"
                + l.form("address", csrf, l.button("paste-back", "setup.button.paste-back", false));
        String publicAddress = "<h3>" + l.e("setup.address.public.title") + "</h3><p>" + l.e("setup.address.intro")
                + "</p>"
                + l.form("address", csrf, l.field("address", "url", typed != null ? typed : d.publicAddress(),
                        d.localAddress(), l.t("setup.address.label"), l.e("setup.address.help", d.localAddress()),
                        errors.get("address"))
                + l.button("save", "setup.button.save-continue", false));
        String body = "<div class=\"choice\" id=\"choice-paste-back\">" + pasteBack + "</div>"
                + "<div class=\"choice\" id=\"choice-public\">" + publicAddress + "</div>"
                + "<p>" + l.e("setup.address.current") + " <code id=\"redirect-uri\">"
                + Html.escape(d.redirectUri()) + "</code></p>";
        return l.page(l.t("setup.step.address"), "address", card("setup.step.address", body));
    }

    String spotify(SetupDraft d, Map<String, String> errors, String typedId) {
        StringBuilder sb = new StringBuilder();
        sb.append("<p>").append(l.e("setup.spotify.register")).append("</p><code class=\"uri\" id=\"redirect-uri\">")
                .append(Html.escape(d.redirectUri())).append("</code><p class=\"help\">")
                .append(l.e("setup.spotify.rules")).append("</p>");
        if (loopback(d.redirectUri())) {
            sb.append("<p class=\"help\" id=\"paste-back\">").append(l.e("setup.spotify.paste-back")).append("</p>");
        }
        sb.append("<ol><li>")
                .append(l.e("setup.spotify.how.open")).append(' ').append(SetupLayout.link(DASHBOARD, DASHBOARD))
                .append("</li><li>").append(l.e("setup.spotify.how.create")).append("</li><li>")
                .append(l.e("setup.spotify.how.api")).append("</li><li>").append(l.e("setup.spotify.how.copy"))
                .append("</li></ol><p><strong>").append(l.e("setup.spotify.allowlist.title")).append("</strong> ")
                .append(l.e("setup.spotify.allowlist")).append("</p>");
        String fields = l.field("client_id", "text", typedId != null ? typedId
                        : d.value(ConfigKey.SPOTIFY_CLIENT_ID).orElse(""), "", l.t("setup.spotify.client-id"), null,
                errors.get("client_id"))
                + l.secretField("client_secret", d.hasSecret(ConfigKey.SPOTIFY_CLIENT_SECRET),
                l.t("setup.spotify.client-secret"), null, errors.get("client_secret"))
                + l.button("save", "setup.button.check-save", false);
        sb.append(l.form("spotify", csrf, fields));
        if (d.isSpotifyVerified()) {
            sb.append("<p class=\"ok\" id=\"status\">").append(l.e("setup.spotify.ok")).append("</p>")
                    .append(l.next("discord"));
        }
        return l.page(l.t("setup.step.spotify"), "spotify", card("setup.step.spotify", sb.toString()));
    }

    String discord(SetupDraft d, Map<String, String> errors) {
        boolean saved = d.hasSecret(ConfigKey.DISCORD_TOKEN);
        StringBuilder sb = new StringBuilder("<p>").append(l.e("setup.optional")).append("</p><ol><li>")
                .append(l.e("setup.discord.how.open")).append(' ')
                .append(SetupLayout.link(DISCORD_APPS, DISCORD_APPS)).append("</li><li>")
                .append(l.e("setup.discord.how.token")).append("</li><li>").append(l.e("setup.discord.how.intents"))
                .append("</li></ol>");
        sb.append(l.form("discord", csrf, l.secretField("discord_token", saved, l.t("setup.discord.token"), null,
                errors.get("discord_token")) + l.button("save", "setup.button.check-save", false)
                + (saved ? l.button("remove", "setup.button.remove-discord", true) : "")));
        d.discordBot().ifPresent(bot -> {
            String invite = "https://discord.com/oauth2/authorize?client_id=" + bot.id()
                    + "&scope=bot+applications.commands&permissions=0";
            String install = "https://discord.com/oauth2/authorize?client_id=" + bot.id()
                    + "&integration_type=1&scope=applications.commands";
            sb.append("<p class=\"ok\" id=\"status\">").append(l.e("setup.discord.ok", bot.name()))
                    .append("</p><ul><li>").append(l.e("setup.discord.invite")).append("<br><code id=\"invite\">")
                    .append(SetupLayout.link(invite, invite)).append("</code></li><li>")
                    .append(l.e("setup.discord.user-install")).append("<br><code id=\"user-install\">")
                    .append(SetupLayout.link(install, install)).append("</code></li></ul>");
        });
        if (saved && d.discordBot().isEmpty()) {
            sb.append("<p class=\"help\">").append(l.e("setup.token.saved-unchecked")).append("</p>");
        }
        sb.append(l.next("telegram"));
        return l.page(l.t("setup.step.discord"), "discord", card("setup.step.discord", sb.toString()));
    }

    String telegram(SetupDraft d, Map<String, String> errors) {
        boolean saved = d.hasSecret(ConfigKey.TELEGRAM_TOKEN);
        StringBuilder sb = new StringBuilder("<p>").append(l.e("setup.optional")).append("</p><ol><li>")
                .append(l.e("setup.telegram.how.newbot")).append("</li><li>").append(l.e("setup.telegram.how.token"))
                .append("</li></ol>");
        sb.append(l.form("telegram", csrf, l.secretField("telegram_token", saved, l.t("setup.telegram.token"),
                null, errors.get("telegram_token")) + l.button("save", "setup.button.check-save", false)
                + (saved ? l.button("remove", "setup.button.remove-telegram", true) : "")));
        d.telegramBot().ifPresent(bot -> sb.append("<p class=\"ok\" id=\"status\">")
                .append(l.e("setup.telegram.ok", "@" + bot.name())).append("</p><p>")
                .append(l.e("setup.telegram.inline", "@" + bot.name())).append("</p>"));
        if (saved && d.telegramBot().isEmpty()) {
            sb.append("<p class=\"help\">").append(l.e("setup.token.saved-unchecked")).append("</p>");
        }
        sb.append(l.next("finish"));
        return l.page(l.t("setup.step.telegram"), "telegram", card("setup.step.telegram", sb.toString()));
    }

    String finish(SetupDraft d, Path configFile, List<String> problems) {
        StringBuilder sb = new StringBuilder("<table>");
        row(sb, "setup.finish.redirect-uri", "<code>" + Html.escape(d.redirectUri()) + "</code>");
        row(sb, "setup.step.spotify", d.spotifyComplete()
                ? Html.escape(d.value(ConfigKey.SPOTIFY_CLIENT_ID).orElse("")) : l.e("setup.finish.missing"));
        row(sb, "setup.step.discord", platform(d.hasSecret(ConfigKey.DISCORD_TOKEN), d.discordBot(), ""));
        row(sb, "setup.step.telegram", platform(d.hasSecret(ConfigKey.TELEGRAM_TOKEN), d.telegramBot(), "@"));
        row(sb, "setup.finish.file", "<code>" + Html.escape(configFile.toString()) + "</code>");
        sb.append("</table>");
        if (!problems.isEmpty()) {
            sb.append("<div class=\"error\" id=\"error-finish\" role=\"alert\"><ul>");
            problems.forEach(p -> sb.append("<li>").append(Html.escape(p)).append("</li>"));
            sb.append("</ul></div>");
        }
        sb.append("<p class=\"help\">").append(l.e("setup.finish.help")).append("</p>");
        sb.append(l.form("finish", csrf, l.button("start", "setup.button.save-start", false)));
        return l.page(l.t("setup.step.finish"), "finish", card("setup.step.finish", sb.toString()));
    }

    String done(Path configFile, String healthUrl) {
        String body = "<p class=\"ok\" id=\"status\">" + l.e("setup.done.starting") + "</p><p>"
                + l.e("setup.done.saved", configFile.toString()) + "</p><p>" + l.e("setup.done.closed") + "</p><p>"
                + l.e("setup.done.health") + ' ' + SetupLayout.link(healthUrl, healthUrl) + "</p>";
        return l.page(l.t("setup.done.title"), null, card("setup.done.title", body));
    }

    private String platform(boolean on, java.util.Optional<SetupDraft.Bot> bot, String prefix) {
        if (!on) {
            return l.e("setup.finish.off");
        }
        return bot.map(b -> l.e("setup.finish.on-as", prefix + b.name())).orElse(l.e("setup.finish.on"));
    }

    /** Whether members will paste the address back with this redirect URI (a value from a file may not parse). */
    private static boolean loopback(String redirectUri) {
        try {
            return PasteBackMode.isLoopback(new URI(redirectUri));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private void row(StringBuilder sb, String key, String html) {
        sb.append("<tr><th scope=\"row\">").append(l.e(key)).append("</th><td>").append(html).append("</td></tr>");
    }

    private String card(String titleKey, String body) {
        return "<section class=\"card\"><h2>" + l.e(titleKey) + "</h2>" + body + "</section>";
    }
}
