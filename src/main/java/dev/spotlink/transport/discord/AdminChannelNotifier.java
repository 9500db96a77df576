package dev.spotlink.transport.discord;

import dev.spotlink.command.Reply;
import java.util.function.Consumer;
import java.util.function.Supplier;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts notes for the admin in {@code discord.admin-channel-id}: a channel of a server the bot is a member of,
 * where it may send messages (the one permission it needs, there only). Best effort and asynchronous.
 */
final class AdminChannelNotifier implements Consumer<Reply> {

    private static final Logger log = LoggerFactory.getLogger(AdminChannelNotifier.class);

    private final Supplier<JDA> jda;
    private final ReplyRenderer renderer;
    private final String channelId;

    AdminChannelNotifier(Supplier<JDA> jda, ReplyRenderer renderer, String channelId) {
        this.jda = jda;
        this.renderer = renderer;
        this.channelId = channelId;
    }

    @Override
    public void accept(Reply reply) {
        JDA client = jda.get();
        if (client == null || client.getStatus() != JDA.Status.CONNECTED) {
            log.info("Discord is not connected: note for the admin channel {} dropped (it is in the log)",
                    channelId);
            return;
        }
        // The GUILDS intent keeps every channel of the bot's servers in JDA's cache.
        GuildMessageChannel channel = client.getChannelById(GuildMessageChannel.class, channelId);
        if (channel == null) {
            log.warn("discord.admin-channel-id {} is not a text channel of a server the bot is in: note dropped",
                    channelId);
            return;
        }
        channel.sendMessage(renderer.render(reply)).queue(
                sent -> log.debug("Posted a note in the admin channel {}", channelId),
                e -> log.warn("Posting in the admin channel {} failed (does the bot have Send Messages there?)",
                        channelId, e));
    }
}
