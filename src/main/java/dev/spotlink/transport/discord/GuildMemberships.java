package dev.spotlink.transport.discord;

import dev.spotlink.command.ChatMembers;
import dev.spotlink.command.MembershipCache;
import dev.spotlink.domain.ChatUser;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.requests.ErrorResponse;

/**
 * Membership of Discord servers, asked one member at a time with the guild member lookup
 * ({@code GET /guilds/{guild}/members/{user}}: no privileged intent needed, unlike listing members) and remembered
 * for minutes by a {@link MembershipCache}. Only servers the bot is in can be asked; elsewhere (the app installed
 * by a user only) there are no members to check.
 */
final class GuildMemberships implements AutoCloseable {

    private final Function<String, Guild> guilds;
    private final MembershipCache cache;

    /** @param guilds the bot's server by id, or null when it is not in it (or not connected yet) */
    GuildMemberships(Function<String, Guild> guilds, Clock clock) {
        this.guilds = guilds;
        this.cache = new MembershipCache(this::isMember, clock, "discord-members");
    }

    /** The members of the server the interaction came from, when the bot is in it; {@code caller} is one. */
    Optional<ChatMembers> of(Guild guild, ChatUser caller) {
        if (guild == null || guild.isDetached()) {
            return Optional.empty();
        }
        return Optional.of(cache.forChat(guild.getId(), caller));
    }

    private boolean isMember(String guildId, String userId) {
        Guild guild = guilds.apply(guildId);
        if (guild == null) {
            throw new IllegalStateException("Not connected to server " + guildId);
        }
        try {
            guild.retrieveMemberById(userId).useCache(false).complete();
            return true;
        } catch (ErrorResponseException e) {
            ErrorResponse error = e.getErrorResponse();
            if (error == ErrorResponse.UNKNOWN_MEMBER || error == ErrorResponse.UNKNOWN_USER) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void close() {
        cache.close();
    }
}
