package dev.spotlink.transport.discord;

import dev.spotlink.command.Notifier;
import dev.spotlink.command.Reply;
import dev.spotlink.domain.ChatUser;
import java.util.function.Supplier;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.requests.ErrorResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers later notifications ("linked as …") as a direct message. Best effort and asynchronous: the OAuth
 * callback page must not wait for Discord, and a user whose DMs are closed already saw the result on that page.
 */
final class DirectMessageNotifier implements Notifier {

    private static final Logger log = LoggerFactory.getLogger(DirectMessageNotifier.class);

    private final Supplier<JDA> jda;
    private final ReplyRenderer renderer;

    DirectMessageNotifier(Supplier<JDA> jda, ReplyRenderer renderer) {
        this.jda = jda;
        this.renderer = renderer;
    }

    @Override
    public void notify(ChatUser user, Reply reply) {
        JDA client = jda.get();
        if (client == null || client.getStatus() == JDA.Status.SHUTTING_DOWN
                || client.getStatus() == JDA.Status.SHUTDOWN) {
            log.info("Discord is not running: notification to {} dropped", user);
            return;
        }
        long userId;
        try {
            userId = Long.parseUnsignedLong(user.userId());
        } catch (NumberFormatException e) {
            log.warn("Not a Discord user id: {}; notification dropped", user);
            return;
        }
        client.openPrivateChannelById(userId)
                .flatMap(channel -> channel.sendMessage(renderer.render(reply)))
                .queue(sent -> log.debug("Notified {}", user), e -> failed(user, e));
    }

    private static void failed(ChatUser user, Throwable e) {
        if (e instanceof ErrorResponseException response
                && response.getErrorResponse() == ErrorResponse.CANNOT_SEND_TO_USER) {
            log.info("{} does not accept direct messages from the bot; they saw the result on the callback page",
                    user);
        } else {
            log.warn("Direct message to {} failed", user, e);
        }
    }
}
