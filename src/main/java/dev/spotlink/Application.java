package dev.spotlink;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spotlink.card.Cards;
import dev.spotlink.card.CoverGrid;
import dev.spotlink.command.AccountAccess;
import dev.spotlink.command.Command;
import dev.spotlink.command.CommandRateLimit;
import dev.spotlink.command.CommandRegistry;
import dev.spotlink.command.HelpCommand;
import dev.spotlink.command.LinkCommand;
import dev.spotlink.command.ListeningCommand;
import dev.spotlink.command.MemberSpotify;
import dev.spotlink.command.Notifiers;
import dev.spotlink.command.NowPlayingCommand;
import dev.spotlink.command.PlaybackFormatter;
import dev.spotlink.command.PrivacyCommand;
import dev.spotlink.command.RecentCommand;
import dev.spotlink.command.ShareCommand;
import dev.spotlink.command.SpotifyErrors;
import dev.spotlink.command.TopCommand;
import dev.spotlink.command.UnlinkCommand;
import dev.spotlink.config.SpotlinkConfig;
import dev.spotlink.i18n.Messages;
import dev.spotlink.link.AdminAlerts;
import dev.spotlink.link.AdminAppLimit;
import dev.spotlink.link.LinkService;
import dev.spotlink.link.OwnAppAdvice;
import dev.spotlink.link.OwnAppGuide;
import dev.spotlink.link.PasteBack;
import dev.spotlink.metrics.Metrics;
import dev.spotlink.spotify.PlaybackCache;
import dev.spotlink.spotify.Sleeper;
import dev.spotlink.spotify.SpotifyAccountsClient;
import dev.spotlink.spotify.SpotifyApiClient;
import dev.spotlink.spotify.SpotifyCodesClient;
import dev.spotlink.spotify.TokenManager;
import dev.spotlink.store.BotStateRepository;
import dev.spotlink.store.Database;
import dev.spotlink.store.LeaseRepository;
import dev.spotlink.store.LinkedAccountRepository;
import dev.spotlink.store.PendingLinkRepository;
import dev.spotlink.store.RefreshLock;
import dev.spotlink.store.TokenCipher;
import dev.spotlink.web.Health;
import dev.spotlink.web.ServerLimits;
import dev.spotlink.web.WebServer;
import dev.spotlink.web.WebhookEndpoint;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wired bot: database, Spotify clients, services, commands and the callback server, built once from a
 * config. Transports attach to {@link #registry()} and {@link #notifiers()}. Closing it stops everything in
 * reverse order.
 */
public final class Application implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Application.class);

    private final Core core;
    private final WebServer web;
    private final ScheduledExecutorService housekeeping;
    private final Clients clients;

    private Application(Core core, WebServer web, ScheduledExecutorService housekeeping, Clients clients) {
        this.core = core;
        this.web = web;
        this.housekeeping = housekeeping;
        this.clients = clients;
    }

    /** Opens the database, wires everything and starts the callback server. */
    public static Application start(SpotlinkConfig config, Clock clock) {
        return start(config, clock, ServerLimits.DEFAULT);
    }

    /** As {@link #start(SpotlinkConfig, Clock)} with other callback server limits (tests). */
    public static Application start(SpotlinkConfig config, Clock clock, ServerLimits limits) {
        Application app = create(config, clock, limits);
        try {
            app.startServer();
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
        return app;
    }

    /**
     * Opens the database and wires everything; the callback server is ready to start but not listening until
     * {@link #startServer()}, so that a caller can start it beside the chat transports.
     */
    public static Application create(SpotlinkConfig config, Clock clock) {
        return create(config, clock, ServerLimits.DEFAULT);
    }

    private static Application create(SpotlinkConfig config, Clock clock, ServerLimits limits) {
        // Opening the database (Flyway checking the schema) and building the Spotify clients, the image pipeline
        // and the card fonts need nothing from each other, and both are mostly class loading: on two cores, side
        // by side they take the time of the longer one instead of the sum.
        CompletableFuture<Database> opening = CompletableFuture.supplyAsync(() -> Database.open(config.database()),
                runnable -> {
                    Thread t = new Thread(runnable, "spotlink-database-open");
                    t.setDaemon(true);
                    t.start();
                });
        Clients clients;
        try {
            clients = Clients.build(config, clock);
        } catch (RuntimeException e) {
            opening.thenAccept(Database::close);
            throw e;
        }
        Database database;
        try {
            database = opened(opening);
        } catch (RuntimeException | Error e) {
            clients.close();
            throw e;
        }
        try {
            return wire(config, clock, database, clients, limits);
        } catch (RuntimeException e) {
            clients.close();
            database.close();
            throw e;
        }
    }

    /** The database, or the exception that opening it threw (a {@link dev.spotlink.store.StoreException}...). */
    private static Database opened(CompletableFuture<Database> opening) {
        try {
            return opening.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    private static Application wire(SpotlinkConfig config, Clock clock, Database database, Clients clients,
                                    ServerLimits limits) {
        TokenCipher cipher = TokenCipher.openFor(database, config.security().keyFile());
        LinkedAccountRepository accounts = new LinkedAccountRepository(database, cipher);
        PendingLinkRepository pending = new PendingLinkRepository(database, cipher);

        Metrics metrics = clients.metrics();
        OkHttpClient http = clients.http();
        ObjectMapper json = clients.json();
        SpotifyAccountsClient accountsClient = clients.accounts();
        SpotifyApiClient api = clients.api();
        SpotifyCodesClient codes = clients.codes();
        TokenManager tokens = new TokenManager(accounts, accountsClient, clock, TokenManager.DEFAULT_MAX_RETRY_AFTER,
                Sleeper.system(), RefreshLock.forDatabase(database));

        Messages messages = clients.messages();
        Notifiers notifiers = new Notifiers();
        BotStateRepository botState = new BotStateRepository(database, clock);
        AdminAlerts alerts = new AdminAlerts(botState, notifiers, messages, clock,
                config.spotify().clientId(), config.link().ownApp());
        OwnAppGuide guide = new OwnAppGuide(messages, config.spotify().redirectUri());
        LinkService links = new LinkService(pending, accounts, accountsClient, api, config.spotify().clientId(),
                notifiers, alerts, guide, messages, config.link(), clock, new SecureRandom());
        PasteBack pasteBack = new PasteBack(links, messages, config.spotify().redirectUri(), config.link().pasteBack());

        AccountAccess access = new AccountAccess(accounts, messages);
        // Drawn cards get the same memory bound as the images they are drawn from (0 turns both off).
        Cards cards = new Cards(clients.images(), clients.renderer(), config.cache().memoryBytes());
        metrics.bindCardTemplates(cards);
        PlaybackCache playback = new PlaybackCache(tokens, api, clock, config.cache().playbackTtl(),
                PlaybackCache.DEFAULT_PARALLEL);
        MemberSpotify spotify = new MemberSpotify(playback, tokens, api);
        CoverGrid grid = new CoverGrid(clients.images(), clients.renderer());
        PlaybackFormatter formatter = new PlaybackFormatter(messages);
        List<Command> commands = new ArrayList<>(List.of(
                new LinkCommand(links, new AdminAppLimit(accounts, config.spotify().clientId(),
                        !config.link().extendedQuota()), alerts, guide, pasteBack, messages),
                new UnlinkCommand(links, messages),
                new NowPlayingCommand(access, spotify, cards, formatter, messages),
                new ShareCommand(access, spotify, cards, messages),
                new PrivacyCommand(access, accounts, messages),
                new ListeningCommand(access, accounts, playback, grid, formatter, messages),
                new RecentCommand(access, spotify, grid, formatter, messages, clock),
                new TopCommand(access, spotify, links, grid, formatter, messages)));
        commands.add(new HelpCommand(messages, commands.stream().map(Command::spec).toList()));
        SpotifyErrors spotifyErrors = new SpotifyErrors(messages, new OwnAppAdvice(accounts, alerts, guide, messages,
                config.spotify().clientId(), config.link().ownApp()));
        CommandRegistry registry = new CommandRegistry(metrics.timed(commands), messages,
                new CommandRateLimit(config.command().burst(), config.command().refill(), clock), spotifyErrors);

        Health health = new Health(database::isOpen);
        String callbackPath = callbackPath(config);
        WebhookEndpoint webhooks = new WebhookEndpoint();
        // server.trust-proxy wins over the limits' own proxies (tests set those directly)
        ServerLimits serverLimits = config.server().trustProxy().isEmpty() ? limits
                : limits.withTrustedProxies(config.server().trustProxy());
        WebServer web = new WebServer(config.server().host(), config.server().port(), callbackPath, links,
                messages, health, json, serverLimits, webhooks, metrics);

        ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "spotlink-housekeeping");
            t.setDaemon(true);
            return t;
        });
        housekeeping.scheduleWithFixedDelay(() -> purge(links), 1, 60, TimeUnit.MINUTES);
        Core core = new Core(clock, database, accounts, http, json, api, codes, tokens, messages, notifiers, links,
                registry, health, webhooks, pasteBack, playback, access, spotify, botState,
                new LeaseRepository(database, clock));
        return new Application(core, web, housekeeping, clients);
    }

    private static String callbackPath(SpotlinkConfig config) {
        String path = config.spotify().redirectUri().getRawPath();
        return path == null || path.isEmpty() ? "/" : path;
    }

    private static void purge(LinkService links) {
        // an exception would silently cancel every later run of this task: catch and log instead
        try {
            int purged = links.purgeOldLinks();
            if (purged > 0) {
                log.info("Purged {} old pending links", purged);
            }
        } catch (RuntimeException e) {
            log.warn("Purging old pending links failed; will retry next hour", e);
        }
    }

    /**
     * Starts the callback server (once; {@link #start} did already). The chat transports do not need it, so
     * {@code Main} starts it beside them.
     */
    public void startServer() {
        web.start();
    }

    /** The wired services, for transports. */
    public Core core() {
        return core;
    }

    /** The callback server's bound port. */
    public int port() {
        return web.port();
    }

    /**
     * Stops taking OAuth callbacks and waits for those in progress (shutdown: before the transports close, so a
     * completing link can still tell its user in chat).
     */
    public void drainCallbacks() {
        web.drain();
    }

    @Override
    public void close() {
        housekeeping.shutdownNow();
        core.playback().close();
        try {
            web.close();
        } catch (RuntimeException e) {
            log.warn("Stopping the callback server failed", e);
        }
        clients.close();
        core.database().close();
        log.info("Spotlink stopped");
    }
}
