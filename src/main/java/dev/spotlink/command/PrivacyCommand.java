package dev.spotlink.command;

import dev.spotlink.domain.LinkedAccount;
import dev.spotlink.i18n.Messages;
import dev.spotlink.store.LinkedAccountRepository;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code /privacy [sharing:on|off]}: whether others may see your listening; without an option, shows the setting. */
public final class PrivacyCommand implements Command {

    private static final CommandSpec SPEC = new CommandSpec("privacy", "command.privacy.description",
            List.of(new OptionSpec("sharing", "option.sharing.description", OptionSpec.Type.STRING, true,
                    List.of("on", "off"))), false);

    private final AccountAccess access;
    private final LinkedAccountRepository accounts;
    private final Messages messages;

    public PrivacyCommand(AccountAccess access, LinkedAccountRepository accounts, Messages messages) {
        this.access = access;
        this.accounts = accounts;
        this.messages = messages;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public void execute(CommandContext context, CommandArgs args) {
        Locale locale = context.locale();
        Optional<LinkedAccount> account = access.own(context);
        if (account.isEmpty()) {
            return;
        }
        Optional<String> choice = args.get("sharing").map(v -> v.toLowerCase(Locale.ROOT));
        boolean sharing = choice.map("on"::equals).orElse(account.get().sharingEnabled());
        if (choice.isPresent()) {
            accounts.setSharing(context.user(), sharing);
        }
        String key = sharing ? "privacy.sharing-on" : "privacy.sharing-off";
        context.replyPrivately(Reply.text(messages.get(locale, key)
                + (choice.isEmpty() ? "\n" + messages.get(locale, "privacy.how-to-change") : "")));
    }
}
