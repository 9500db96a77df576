package dev.spotlink.command;

import dev.spotlink.domain.ChatUser;
import java.util.Locale;
import java.util.Optional;

/**
 * What a command sees of the place it was called from. Each transport implements it for one invocation.
 */
public interface CommandContext {

    /** Who ran the command. */
    ChatUser user();

    /** The invoking user's language (already resolved to a supported one by the transport or not). */
    Locale locale();

    /** True in a place others can read (a server channel, a group); false in a DM or the console. */
    boolean isPublicChannel();

    /** Answers where the command was run. */
    void reply(Reply reply);

    /**
     * Answers so only the invoking user sees it: Discord ephemeral, Telegram private chat (or a deep-link
     * button in a group), the console as is. Used for authorize links and errors.
     */
    void replyPrivately(Reply reply);

    /**
     * The members of the group or server the command was run in; empty in a private chat, the console, or a place
     * whose members the bot cannot check (commands about "this chat" then show the user alone).
     */
    default Optional<ChatMembers> chatMembers() {
        return Optional.empty();
    }
}
