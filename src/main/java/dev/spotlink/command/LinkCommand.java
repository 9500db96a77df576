package dev.spotlink.command;

import dev.spotlink.i18n.Messages;
import dev.spotlink.link.LinkService;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/** {@code /link}: a private, personal, expiring Spotify authorize link. */
public final class LinkCommand implements Command {

    private static final CommandSpec SPEC = new CommandSpec("link", "command.link.description", List.of(), false);

    private final LinkService links;
    private final Messages messages;

    public LinkCommand(LinkService links, Messages messages) {
        this.links = links;
        this.messages = messages;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public void execute(CommandContext context, CommandArgs args) {
        Locale locale = context.locale();
        URI authorize = links.startLink(context.user(), locale);
        String body = messages.get(locale, "link.instructions", links.linkTtl().toMinutes());
        String replaces = links.currentLink(context.user())
                .map(current -> "\n" + messages.get(locale, "link.replaces", current.shownName()))
                .orElse("");
        context.replyPrivately(Reply.builder()
                .body(body + replaces)
                .button(messages.get(locale, "link.button"), authorize.toString())
                .build());
    }
}
