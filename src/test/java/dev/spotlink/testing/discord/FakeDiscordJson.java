package dev.spotlink.testing.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Discord API objects (users, channels, guilds, messages) shaped as Discord sends them, for the fake. */
final class FakeDiscordJson {

    private static final long DISCORD_EPOCH_MILLIS = 1_420_070_400_000L;

    /** Last snowflake handed out; they carry their creation time, which clients use (interactions expire). */
    private final AtomicLong snowflakes = new AtomicLong();
    private final ObjectMapper mapper = new ObjectMapper();

    ObjectMapper mapper() {
        return mapper;
    }

    /** A unique snowflake for now: milliseconds since Discord's epoch in the high bits, as Discord makes them. */
    String snowflake() {
        long now = (System.currentTimeMillis() - DISCORD_EPOCH_MILLIS) << 22;
        return Long.toString(snowflakes.updateAndGet(last -> Math.max(last + 1, now)));
    }

    ObjectNode object() {
        return mapper.createObjectNode();
    }

    ObjectNode user(String id, String name, boolean bot) {
        ObjectNode user = object().put("id", id).put("username", name).put("discriminator", "0")
                .put("global_name", name).putNull("avatar").put("public_flags", 0).put("flags", 0);
        if (bot) {
            user.put("bot", true).put("verified", true).put("mfa_enabled", false);
        }
        return user;
    }

    ObjectNode member(ObjectNode user) {
        ObjectNode member = object();
        member.set("user", user);
        member.putArray("roles");
        member.put("joined_at", "2024-01-01T00:00:00.000000+00:00").put("deaf", false).put("mute", false)
                .put("flags", 0).put("pending", false).put("permissions", "2248473465835073").putNull("nick")
                .putNull("avatar");
        return member;
    }

    ObjectNode guildTextChannel(String id, String guildId) {
        ObjectNode channel = object().put("id", id).put("type", 0).put("guild_id", guildId).put("name", "general")
                .put("position", 0).put("nsfw", false).put("rate_limit_per_user", 0).put("flags", 0)
                .putNull("parent_id").putNull("topic").putNull("last_message_id");
        channel.putArray("permission_overwrites");
        return channel;
    }

    ObjectNode dmChannel(String id, ObjectNode recipient) {
        ObjectNode channel = object().put("id", id).put("type", 1).put("flags", 0).putNull("last_message_id");
        channel.putArray("recipients").add(recipient);
        return channel;
    }

    /**
     * A full guild as in GUILD_CREATE, with the bot as its only cached member and one text channel whose id is the
     * guild's (as with Discord's original #general), so tests can name it.
     */
    ObjectNode guild(String id, String name, ObjectNode botUser) {
        ObjectNode guild = object().put("id", id).put("name", name).putNull("icon").putNull("splash")
                .putNull("banner").putNull("description").put("owner_id", snowflake()).put("afk_timeout", 300)
                .put("verification_level", 0).put("default_message_notifications", 0)
                .put("explicit_content_filter", 0).put("mfa_level", 0).put("nsfw_level", 0).put("premium_tier", 0)
                .put("premium_progress_bar_enabled", false).put("system_channel_flags", 0)
                .put("preferred_locale", "en-US").put("member_count", 2).put("large", false)
                .put("unavailable", false).put("joined_at", "2024-01-01T00:00:00.000000+00:00");
        ObjectNode everyone = object().put("id", id).put("name", "@everyone").put("color", 0).put("hoist", false)
                .put("position", 0).put("permissions", "2248473465835073").put("managed", false)
                .put("mentionable", false).put("flags", 0);
        everyone.putObject("colors").put("primary_color", 0).putNull("secondary_color").putNull("tertiary_color");
        guild.putArray("roles").add(everyone);
        guild.putArray("channels").add(guildTextChannel(id, id));
        guild.putArray("members").add(member(botUser));
        for (String empty : List.of("threads", "guild_scheduled_events", "emojis", "stickers", "voice_states",
                "presences", "features", "stage_instances", "soundboard_sounds")) {
            guild.putArray(empty);
        }
        return guild;
    }

    /** The message Discord returns after creating or editing one from {@code sent} (embeds, components, files). */
    ObjectNode message(String id, String channelId, ObjectNode author, JsonNode sent, List<DiscordRequest.Part> files,
                       String applicationId) {
        ObjectNode message = object().put("id", id).put("type", 0).put("channel_id", channelId)
                .put("content", sent.path("content").asText("")).put("timestamp", Instant.now().toString())
                .putNull("edited_timestamp").put("tts", false).put("mention_everyone", false).put("pinned", false)
                .put("flags", sent.path("flags").asInt(0)).put("application_id", applicationId);
        message.set("author", author);
        message.putArray("mentions");
        message.putArray("mention_roles");
        ArrayNode embeds = message.putArray("embeds");
        for (JsonNode embed : sent.path("embeds")) {
            embeds.add(((ObjectNode) embed.deepCopy()).put("type", "rich")); // Discord marks bot embeds "rich"
        }
        message.set("components", sent.has("components") ? sent.get("components").deepCopy()
                : mapper.createArrayNode());
        ArrayNode attachments = message.putArray("attachments");
        for (DiscordRequest.Part file : files) {
            String attachmentId = snowflake();
            String url = "https://cdn.discordapp.invalid/attachments/" + channelId + "/" + attachmentId + "/"
                    + file.fileName();
            attachments.add(object().put("id", attachmentId).put("filename", file.fileName())
                    .put("size", file.bytes().length).put("url", url).put("proxy_url", url)
                    .put("content_type", file.contentType() == null ? "application/octet-stream" : file.contentType()));
        }
        return message;
    }

    ObjectNode error(int code, String message) {
        return object().put("message", message).put("code", code);
    }
}
