package dev.spotlink.transport.discord;

import dev.spotlink.command.Command;
import dev.spotlink.command.CommandArgs;
import dev.spotlink.command.CommandRegistry;
import dev.spotlink.command.Reply;
import dev.spotlink.domain.ChatUser;
import dev.spotlink.domain.Platform;
import dev.spotlink.i18n.Messages;
import dev.spotlink.link.CallbackAddress;
import dev.spotlink.link.PasteBack;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.utils.messages.MessageEditData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives slash commands on JDA's event thread and hands them to the bounded worker pool at once, so one slow
 * or failing command never holds up the others. Commands that call Spotify are deferred immediately; the others
 * usually answer within milliseconds, and a watchdog defers them (privately: they answer privately) if they do
 * not answer in time. Discord drops an interaction that is not acknowledged within 3 seconds. The paste-back
 * button of a {@code /link} answer opens {@link PasteBackForm}; the submitted address completes the link on a worker.
 */
final class InteractionHandler extends ListenerAdapter {

    private static final Logger log = LoggerFactory.getLogger(InteractionHandler.class);

    private final CommandRegistry registry;
    private final Messages messages;
    private final ReplyRenderer renderer;
    private final ExecutorService workers;
    private final ScheduledExecutorService watchdog;
    private final Duration ackAfter;
    private final Consumer<JDA> onReady;
    private final Optional<PasteBack> pasteBack;
    private final GuildMemberships memberships;

    /** @param pasteBack where addresses submitted in {@link PasteBackForm} go; empty when none are taken */
    InteractionHandler(CommandRegistry registry, Messages messages, ReplyRenderer renderer, ExecutorService workers,
                       ScheduledExecutorService watchdog, Duration ackAfter, Consumer<JDA> onReady,
                       Optional<PasteBack> pasteBack, GuildMemberships memberships) {
        this.memberships = memberships;
        this.registry = registry;
        this.messages = messages;
        this.renderer = renderer;
        this.workers = workers;
        this.watchdog = watchdog;
        this.ackAfter = ackAfter;
        this.onReady = onReady;
        this.pasteBack = pasteBack;
    }

    @Override
    public void onReady(ReadyEvent event) {
        onReady.accept(event.getJDA());
    }

    @Override
    public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
        Locale locale = messages.resolve(event.getUserLocale().getLocale());
        InteractionContext context = new InteractionContext(event, locale, renderer, memberships);
        Optional<Command> command = registry.find(event.getName());
        if (command.isEmpty()) {
            // a command registered by an older version that this one no longer has
            log.info("Unknown slash command /{} from {}", event.getName(), context.user());
            context.replyPrivatelyAsync(Reply.error(messages.get(locale, "error.command.unknown",
                    "/" + event.getName())));
            return;
        }
        boolean callsSpotify = command.get().spec().callsSpotify();
        if (callsSpotify) {
            context.defer(false);
        }
        CommandArgs args = args(event);
        try {
            workers.execute(() -> run(command.get(), context, args));
        } catch (RejectedExecutionException e) {
            log.warn("All Discord command workers busy and the queue full: /{} from {} refused",
                    event.getName(), context.user());
            context.replyPrivatelyAsync(Reply.error(messages.get(locale, "discord.busy")));
            return;
        }
        if (!callsSpotify) {
            try {
                watchdog.schedule(() -> context.defer(true), ackAfter.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                log.debug("Watchdog stopped (shutting down); /{} not guarded", event.getName());
            }
        }
    }

    @Override
    public void onButtonInteraction(ButtonInteractionEvent event) {
        if (!PasteBackForm.ID.equals(event.getComponentId())) {
            return; // not a button of ours: the link buttons open URLs and send nothing
        }
        Locale locale = messages.resolve(event.getUserLocale().getLocale());
        event.replyModal(PasteBackForm.modal(messages, locale)).queue(null,
                e -> log.warn("Could not open the paste-back form for {}", event.getUser().getId(), e));
    }

    @Override
    public void onModalInteraction(ModalInteractionEvent event) {
        if (!PasteBackForm.ID.equals(event.getModalId())) {
            return;
        }
        Locale locale = messages.resolve(event.getUserLocale().getLocale());
        ChatUser user = new ChatUser(Platform.DISCORD, event.getUser().getId());
        if (pasteBack.isEmpty() || !pasteBack.get().enabled()) {
            // a button from before link.paste-back was switched off
            event.reply(renderer.render(Reply.error(messages.get(locale, "link.paste-back.off")))).setEphemeral(true)
                    .queue(null, e -> log.warn("Could not answer the paste-back form of {}", user, e));
            return;
        }
        PasteBack paste = pasteBack.get();
        Optional<CallbackAddress> address = paste.recognize(PasteBackForm.typed(event));
        if (address.isEmpty()) {
            event.reply(renderer.render(paste.notAnAddress(locale))).setEphemeral(true)
                    .queue(null, e -> log.warn("Could not answer the paste-back form of {}", user, e));
            return;
        }
        // the exchange with Spotify may take longer than the 3 seconds Discord waits for an acknowledgement
        event.deferReply(true).queue(null, e -> log.warn("Could not acknowledge the paste-back form of {}", user, e));
        try {
            workers.execute(() -> event.getHook().editOriginal(MessageEditData.fromCreateData(renderer.render(
                    paste.complete(user, locale, address.get())))).queue(null,
                    e -> log.warn("Could not answer the paste-back form of {}", user, e)));
        } catch (RejectedExecutionException e) {
            log.warn("All Discord command workers busy and the queue full: the paste-back of {} refused", user);
            event.getHook().editOriginal(MessageEditData.fromCreateData(renderer.render(
                    Reply.error(messages.get(locale, "discord.busy"))))).queue();
        }
    }

    private void run(Command command, InteractionContext context, CommandArgs args) {
        try {
            registry.execute(command, context, args);
        } catch (RuntimeException e) {
            // the registry never throws by contract; this guards the worker and the user against a broken one
            log.error("Command /{} failed for {}", command.spec().name(), context.user(), e);
            context.replyPrivately(Reply.error(messages.get(context.locale(), "error.internal")));
        } finally {
            context.finish();
        }
    }

    /** Option values as the core expects them: raw strings by name; a user option gives the user's id. */
    static CommandArgs args(SlashCommandInteractionEvent event) {
        Map<String, String> values = new LinkedHashMap<>();
        for (OptionMapping option : event.getOptions()) {
            values.put(option.getName(), option.getAsString());
        }
        return new CommandArgs(values);
    }
}
