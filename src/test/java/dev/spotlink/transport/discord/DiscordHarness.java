package dev.spotlink.transport.discord;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlink.command.Command;
import dev.spotlink.command.CommandRegistry;
import dev.spotlink.command.Notifiers;
import dev.spotlink.config.DiscordConfig;
import dev.spotlink.config.Secret;
import dev.spotlink.i18n.Messages;
import dev.spotlink.store.BotStateRepository;
import dev.spotlink.store.Database;
import dev.spotlink.testing.discord.FakeDiscord;
import dev.spotlink.web.Health;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** A fake Discord, a temp-file database and the real transport (real JDA) between them. */
final class DiscordHarness implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    final FakeDiscord discord;
    final Database database;
    final Messages messages = new Messages();
    final Notifiers notifiers = new Notifiers();
    final Health health;
    private final List<DiscordTransport> started = new ArrayList<>();

    DiscordHarness(Path dir) {
        this(dir, FakeDiscord.start());
    }

    DiscordHarness(Path dir, FakeDiscord discord) {
        this.discord = discord;
        this.database = Database.open("jdbc:sqlite:" + dir.resolve("spotlink.db"));
        this.health = new Health(database::isOpen);
    }

    DiscordConfig config(Optional<String> devGuildId) {
        return new DiscordConfig(new Secret(discord.token()), discord.apiUrl(), discord.gatewayUrl(), devGuildId);
    }

    CommandRegistry registry(List<Command> commands) {
        return new CommandRegistry(commands, messages);
    }

    /** Starts a transport and waits until its commands are registered (or found unchanged). */
    DiscordTransport start(CommandRegistry registry) {
        return start(registry, Optional.empty(), DiscordTransport.Limits.DEFAULT);
    }

    DiscordTransport start(CommandRegistry registry, Optional<String> devGuildId, DiscordTransport.Limits limits) {
        DiscordTransport transport = new DiscordTransport(config(devGuildId), registry, messages, notifiers, health,
                new BotStateRepository(database), limits).start();
        started.add(transport);
        try {
            transport.commandsSynced().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("commands not synced within " + TIMEOUT, e);
        }
        assertTrue(discord.awaitSession(TIMEOUT), "gateway session live");
        return transport;
    }

    /** The transport state /health reports for Discord, or null. */
    Object discordHealth() {
        return ((java.util.Map<?, ?>) health.snapshot().get("transports")).get("discord");
    }

    /** Waits until /health reports {@code state} (JDA flips to CONNECTED just after handing out READY). */
    void awaitHealth(String state) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!state.equals(discordHealth()) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        org.junit.jupiter.api.Assertions.assertEquals(state, discordHealth());
    }

    @Override
    public void close() {
        started.forEach(DiscordTransport::close);
        discord.close();
        database.close();
    }
}
