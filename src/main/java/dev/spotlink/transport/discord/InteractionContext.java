package dev.spotlink.transport.discord;

import dev.spotlink.command.ChatMembers;
import dev.spotlink.command.CommandContext;
import dev.spotlink.command.Reply;
import dev.spotlink.domain.ChatUser;
import dev.spotlink.domain.Platform;
import java.util.Locale;
import java.util.Optional;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.requests.RestAction;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One slash-command invocation as the core sees it, and the bookkeeping Discord's interaction model needs: the
 * first answer is the interaction response (or an edit of the deferred one), later answers are follow-ups.
 *
 * <p>The event thread (defer), the ack watchdog (defer) and the command's worker thread (answers) race for the
 * first response; a state change under this object's lock decides who wins, and the REST call happens after the
 * lock is released so a slow Discord never blocks the watchdog. JDA holds follow-ups and edits until the
 * acknowledgement has gone out, which keeps the order right.
 */
final class InteractionContext implements CommandContext {

    private static final Logger log = LoggerFactory.getLogger(InteractionContext.class);

    private enum State { NEW, DEFERRED_PUBLIC, DEFERRED_PRIVATE, ANSWERED, FINISHED }

    private final SlashCommandInteractionEvent event;
    private final ChatUser user;
    private final Locale locale;
    private final boolean publicChannel;
    private final ReplyRenderer renderer;
    private final GuildMemberships memberships;
    private State state = State.NEW;

    InteractionContext(SlashCommandInteractionEvent event, Locale locale, ReplyRenderer renderer,
                       GuildMemberships memberships) {
        this.event = event;
        this.user = new ChatUser(Platform.DISCORD, event.getUser().getId());
        this.locale = locale;
        // a group DM or a DM between two people (user-installed app) is read by others too: only our own DM is private
        this.publicChannel = event.getContext() != InteractionContextType.BOT_DM;
        this.renderer = renderer;
        this.memberships = memberships;
    }

    @Override
    public ChatUser user() {
        return user;
    }

    @Override
    public Locale locale() {
        return locale;
    }

    @Override
    public boolean isPublicChannel() {
        return publicChannel;
    }

    /** In a server the bot is in, its members; elsewhere (DMs, a user-installed app) none to check. */
    @Override
    public Optional<ChatMembers> chatMembers() {
        return event.isFromGuild() && event.getContext() == InteractionContextType.GUILD
                ? memberships.of(event.getGuild(), user) : Optional.empty();
    }

    @Override
    public void reply(Reply reply) {
        // errors stay between the bot and the user who ran the command
        send(reply, reply.error());
    }

    @Override
    public void replyPrivately(Reply reply) {
        send(reply, true);
    }

    /** Acknowledges with "thinking…" unless an answer went out already. Never blocks. */
    void defer(boolean ephemeral) {
        synchronized (this) {
            if (state != State.NEW) {
                return;
            }
            state = ephemeral ? State.DEFERRED_PRIVATE : State.DEFERRED_PUBLIC;
        }
        event.deferReply(ephemeral).queue(null, e -> log.warn("Could not acknowledge /{} for {}",
                event.getName(), user, e));
    }

    /** Answers without blocking the calling thread (the event thread, when the executor is full). */
    void replyPrivatelyAsync(Reply reply) {
        RestAction<?> action = answer(reply, true);
        if (action != null) {
            action.queue(null, e -> log.warn("Could not answer /{} for {}", event.getName(), user, e));
        }
    }

    /**
     * Called when the command returned: a deferral nobody answered would show "thinking…" until Discord gives
     * up, so it is removed; a watchdog firing later finds nothing to do.
     */
    void finish() {
        boolean deferredButUnanswered;
        synchronized (this) {
            deferredButUnanswered = state == State.DEFERRED_PUBLIC || state == State.DEFERRED_PRIVATE;
            state = State.FINISHED;
        }
        if (deferredButUnanswered) {
            log.warn("/{} for {} returned without an answer", event.getName(), user);
            event.getHook().deleteOriginal().queue(null, e -> log.debug("Could not delete deferral", e));
        }
    }

    private void send(Reply reply, boolean privately) {
        RestAction<?> action = answer(reply, privately);
        if (action == null) {
            return;
        }
        try {
            action.complete();
        } catch (RuntimeException e) {
            // e.g. the 15 minutes of the interaction token ran out: nothing else can reach this user now
            log.warn("Could not answer /{} for {}", event.getName(), user, e);
        }
    }

    /** The REST call that delivers {@code reply} given what was sent before; null when it is too late. */
    private RestAction<?> answer(Reply reply, boolean privately) {
        State before;
        synchronized (this) {
            before = state;
            if (state != State.FINISHED) {
                state = State.ANSWERED;
            }
        }
        if (before == State.FINISHED) {
            log.warn("/{} for {} answered after it finished; dropped", event.getName(), user);
            return null;
        }
        MessageCreateData data = renderer.render(reply);
        InteractionHook hook = event.getHook();
        return switch (before) {
            case NEW -> event.reply(data).setEphemeral(privately);
            case DEFERRED_PUBLIC, DEFERRED_PRIVATE -> {
                boolean deferredPrivately = before == State.DEFERRED_PRIVATE;
                if (deferredPrivately == privately) {
                    yield hook.editOriginal(MessageEditData.fromCreateData(data));
                }
                // Visibility is fixed by the deferral: swap the "thinking…" message for a follow-up that has the
                // visibility we need (a public card after a private deferral, or a private error after a public one).
                yield hook.deleteOriginal().flatMap(ignored -> hook.sendMessage(data).setEphemeral(privately));
            }
            case ANSWERED, FINISHED -> hook.sendMessage(data).setEphemeral(privately);
        };
    }
}
