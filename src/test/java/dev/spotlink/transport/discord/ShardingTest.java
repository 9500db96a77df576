package dev.spotlink.transport.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlink.command.CommandRegistry;
import dev.spotlink.config.DiscordConfig;
import dev.spotlink.config.DiscordShards;
import dev.spotlink.config.Secret;
import dev.spotlink.store.BotStateRepository;
import dev.spotlink.testing.discord.DiscordRequest;
import dev.spotlink.testing.discord.FakeDiscord;
import dev.spotlink.testing.discord.FakeInteraction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discord shards through JDA's ShardManager, against a fake that recommends two shards. */
class ShardingTest {

    /** (id >> 22) % 2 == 0 and == 1: one server on each shard. */
    private static final String GUILD_ON_0 = FakeInteraction.DEFAULT_GUILD_ID;
    private static final String GUILD_ON_1 = Long.toString(Long.parseLong(GUILD_ON_0) + (1L << 22));

    @TempDir
    Path dir;

    @Test
    void autoRunsEveryRecommendedShardAndRegistersCommandsOnce() throws Exception {
        try (DiscordHarness h = new DiscordHarness(dir, FakeDiscord.sharded(2))) {
            h.start(h.registry(List.of(TestCommands.secret())));

            assertEquals(1, h.discord.identifies(0));
            assertEquals(1, h.discord.identifies(1));
            assertEquals(1, h.discord.commandRegistrations("global"), "global commands once, not per shard");
            answered(h, FakeInteraction.command("secret").inGuild(GUILD_ON_1));
            answered(h, FakeInteraction.command("secret").inGuild(GUILD_ON_0));
            answered(h, FakeInteraction.command("secret").inBotDm());
            h.awaitHealth("CONNECTED");
            assertEquals("0:CONNECTED 1:CONNECTED of 2", shardsHealth(h));
        }
    }

    @Test
    void shardIdsSplitTheShardsBetweenProcesses() throws Exception {
        List<DiscordTransport> started = new ArrayList<>();
        try (DiscordHarness h = new DiscordHarness(dir, FakeDiscord.sharded(2))) {
            CommandRegistry registry = h.registry(List.of(TestCommands.secret()));
            DiscordTransport second = start(h, registry, DiscordShards.of(2, List.of(1)), started);
            assertTrue(h.discord.awaitShard(1, DiscordHarness.TIMEOUT));
            answered(h, FakeInteraction.command("secret").inGuild(GUILD_ON_1));
            assertEquals(0, h.discord.identifies(0), "shard 0 belongs to the other process");
            assertEquals(0, h.discord.commandRegistrations("global"), "shard 0's process registers the commands");

            DiscordTransport first = start(h, registry, DiscordShards.of(2, List.of(0)), started);
            first.commandsSynced().get(DiscordHarness.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            assertTrue(h.discord.awaitShard(0, DiscordHarness.TIMEOUT));
            answered(h, FakeInteraction.command("secret").inGuild(GUILD_ON_0));
            answered(h, FakeInteraction.command("secret").inBotDm());

            assertEquals(1, h.discord.identifies(0));
            assertEquals(1, h.discord.identifies(1), "each process connected only its own shard");
            assertEquals(1, h.discord.commandRegistrations("global"));
            assertTrue(second.commandsSynced().isDone());
        } finally {
            started.forEach(DiscordTransport::close);
        }
    }

    private static DiscordTransport start(DiscordHarness h, CommandRegistry registry, DiscordShards shards,
                                          List<DiscordTransport> started) {
        DiscordConfig config = new DiscordConfig(new Secret(h.discord.token()), h.discord.apiUrl(),
                h.discord.gatewayUrl(), Optional.empty(), shards, Optional.empty());
        DiscordTransport transport = new DiscordTransport(config, registry, h.messages, h.notifiers,
                new dev.spotlink.web.Health(h.database::isOpen), new BotStateRepository(h.database),
                DiscordTransport.Limits.DEFAULT).start();
        started.add(transport);
        return transport;
    }

    private static void answered(DiscordHarness h, FakeInteraction interaction) {
        List<DiscordRequest> answers = h.discord.awaitAnswers(h.discord.dispatchInteraction(interaction), 1,
                DiscordHarness.TIMEOUT);
        assertTrue(answers.get(0).embed().path("description").asText().startsWith("only for "), answers.toString());
    }

    private static Object shardsHealth(DiscordHarness h) throws InterruptedException {
        long deadline = System.nanoTime() + DiscordHarness.TIMEOUT.toNanos();
        Object state = null;
        while (System.nanoTime() < deadline) {
            state = ((Map<?, ?>) h.health.snapshot().get("transports")).get("discord.shards");
            if ("0:CONNECTED 1:CONNECTED of 2".equals(state)) {
                break;
            }
            Thread.sleep(10);
        }
        return state;
    }
}
