package dev.spotlink.testing.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Who belongs to which group, for {@code getChatMember}: a ChatMember object per (chat, user); a user the fake
 * was told nothing about is {@code left}, as Telegram answers for someone who never joined. Counts the lookups.
 */
public final class FakeTelegramMembers {

    private final ObjectMapper mapper;
    private final Map<String, String> statuses = new ConcurrentHashMap<>();
    private final AtomicInteger lookups = new AtomicInteger();

    FakeTelegramMembers(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** {@code status}: creator, administrator, member, restricted (still a member), left or kicked. */
    public void set(long chatId, long userId, String status) {
        statuses.put(chatId + "/" + userId, status);
    }

    /** How many getChatMember calls the fake answered. */
    public int lookups() {
        return lookups.get();
    }

    /** The ChatMember object Telegram would send. */
    ObjectNode member(long chatId, long userId) {
        lookups.incrementAndGet();
        String status = statuses.getOrDefault(chatId + "/" + userId, "left");
        ObjectNode user = mapper.createObjectNode().put("id", userId).put("is_bot", false)
                .put("first_name", "User " + userId);
        ObjectNode member = mapper.createObjectNode().put("status", status);
        member.set("user", user);
        if (status.equals("restricted")) {
            member.put("is_member", true).put("can_send_messages", false).put("until_date", 0);
        } else if (status.equals("kicked")) {
            member.put("until_date", 0);
        } else if (status.equals("administrator")) {
            member.put("can_be_edited", false).put("is_anonymous", false);
        } else if (status.equals("creator")) {
            member.put("is_anonymous", false);
        }
        return member;
    }
}
