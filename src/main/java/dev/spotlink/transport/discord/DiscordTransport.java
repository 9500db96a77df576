package dev.spotlink.transport.discord;

import dev.spotlink.Core;
import dev.spotlink.command.Command;
import dev.spotlink.command.CommandRegistry;
import dev.spotlink.command.Notifiers;
import dev.spotlink.config.DiscordConfig;
import dev.spotlink.i18n.Messages;
import dev.spotlink.store.BotStateRepository;
import dev.spotlink.store.Platform;
import dev.spotlink.web.Health;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.ConcurrentSessionController;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Discord transport: the core's commands as slash commands (server and user installs), answered from a
 * bounded worker pool, plus direct-message notifications. On when {@code discord.token} is set.
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
    private final BotStateRepository state;
    private final Limits limits;
    private final ReplyRenderer renderer = new ReplyRenderer();
    private final CompletableFuture<Void> commandsSynced = new CompletableFuture<>();
    private volatile JDA jda;
    private volatile ThreadPoolExecutor workers;
    private volatile ScheduledExecutorService watchdog;
    private boolean closed;

    public DiscordTransport(DiscordConfig config, CommandRegistry registry, Messages messages, Notifiers notifiers,
                            Health health, BotStateRepository state, Limits limits) {
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
        return new DiscordTransport(config, core.registry(), core.messages(), core.notifiers(), core.health(),
                new BotStateRepository(core.database(), core.clock()), Limits.DEFAULT);
    }

    /**
     * Logs in (one REST call; a rejected token fails here, naming the key) and starts connecting to the gateway
     * without waiting for it. Registers the DM notifier and the health state.
     *
     * @throws IllegalStateException when Discord refuses {@code discord.token}, cannot be reached, or this
     *                               transport was started before
     */
    public synchronized DiscordTransport start() {
        if (jda != null) {
            throw new IllegalStateException("Discord transport already started");
        }
        workers = new ThreadPoolExecutor(limits.workers(), limits.workers(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(limits.queueCapacity()), threads("spotlink-discord-command"));
        workers.allowCoreThreadTimeOut(true);
        watchdog = Executors.newSingleThreadScheduledExecutor(threads("spotlink-discord-ack"));
        CommandSync sync = new CommandSync(state, new SlashCommands(messages).build(
                registry.commands().stream().map(Command::spec).toList()));
        InteractionHandler handler = new InteractionHandler(registry, messages, renderer, workers, watchdog,
                limits.ackAfter(), client -> syncCommands(sync, client));
        try {
            jda = builder(handler).build();
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
        notifiers.register(Platform.DISCORD, new DirectMessageNotifier(() -> jda, renderer));
        health.registerTransport("discord", this::healthState);
        log.info("Discord transport started (gateway {})", config.gatewayUrl());
        return this;
    }

    private void syncCommands(CommandSync sync, JDA client) {
        try {
            sync.sync(client, config.devGuildId()).whenComplete((ignored, e) -> commandsSynced.complete(null));
        } catch (RuntimeException e) {
            // the bot still answers the commands Discord already knows; the next start tries again
            log.error("Could not register the Discord slash commands", e);
            commandsSynced.complete(null);
        }
    }

    private JDABuilder builder(InteractionHandler handler) {
        String gateway = config.gatewayUrl();
        ConcurrentSessionController sessions = new ConcurrentSessionController() {
            @Override
            public String getGateway() {
                return gateway; // honours discord.gateway-url (a proxy, or the fake in tests)
            }
        };
        return JDABuilder.createLight(config.token().reveal(), intents())
                .setRestConfig(new RestConfig().setBaseUrl(config.apiUrl()))
                .setSessionController(sessions)
                // Plain JSON frames: with no message intents the gateway carries only READY, heartbeats and
                // interactions, so zlib saves little, and production then runs the code path the tests run.
                .setCompression(Compression.NONE)
                .setEnableShutdownHook(false) // Main closes everything in order
                .addEventListeners(handler);
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

    private String healthState() {
        JDA client = jda;
        if (client == null) {
            return "STOPPED";
        }
        return switch (client.getStatus()) {
            case CONNECTED -> "CONNECTED";
            case DISCONNECTED, RECONNECT_QUEUED, WAITING_TO_RECONNECT, ATTEMPTING_TO_RECONNECT -> "RECONNECTING";
            case SHUTTING_DOWN, SHUTDOWN -> "STOPPED";
            case FAILED_TO_LOGIN -> "FAILED";
            default -> "CONNECTING";
        };
    }

    /**
     * Lets running commands answer (up to {@link Limits#closeGrace()}), then disconnects. New interactions
     * meanwhile get "busy, try again".
     */
    @Override
    public synchronized void close() {
        JDA client = jda;
        if (client == null || closed) {
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
        client.shutdown();
        try {
            if (!client.awaitShutdown(Duration.ofSeconds(5))) {
                client.shutdownNow();
            }
        } catch (InterruptedException e) {
            client.shutdownNow();
            Thread.currentThread().interrupt();
        }
        log.info("Discord transport stopped");
    }

    private void stopExecutors() {
        workers.shutdownNow();
        watchdog.shutdownNow();
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
