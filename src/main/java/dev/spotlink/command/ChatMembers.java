package dev.spotlink.command;

import dev.spotlink.domain.ChatUser;
import java.util.Collection;
import java.util.Set;

/**
 * Who belongs to the group or server a command was run in, asked of the platform (Discord's guild member lookup,
 * Telegram's {@code getChatMember}) rather than guessed. Transports implement it for their chats.
 */
public interface ChatMembers {

    /**
     * The members of this chat among {@code candidates}. A candidate whose membership could not be checked (the
     * platform failed or was too slow) is left out: shown to nobody rather than guessed.
     */
    Set<ChatUser> among(Collection<ChatUser> candidates);
}
