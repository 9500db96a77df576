package dev.spotlink.testing.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds updates shaped like the Bot API's {@code Update} (the vendored {@code specs/tgapi.json}): messages in
 * private chats and groups, replies, inline queries, and the malformed kinds a bot must survive. Push them with
 * {@link FakeTelegram#pushUpdate}, which assigns {@code update_id}.
 */
public final class FakeTelegramUpdates {

    private final ObjectMapper mapper;
    private final AtomicInteger messageIds = new AtomicInteger(1000);
    private final AtomicInteger inlineIds = new AtomicInteger(1);

    FakeTelegramUpdates(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** A text message from {@code fromId} in the private chat with the bot (chat id = user id). */
    public ObjectNode privateMessage(long fromId, String text, String languageCode) {
        return wrap("message", message(privateChat(fromId), user(fromId, languageCode), text));
    }

    /** A text message in a supergroup ({@code chatId} negative, as Telegram's are). */
    public ObjectNode groupMessage(long chatId, long fromId, String text, String languageCode) {
        return wrap("message", message(groupChat(chatId), user(fromId, languageCode), text));
    }

    /** A group message sent as a reply to a message of {@code repliedFromId}. */
    public ObjectNode replyTo(long chatId, long fromId, String text, long repliedFromId) {
        ObjectNode message = message(groupChat(chatId), user(fromId, "en"), text);
        message.set("reply_to_message", message(groupChat(chatId), user(repliedFromId, "en"), "what a song"));
        return wrap("message", message);
    }

    /** {@code @bot query} typed by {@code fromId}. */
    public ObjectNode inlineQuery(long fromId, String query, String languageCode) {
        ObjectNode inline = mapper.createObjectNode();
        inline.put("id", "inline-" + inlineIds.getAndIncrement());
        inline.set("from", user(fromId, languageCode));
        inline.put("query", query);
        inline.put("offset", "");
        inline.put("chat_type", "sender");
        return wrap("inline_query", inline);
    }

    /** A sticker (a message without text). */
    public ObjectNode sticker(long chatId, long fromId) {
        ObjectNode message = base(chatId < 0 ? groupChat(chatId) : privateChat(chatId));
        message.set("from", user(fromId, "en"));
        ObjectNode sticker = message.putObject("sticker");
        sticker.put("file_id", "CAACAgIAAxkBAAE").put("file_unique_id", "AgADsticker").put("type", "regular")
                .put("width", 512).put("height", 512).put("is_animated", false).put("is_video", false)
                .put("emoji", "🎵");
        return wrap("message", message);
    }

    /** A group message posted as the group itself (anonymous admin): no {@code from}. */
    public ObjectNode messageWithoutFrom(long chatId, String text) {
        ObjectNode message = base(groupChat(chatId));
        message.set("sender_chat", groupChat(chatId));
        message.put("text", text);
        return wrap("message", message);
    }

    /** A private message whose text carries an entity type no library knows yet. */
    public ObjectNode unknownEntity(long fromId, String text) {
        ObjectNode message = message(privateChat(fromId), user(fromId, "en"), text);
        message.putArray("entities").addObject().put("type", "hologram").put("offset", 0).put("length", 1);
        return wrap("message", message);
    }

    /** An edit of an earlier private message. */
    public ObjectNode editedMessage(long fromId, String text) {
        ObjectNode message = message(privateChat(fromId), user(fromId, "en"), text);
        message.put("edit_date", now());
        return wrap("edited_message", message);
    }

    /** A post in a channel the bot administers. */
    public ObjectNode channelPost(long channelId, String text) {
        ObjectNode chat = mapper.createObjectNode().put("id", channelId).put("type", "channel").put("title", "News");
        ObjectNode message = base(chat);
        message.set("sender_chat", chat);
        message.put("text", text);
        return wrap("channel_post", message);
    }

    /** An update of a type newer than the client library (its field name is unknown to it). */
    public ObjectNode unknownUpdateType() {
        ObjectNode update = mapper.createObjectNode();
        update.putObject("holographic_message").put("id", 1).put("note", "from the future");
        return update;
    }

    /** A message whose fields have shapes the library cannot read. */
    public ObjectNode unreadableMessage(long fromId) {
        ObjectNode message = message(privateChat(fromId), user(fromId, "en"), "/help");
        message.put("message_id", "not-a-number");
        message.putArray("chat").add(1);
        return wrap("message", message);
    }

    ObjectNode user(long id, String languageCode) {
        ObjectNode user = mapper.createObjectNode();
        user.put("id", id).put("is_bot", false).put("first_name", "User" + id).put("username", "user" + id);
        if (languageCode != null) {
            user.put("language_code", languageCode);
        }
        return user;
    }

    ObjectNode privateChat(long userId) {
        return mapper.createObjectNode().put("id", userId).put("type", "private").put("first_name", "User" + userId);
    }

    ObjectNode groupChat(long chatId) {
        return mapper.createObjectNode().put("id", chatId).put("type", "supergroup").put("title", "Listening club");
    }

    private ObjectNode message(ObjectNode chat, ObjectNode from, String text) {
        ObjectNode message = base(chat);
        message.set("from", from);
        message.put("text", text);
        if (text.startsWith("/")) {
            int length = text.split("\\s+", 2)[0].length();
            message.putArray("entities").addObject().put("type", "bot_command").put("offset", 0)
                    .put("length", length);
        }
        return message;
    }

    private ObjectNode base(ObjectNode chat) {
        ObjectNode message = mapper.createObjectNode();
        message.put("message_id", messageIds.incrementAndGet());
        message.put("date", now());
        message.set("chat", chat);
        return message;
    }

    private ObjectNode wrap(String kind, ObjectNode payload) {
        ObjectNode update = mapper.createObjectNode();
        update.set(kind, payload);
        return update;
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }
}
