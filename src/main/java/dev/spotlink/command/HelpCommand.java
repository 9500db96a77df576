package dev.spotlink.command;

import dev.spotlink.i18n.Messages;
import java.util.List;
import java.util.Locale;

/** {@code /help}: what the bot does, how to link, and every command with its description. */
public final class HelpCommand implements Command {

    private static final CommandSpec SPEC = new CommandSpec("help", "command.help.description", List.of(), false);

    private final Messages messages;
    private final List<CommandSpec> others;

    /** @param others the specs of the other registered commands, listed in this order */
    public HelpCommand(Messages messages, List<CommandSpec> others) {
        this.messages = messages;
        this.others = List.copyOf(others);
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public void execute(CommandContext context, CommandArgs args) {
        Locale locale = context.locale();
        StringBuilder text = new StringBuilder(messages.get(locale, "help.intro")).append("\n\n");
        for (CommandSpec spec : others) {
            text.append(usage(spec)).append(" — ").append(messages.get(locale, spec.descriptionKey())).append('\n');
        }
        text.append(usage(SPEC)).append(" — ").append(messages.get(locale, SPEC.descriptionKey())).append("\n\n");
        text.append(messages.get(locale, "help.options"));
        context.replyPrivately(Reply.text(text.toString()));
    }

    private static String usage(CommandSpec spec) {
        StringBuilder usage = new StringBuilder("/").append(spec.name());
        for (OptionSpec option : spec.options()) {
            usage.append(' ').append(option.positional() ? "[" + option.name() + "]" : "[" + option.name() + ":…]");
        }
        return usage.toString();
    }
}
