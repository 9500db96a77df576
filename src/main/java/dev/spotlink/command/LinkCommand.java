package dev.spotlink.command;

import dev.spotlink.i18n.Messages;
import dev.spotlink.link.AdminAlerts;
import dev.spotlink.link.AdminAppLimit;
import dev.spotlink.link.LinkService;
import dev.spotlink.link.OwnAppGuide;
import dev.spotlink.link.PasteBack;
import dev.spotlink.spotify.SpotifyClientIds;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code /link [app:<client id>|own]}: a private, personal, expiring Spotify authorize link — through the admin's
 * Spotify app, or, with {@code app:}, through the member's own app ({@code app:own} shows how to create one).
 * When the admin's app already serves all the users Spotify allows, the member is offered their own app instead
 * and the admin is told. With {@code link.paste-back} on, the answer also says that the browser will end on an
 * error page whose address is to be sent back ({@link PasteBack}).
 */
public final class LinkCommand implements Command {

    /** The {@code app:} value that asks for the steps instead of naming a client id. */
    static final String GUIDE_WORD = "own";
    private static final CommandSpec SPEC = new CommandSpec("link", "command.link.description",
            List.of(OptionSpec.text("app", "option.app.description")), false);

    private final LinkService links;
    private final AdminAppLimit limit;
    private final AdminAlerts alerts;
    private final OwnAppGuide guide;
    private final PasteBack pasteBack;
    private final Messages messages;

    public LinkCommand(LinkService links, AdminAppLimit limit, AdminAlerts alerts, OwnAppGuide guide,
                       PasteBack pasteBack, Messages messages) {
        this.links = links;
        this.limit = limit;
        this.alerts = alerts;
        this.guide = guide;
        this.pasteBack = pasteBack;
        this.messages = messages;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public void execute(CommandContext context, CommandArgs args) {
        Locale locale = context.locale();
        Optional<String> app = args.get("app");
        if (app.isPresent()) {
            ownApp(context, app.get());
        } else if (limit.fullFor(context.user())) {
            alerts.turnedAway(context.user(), AdminAlerts.Kind.APP_FULL);
            context.replyPrivately(links.ownAppAllowed() ? guide.reply(locale, "link.admin-app-full")
                    : Reply.error(messages.get(locale, "link.admin-app-full.ask-admin")));
        } else {
            String hint = links.ownAppAllowed() ? "\n\n" + messages.get(locale, "link.own-app.hint") : "";
            reply(context, links.startLink(context.user(), locale), "link.instructions", hint);
        }
    }

    private void ownApp(CommandContext context, String value) {
        Locale locale = context.locale();
        if (!links.ownAppAllowed()) {
            context.replyPrivately(Reply.error(messages.get(locale, "link.own-app.disabled")));
            return;
        }
        if (value.strip().equalsIgnoreCase(GUIDE_WORD)) {
            context.replyPrivately(guide.reply(locale, "link.own-app.intro"));
            return;
        }
        // Never quote the value back: in a Telegram group an error is answered in place, for all to read.
        Optional<String> clientId = SpotifyClientIds.parse(value);
        if (clientId.isEmpty()) {
            context.replyPrivately(Reply.error(messages.get(locale, "link.own-app.invalid")));
            return;
        }
        if (clientId.get().equals(links.adminClientId())) {
            // the admin's own client id given as "my app": the ordinary link, with its limit
            execute(context, CommandArgs.NONE);
            return;
        }
        reply(context, links.startLink(context.user(), locale, clientId.get()), "link.own-app.instructions", "");
    }

    private void reply(CommandContext context, URI authorize, String instructionsKey, String hint) {
        Locale locale = context.locale();
        String body = messages.get(locale, instructionsKey, links.linkTtl().toMinutes());
        String replaces = links.currentLink(context.user())
                .map(current -> "\n" + messages.get(locale, "link.replaces", current.shownName()))
                .orElse("");
        Reply.Builder answer = Reply.builder().button(messages.get(locale, "link.button"), authorize.toString());
        String pasteBackSteps = "";
        if (pasteBack.enabled()) {
            pasteBackSteps = "\n\n" + pasteBack.instructions(locale);
            answer.pasteBack(pasteBack.buttonLabel(locale));
        }
        context.replyPrivately(answer.body(body + replaces + pasteBackSteps + hint).build());
    }
}
