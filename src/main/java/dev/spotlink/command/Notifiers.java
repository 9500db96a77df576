package dev.spotlink.command;

import dev.spotlink.store.ChatUser;
import dev.spotlink.store.Platform;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Routes a later notification to the transport of the user's platform. Transports register when they start. */
public final class Notifiers implements Notifier {

    private static final Logger log = LoggerFactory.getLogger(Notifiers.class);

    private final Map<Platform, Notifier> byPlatform = new ConcurrentHashMap<>();

    public void register(Platform platform, Notifier notifier) {
        byPlatform.put(platform, notifier);
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
