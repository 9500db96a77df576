package dev.spotlink.command;

import dev.spotlink.i18n.Messages;
import dev.spotlink.link.LinkService;
import java.util.List;

/** {@code /unlink}: forgets the user's tokens and says how to revoke the app on Spotify's side too. */
public final class UnlinkCommand implements Command {

    static final String REVOKE_URL = "https://www.spotify.com/account/apps/";
    private static final CommandSpec SPEC = new CommandSpec("unlink", "command.unlink.description", List.of(), false);

    private final LinkService links;
    private final Messages messages;

    public UnlinkCommand(LinkService links, Messages messages) {
        this.links = links;
        this.messages = messages;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public void execute(CommandContext context, CommandArgs args) {
        boolean removed = links.unlink(context.user());
        String key = removed ? "unlink.done" : "unlink.not-linked";
        context.replyPrivately(Reply.builder()
                .body(messages.get(context.locale(), key, REVOKE_URL))
                .button(messages.get(context.locale(), "unlink.revoke-button"), REVOKE_URL)
                .build());
    }
}
