package dev.spotlink.transport.discord;

import dev.spotlink.i18n.Messages;
import java.util.Locale;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.components.label.Label;
import net.dv8tion.jda.api.components.textinput.TextInput;
import net.dv8tion.jda.api.components.textinput.TextInputStyle;
import net.dv8tion.jda.api.interactions.modals.ModalInteraction;
import net.dv8tion.jda.api.interactions.modals.ModalMapping;
import net.dv8tion.jda.api.modals.Modal;

/**
 * Discord's way to paste the address back ({@code link.paste-back}): slash commands take no free text afterwards,
 * so the {@code /link} answer carries a button that opens a form (a modal) with one text field for the address.
 * What is typed there reaches only the bot, wherever the button was pressed.
 */
final class PasteBackForm {

    /** The button's custom id, and the form's. */
    static final String ID = "spotlink:paste-back";
    /** The text field's custom id. */
    static final String FIELD = "address";
    /** Room for any address Spotify redirects to (Discord allows 4000 in a text field). */
    static final int MAX_LENGTH = TextInput.MAX_VALUE_LENGTH;

    private PasteBackForm() {
    }

    /** The button on the {@code /link} answer. */
    static Button button(String label) {
        return Button.primary(ID, ReplyRenderer.truncate(label, Button.LABEL_MAX_LENGTH));
    }

    /** The form the button opens, in the member's language. */
    static Modal modal(Messages messages, Locale locale) {
        TextInput field = TextInput.create(FIELD, TextInputStyle.PARAGRAPH)
                .setRequired(true)
                .setMaxLength(MAX_LENGTH)
                .setPlaceholder("http://127.0.0.1:…/callback?code=…&state=…")
                .build();
        return Modal.create(ID, messages.get(locale, "discord.paste-back.title"))
                .addComponents(Label.of(messages.get(locale, "discord.paste-back.label"), field))
                .build();
    }

    /** What was typed into the form's field ("" when it is missing). */
    static String typed(ModalInteraction submitted) {
        ModalMapping value = submitted.getValue(FIELD);
        return value == null ? "" : value.getAsString();
    }
}
