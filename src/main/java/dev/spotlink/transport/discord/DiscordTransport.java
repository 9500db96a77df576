package dev.spotlink.transport.discord;

import dev.spotlink.Core;
import dev.spotlink.command.Command;
import dev.spotlink.command.CommandRegistry;
import dev.spotlink.command.Notifiers;
import dev.spotlink.config.DiscordConfig;
import dev.spotlink.domain.BotState;
import dev.spotlink.domain.Platform;
import dev.spotlink.i18n.Messages;
import dev.spotlink.link.PasteBack;
import dev.spotlink.web.Health;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.sharding.DefaultShardManagerBuilder;
import net.dv8tion.jda.api.sharding.ShardManager;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.ConcurrentSessionController;
import net.dv8tion.jda.api.utils.MiscUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Discord transport: the core's commands as slash commands (server and user installs), answered from a
 * bounded worker pool, plus direct-message notifications. On when {@code discord.token} is set. Connects through
 * JDA's {@link ShardManager}: Discord's recommended shard count or {@code discord.shards}, and all shards or the
 * {@code discord.shard-ids} of this process, so several processes can split one bot's shards.
 *
 * <p>Lifecycle: {@link #create} or the constructor, then {@link #start()} (logs in and returns; the gateway
 * connects in the background), then {@link #close()}.
 */
public final class DiscordTransport implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DiscordTransport.class);

    /**
     * Tuning knobs.
     *
     * @param workers       threads running commands (they mostly wait on Spotify)
     * @param queueCapacity commands waiting for a worker before new ones get "busy, try again"
     * @param ackAfter      when a command that does not call Spotify has not answered by then, defer it
     * @param closeGrace    how long {@link #close()} waits for running commands to answer
     */
    public record Limits(int workers, int queueCapacity, Duration ackAfter, Duration closeGrace) {
        // Commands mostly wait on Spotify (~80 ms a call against a few ms of CPU): 64 idle-timing-out threads keep
        // two cores busy at several hundred commands a second; 8 capped Discord at ~80/s whatever the CPU.
        public static final Limits DEFAULT = new Limits(64, 1000, Duration.ofMillis(1500), Duration.ofSeconds(10));

        public Limits {
            if (workers < 1 || queueCapacity < 1) {
                throw new IllegalArgumentException("workers and queueCapacity must be positive");
            }
            Objects.requireNonNull(ackAfter, "ackAfter");
            Objects.requireNonNull(closeGrace, "closeGrace");
        }
    }

    private final DiscordConfig config;
    private final CommandRegistry registry;
    private final Messages messages;
    private final Notifiers notifiers;
    private final Health health;
    private final BotState state;
    private final Limits limits;
    private final ReplyRenderer renderer = new ReplyRenderer();
    private final CompletableFuture<Void> commandsSynced = new CompletableFuture<>();
    private volatile ShardManager shards;
    private GuildMemberships memberships;
    private volatile ThreadPoolExecutor workers;
    private volatile ScheduledExecutorService watchdog;
    private volatile boolean closed;
    private volatile PasteBack pasteBack;

    public DiscordTransport(DiscordConfig config, CommandRegistry registry, Messages messages, Notifiers notifiers,
                            Health health, BotState state, Limits limits) {
        this.config = Objects.requireNonNull(config, "config");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.notifiers = Objects.requireNonNull(notifiers, "notifiers");
        this.health = Objects.requireNonNull(health, "health");
        this.state = Objects.requireNonNull(state, "state");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** The transport wired to the core's services, with default limits. Call {@link #start()} next. */
    public static DiscordTransport create(DiscordConfig config, Core core) {
        DiscordTransport transport = new DiscordTransport(config, core.registry(), core.messages(), core.notifiers(),
                core.health(), core.botState(), Limits.DEFAULT);
        transport.acceptPastedAddresses(core.pasteBack()); // it recognizes nothing while link.paste-back is off
        return transport;
    }

    /** Addresses members submit in the paste-back form after {@code /link} go here; call before {@link #start()}. */
    public void acceptPastedAddresses(PasteBack pasteBack) {
        this.pasteBack = pasteBack;
    }

    /**
     * Logs in (one REST call; a rejected token fails here, naming the key) and starts connecting to the gateway
     * without waiting for it. Registers the DM notifier and the health state.
     *
     * @throws IllegalStateException when Discord refuses {@code discord.token}, cannot be reached, or this
     *                               transport was started before
     */
    public synchronized DiscordTransport start() {
        if (shards != null) {
            throw new IllegalStateException("Discord transport already started");
        }
        workers = new ThreadPoolExecutor(limits.workers(), limits.workers(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(limits.queueCapacity()), threads("spotlink-discord-command"));
        workers.allowCoreThreadTimeOut(true);
        watchdog = Executors.newSingleThreadScheduledExecutor(threads("spotlink-discord-ack"));
        CommandSync sync = new CommandSync(state, new SlashCommands(messages).build(
                registry.commands().stream().map(Command::spec).toList()));
        memberships = new GuildMemberships(id -> {
            ShardManager manager = shards;
            return manager == null ? null : manager.getGuildById(id);
        }, Clock.systemUTC());
        InteractionHandler handler = new InteractionHandler(registry, messages, renderer, workers, watchdog,
                limits.ackAfter(), client -> syncCommands(sync, client), Optional.ofNullable(pasteBack),
                memberships);
        try {
            shards = builder(handler).build();
        } catch (InvalidTokenException e) {
            stopExecutors();
            // the message names the key, never the value
            throw new IllegalStateException("Discord refused discord.token: check the bot token in the Developer "
                    + "Portal (Bot → Reset Token)", e);
        } catch (RuntimeException e) {
            stopExecutors();
            // JDA's messages name the URL and the failure, never the token
            throw new IllegalStateException("Could not log in to Discord at " + config.apiUrl() + ": "
                    + e.getMessage(), e);
        }
        ShardManager started = shards;
        ShardStates states = new ShardStates(started, config.shards().ids());
        if (!states.owned().contains(0)) {
            commandsSynced.complete(null); // the process running shard 0 registers the global commands
        }
        notifiers.register(Platform.DISCORD, new DirectMessageNotifier(states::anyConnected, renderer));
        config.adminChannelId().ifPresent(channel -> notifiers.registerAdminChannel(Platform.DISCORD,
                new AdminChannelNotifier(started, renderer, channel)));
        health.registerTransport("discord", () -> closed ? "STOPPED" : states.overall());
        health.registerTransport("discord.shards", () -> closed ? "STOPPED" : states.describe());
        log.info("Discord transport started: shards {} of {} (gateway {})", states.owned(),
                started.getShardsTotal(), config.gatewayUrl());
        return this;
    }

    /**
     * Runs at each shard's READY. Global commands are registered once per bot, by shard 0's process; the dev
     * guild's commands by the shard that holds that guild. The stored hash keeps a reconnect from registering
     * them again.
     */
    private void syncCommands(CommandSync sync, JDA client) {
        int shard = client.getShardInfo().getShardId();
        int total = client.getShardInfo().getShardTotal();
        boolean global = shard == 0;
        Optional<String> guild = config.devGuildId()
                .filter(id -> MiscUtil.getShardForGuild(Long.parseUnsignedLong(id), total) == shard);
        if (!global && guild.isEmpty()) {
            return;
        }
        try {
            sync.sync(client, global, guild).whenComplete((ignored, e) -> {
                if (global) {
                    commandsSynced.complete(null);
                }
            });
        } catch (RuntimeException e) {
            // the bot still answers the commands Discord already knows; the next start tries again
            log.error("Could not register the Discord slash commands", e);
            commandsSynced.complete(null);
        }
    }

    private DefaultShardManagerBuilder builder(InteractionHandler handler) {
        String gateway = config.gatewayUrl();
        ConcurrentSessionController sessions = new ConcurrentSessionController() {
            @Override
            public String getGateway() {
                return gateway; // honours discord.gateway-url (a proxy, or the fake in tests)
            }

            @Override
            public ShardedGateway getShardedGateway(JDA api) {
                // GET gateway/bot gives the recommended shard count and identify concurrency; the URL it names
                // gives way to discord.gateway-url, as above
                ShardedGateway recommended = super.getShardedGateway(api);
                return new ShardedGateway(gateway, recommended.getShardTotal(), recommended.getConcurrency());
            }
        };
        DefaultShardManagerBuilder builder = DefaultShardManagerBuilder.createLight(config.token().reveal(), intents())
                .setRestConfig(new RestConfig().setBaseUrl(config.apiUrl()))
                .setSessionController(sessions)
                // Plain JSON frames: with no message intents the gateway carries only READY, heartbeats and
                // interactions, so zlib saves little, and production then runs the code path the tests run.
                .setCompression(Compression.NONE)
                .setEnableShutdownHook(false) // Main closes everything in order
                .addEventListeners(handler);
        config.shards().total().ifPresent(builder::setShardsTotal);
        config.shards().ids().ifPresent(builder::setShards);
        return builder;
    }

    /**
     * Slash commands and interactions need no gateway intent. JDA always adds the unprivileged GUILDS intent on
     * its own (it keeps a guild cache, which is also how it finds {@code discord.dev-guild-id}); nothing privileged
     * and no message intents.
     */
    private static EnumSet<GatewayIntent> intents() {
        return EnumSet.noneOf(GatewayIntent.class);
    }

    /** Completes once the commands were registered or found unchanged after the first READY (for tests). */
    CompletableFuture<Void> commandsSynced() {
        return commandsSynced;
    }

    /**
     * Lets running commands answer (up to {@link Limits#closeGrace()}), then disconnects. New interactions
     * meanwhile get "busy, try again".
     */
    @Override
    public synchronized void close() {
        ShardManager manager = shards;
        if (manager == null || closed) {
            return;
        }
        closed = true;
        workers.shutdown();
        try {
            if (!workers.awaitTermination(limits.closeGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("Discord commands still running after {}; stopping them", limits.closeGrace());
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        watchdog.shutdownNow();
        memberships.close();
        List<JDA> running = manager.getShards();
        manager.shutdown(); // no more shards start; the running ones close their sessions
        for (JDA shard : running) {
            shard.shutdown();
            try {
                if (!shard.awaitShutdown(Duration.ofSeconds(5))) {
                    shard.shutdownNow();
                }
            } catch (InterruptedException e) {
                shard.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        log.info("Discord transport stopped");
    }

    private void stopExecutors() {
        workers.shutdownNow();
        watchdog.shutdownNow();
        memberships.close();
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
