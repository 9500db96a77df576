package dev.spotlink.transport.telegram;

import dev.spotlink.command.ChatMembers;
import dev.spotlink.command.MembershipCache;
import dev.spotlink.domain.ChatUser;
import java.time.Clock;
import java.util.Optional;
import org.telegram.telegrambots.meta.api.methods.groupadministration.GetChatMember;
import org.telegram.telegrambots.meta.api.objects.chatmember.ChatMember;
import org.telegram.telegrambots.meta.api.objects.chatmember.ChatMemberRestricted;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * Membership of Telegram groups, asked with {@code getChatMember} (bots cannot list a group's members) and
 * remembered for minutes by a {@link MembershipCache}. "left" and "kicked" are not members, nor a restricted user
 * whose {@code is_member} is false; a 400 (user unknown to the chat) is "not a member" too.
 */
final class ChatMemberships implements AutoCloseable {

    private final TelegramSender sender;
    private final Redaction redaction;
    private final MembershipCache cache;

    ChatMemberships(TelegramSender sender, Redaction redaction, Clock clock) {
        this.sender = sender;
        this.redaction = redaction;
        this.cache = new MembershipCache(this::isMember, clock, "telegram-members");
    }

    /** The members of group {@code chatId}; {@code caller} sent the command there, so is one. */
    ChatMembers of(long chatId, ChatUser caller) {
        return cache.forChat(String.valueOf(chatId), caller);
    }

    private boolean isMember(String chatId, String userId) {
        ChatMember member;
        try {
            member = sender.execute("getChatMember", client -> client.execute(GetChatMember.builder()
                    .chatId(chatId).userId(Long.parseLong(userId)).build()));
        } catch (TelegramApiException e) {
            if (TelegramSender.errorCode(e) == 400) {
                return false;
            }
            // without the exception itself: its message may carry the bot token's URL
            throw new IllegalStateException("getChatMember failed: " + redaction.text(String.valueOf(e.getMessage())));
        }
        return member != null && switch (member.getStatus()) {
            case "creator", "administrator", "member" -> true;
            case "restricted" -> Optional.of(member).filter(ChatMemberRestricted.class::isInstance)
                    .map(m -> Boolean.TRUE.equals(((ChatMemberRestricted) m).getIsMember())).orElse(false);
            default -> false;
        };
    }

    @Override
    public void close() {
        cache.close();
    }
}
