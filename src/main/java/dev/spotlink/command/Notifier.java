package dev.spotlink.command;

import dev.spotlink.domain.ChatUser;

/**
 * Sends a message to a user later, outside any command (e.g. "linked as ..." after the OAuth callback).
 * Delivery is best effort: implementations log failures (closed DMs) and never throw.
 */
@FunctionalInterface
public interface Notifier {
    void notify(ChatUser user, Reply reply);
}
