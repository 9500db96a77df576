package dev.spotlink.command;

import dev.spotlink.domain.ChatUser;
import dev.spotlink.domain.Platform;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes a later notification to the transport of the user's platform, and notes for the admin to the admin
 * channels the transports were configured with. Transports register when they start.
 */
public final class Notifiers implements Notifier {

    private static final Logger log = LoggerFactory.getLogger(Notifiers.class);

    private final Map<Platform, Notifier> byPlatform = new ConcurrentHashMap<>();
    private final Map<Platform, Consumer<Reply>> adminChannels = new ConcurrentHashMap<>();

    public void register(Platform platform, Notifier notifier) {
        byPlatform.put(platform, notifier);
    }

    /** The platform's admin channel ({@code discord.admin-channel-id}, {@code telegram.admin-chat-id}). */
    public void registerAdminChannel(Platform platform, Consumer<Reply> channel) {
        adminChannels.put(platform, channel);
    }

    /** Posts to every registered admin channel; best effort, like user notifications. */
    public void notifyAdmins(Reply reply) {
        adminChannels.forEach((platform, channel) -> {
            try {
                channel.accept(reply);
            } catch (RuntimeException e) {
                log.warn("Message to the {} admin channel failed", platform.id(), e);
            }
        });
    }

    @Override
    public void notify(ChatUser user, Reply reply) {
        Notifier notifier = byPlatform.get(user.platform());
        if (notifier == null) {
            log.info("No running transport for {}: notification to {} dropped", user.platform(), user);
            return;
        }
        try {
            notifier.notify(user, reply);
        } catch (RuntimeException e) {
            // a notification is a courtesy: it must never break the flow that triggered it
            log.warn("Notification to {} failed", user, e);
        }
    }
}
