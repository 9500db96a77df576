package dev.spotlink.transport.telegram;

import dev.spotlink.command.Command;
import dev.spotlink.command.CommandRegistry;
import dev.spotlink.i18n.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;

/**
 * The command menu Telegram shows: one {@code setMyCommands} per supported language, the fallback language
 * without {@code language_code} (Telegram's default for every other language).
 */
final class BotCommands {

    private static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,32}");
    private static final int DESCRIPTION_LIMIT = 256;

    private BotCommands() {
    }

    static List<SetMyCommands> menus(CommandRegistry registry, Messages messages) {
        List<SetMyCommands> menus = new ArrayList<>();
        for (Locale locale : Messages.SUPPORTED) {
            List<BotCommand> commands = new ArrayList<>();
            for (Command command : registry.commands()) {
                String name = command.spec().name();
                if (NAME.matcher(name).matches()) {
                    String description = messages.get(locale, command.spec().descriptionKey());
                    commands.add(new BotCommand(name, Html.clip(description, DESCRIPTION_LIMIT)));
                }
            }
            SetMyCommands.SetMyCommandsBuilder<?, ?> menu = SetMyCommands.builder().commands(commands);
            if (!locale.equals(Messages.SUPPORTED.get(0))) {
                menu.languageCode(locale.getLanguage());
            }
            menus.add(menu.build());
        }
        return menus;
    }
}
