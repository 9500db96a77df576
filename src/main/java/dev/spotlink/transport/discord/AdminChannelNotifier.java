package dev.spotlink.transport.discord;

import dev.spotlink.command.Reply;
import java.util.function.Consumer;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;
import net.dv8tion.jda.api.sharding.ShardManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts notes for the admin in {@code discord.admin-channel-id}: a channel of a server the bot is a member of,
 * where it may send messages (the one permission it needs, there only). Best effort and asynchronous.
 */
final class AdminChannelNotifier implements Consumer<Reply> {

    private static final Logger log = LoggerFactory.getLogger(AdminChannelNotifier.class);

    private final ShardManager shards;
    private final ReplyRenderer renderer;
    private final String channelId;

    AdminChannelNotifier(ShardManager shards, ReplyRenderer renderer, String channelId) {
        this.shards = shards;
        this.renderer = renderer;
        this.channelId = channelId;
    }

    @Override
    public void accept(Reply reply) {
        // The GUILDS intent keeps every channel of the bot's servers in JDA's cache; with shards split over
        // processes, only the process running the channel's guild's shard finds it.
        GuildMessageChannel channel = shards.getChannelById(GuildMessageChannel.class, channelId);
        if (channel == null) {
            log.warn("discord.admin-channel-id {} is not a text channel of a server this process's shards serve:"
                    + " note dropped (it is in the log)", channelId);
            return;
        }
        if (channel.getJDA().getStatus() != JDA.Status.CONNECTED) {
            log.info("Discord shard of the admin channel {} is not connected: note dropped (it is in the log)",
                    channelId);
            return;
        }
        channel.sendMessage(renderer.render(reply)).queue(
                sent -> log.debug("Posted a note in the admin channel {}", channelId),
                e -> log.warn("Posting in the admin channel {} failed (does the bot have Send Messages there?)",
                        channelId, e));
    }
}
