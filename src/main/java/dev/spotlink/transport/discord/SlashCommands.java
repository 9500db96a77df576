package dev.spotlink.transport.discord;

import dev.spotlink.command.CommandSpec;
import dev.spotlink.command.OptionSpec;
import dev.spotlink.i18n.Messages;
import java.util.List;
import java.util.Locale;
import net.dv8tion.jda.api.interactions.DiscordLocale;
import net.dv8tion.jda.api.interactions.IntegrationType;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.Command;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;

/**
 * Builds Discord slash-command definitions from the core's {@link CommandSpec}s: English descriptions with a
 * localization per other supported language, options typed natively, installable to servers and to users and
 * usable in servers, the bot's DM and other private channels. Names stay English: the help texts and the text
 * transports refer to {@code /link}, {@code /nowplaying} in every language.
 */
final class SlashCommands {

    /** Discord refuses descriptions longer than this. */
    static final int DESCRIPTION_MAX = 100;
    private static final int CHOICE_NAME_MAX = 100;
    /** Largest value the core's integer check accepts (nine digits). */
    private static final long MAX_INTEGER = 999_999_999L;

    private final Messages messages;

    SlashCommands(Messages messages) {
        this.messages = messages;
    }

    List<CommandData> build(List<CommandSpec> specs) {
        return specs.stream().<CommandData>map(this::command).toList();
    }

    private SlashCommandData command(CommandSpec spec) {
        SlashCommandData command = Commands.slash(spec.name(), text(Locale.ENGLISH, spec.descriptionKey()))
                .setIntegrationTypes(IntegrationType.GUILD_INSTALL, IntegrationType.USER_INSTALL)
                .setContexts(InteractionContextType.GUILD, InteractionContextType.BOT_DM,
                        InteractionContextType.PRIVATE_CHANNEL);
        for (Locale locale : otherLocales()) {
            command.setDescriptionLocalization(DiscordLocale.from(locale), text(locale, spec.descriptionKey()));
        }
        for (OptionSpec option : spec.options()) {
            command.addOptions(option(option));
        }
        return command;
    }

    private OptionData option(OptionSpec spec) {
        OptionType type = switch (spec.type()) {
            case STRING -> OptionType.STRING;
            case USER -> OptionType.USER;
            case INTEGER -> OptionType.INTEGER;
        };
        // every core option is optional: the commands have a sensible default for each
        OptionData option = new OptionData(type, spec.name(), text(Locale.ENGLISH, spec.descriptionKey()), false);
        for (Locale locale : otherLocales()) {
            option.setDescriptionLocalization(DiscordLocale.from(locale), text(locale, spec.descriptionKey()));
        }
        if (type == OptionType.INTEGER) {
            // a loose range: the core checks the real one and explains it in the user's language
            option.setRequiredRange(0, MAX_INTEGER);
        }
        for (String value : spec.choices()) {
            option.addChoices(choice(spec, value));
        }
        return option;
    }

    /** A fixed value with a localized label, e.g. {@code bars: white} shown as "белые" to Russian users. */
    private Command.Choice choice(OptionSpec option, String value) {
        String key = "discord.choice." + option.name() + "." + value;
        if (!messages.has(key)) {
            return new Command.Choice(value, value);
        }
        Command.Choice choice = new Command.Choice(cut(messages.get(Locale.ENGLISH, key), CHOICE_NAME_MAX), value);
        for (Locale locale : otherLocales()) {
            choice.setNameLocalization(DiscordLocale.from(locale), cut(messages.get(locale, key), CHOICE_NAME_MAX));
        }
        return choice;
    }

    private String text(Locale locale, String key) {
        return cut(messages.get(locale, key), DESCRIPTION_MAX);
    }

    private static List<Locale> otherLocales() {
        return Messages.SUPPORTED.stream().filter(l -> !l.getLanguage().equals("en")).toList();
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
