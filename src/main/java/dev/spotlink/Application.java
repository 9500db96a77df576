package dev.spotlink;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spotlink.card.CardRenderer;
import dev.spotlink.card.Cards;
import dev.spotlink.command.AccountAccess;
import dev.spotlink.command.Command;
import dev.spotlink.command.CommandCooldown;
import dev.spotlink.command.CommandRegistry;
import dev.spotlink.command.HelpCommand;
import dev.spotlink.command.LinkCommand;
import dev.spotlink.command.NowPlayingCommand;
import dev.spotlink.command.Notifiers;
import dev.spotlink.command.PlaybackFormatter;
import dev.spotlink.command.PrivacyCommand;
import dev.spotlink.command.ShareCommand;
import dev.spotlink.command.SpotifyErrors;
import dev.spotlink.command.UnlinkCommand;
import dev.spotlink.config.SpotlinkConfig;
import dev.spotlink.i18n.Messages;
import dev.spotlink.image.Images;
import dev.spotlink.link.AdminAlerts;
import dev.spotlink.link.AdminAppLimit;
import dev.spotlink.link.LinkService;
import dev.spotlink.link.OwnAppAdvice;
import dev.spotlink.link.OwnAppGuide;
import dev.spotlink.metrics.Metrics;
import dev.spotlink.spotify.Backoff;
import dev.spotlink.spotify.HttpClients;
import dev.spotlink.spotify.Json;
import dev.spotlink.spotify.RateLimitGate;
import dev.spotlink.spotify.RateLimitGates;
import dev.spotlink.spotify.Sleeper;
import dev.spotlink.spotify.SpotifyAccountsClient;
import dev.spotlink.spotify.SpotifyApiClient;
import dev.spotlink.spotify.SpotifyCodesClient;
import dev.spotlink.spotify.TokenManager;
import dev.spotlink.store.BotStateRepository;
import dev.spotlink.store.Database;
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
    private final Images images;

    private Application(Core core, WebServer web, ScheduledExecutorService housekeeping, Images images) {
        this.core = core;
        this.web = web;
        this.housekeeping = housekeeping;
        this.images = images;
    }

    /** Opens the database, wires everything and starts the callback server. */
    public static Application start(SpotlinkConfig config, Clock clock) {
        return start(config, clock, ServerLimits.DEFAULT);
    }

    /** As {@link #start(SpotlinkConfig, Clock)} with other callback server limits (tests). */
    public static Application start(SpotlinkConfig config, Clock clock, ServerLimits limits) {
        Database database = Database.open(config.database());
        try {
            return wire(config, clock, database, limits);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    private static Application wire(SpotlinkConfig config, Clock clock, Database database, ServerLimits limits) {
        TokenCipher cipher = TokenCipher.openFor(database, config.security().keyFile());
        LinkedAccountRepository accounts = new LinkedAccountRepository(database, cipher);
        PendingLinkRepository pending = new PendingLinkRepository(database, cipher);

        Metrics metrics = Metrics.create(config.metrics());
        OkHttpClient http = metrics.instrument(HttpClients.create(), config.spotify());
        ObjectMapper json = Json.mapper();
        // One gate per Spotify app (the admin's, and each member's own): a 429 pauses that app's Web API and token
        // calls alike, and no other app's. Gates and back-offs keep real time (they sleep for real), whatever clock
        // decides token expiry.
        RateLimitGate adminGate = new RateLimitGate(RateLimitGates.name(config.spotify().clientId()),
                metrics.rateLimitWaits("app", Sleeper.system()));
        Sleeper ownAppWaits = metrics.rateLimitWaits("own_apps", Sleeper.system());
        RateLimitGates appGates = new RateLimitGates(config.spotify().clientId(), adminGate,
                RateLimitGates.DEFAULT_MAX_APPS, id -> new RateLimitGate(RateLimitGates.name(id), ownAppWaits));
        RateLimitGate codesGate = new RateLimitGate("Spotify codes", metrics.rateLimitWaits("codes", Sleeper.system()));
        metrics.bindRateLimitGate("app", adminGate);
        metrics.bindRateLimitGate("codes", codesGate);
        SpotifyAccountsClient accountsClient = new SpotifyAccountsClient(http, json, config.spotify(), clock,
                appGates, Backoff.standard());
        SpotifyApiClient api = new SpotifyApiClient(http, json, config.spotify().apiUrl(), appGates,
                Backoff.standard());
        SpotifyCodesClient codes = new SpotifyCodesClient(http, config.spotify().codesUrl(),
                codesGate, Backoff.standard());
        TokenManager tokens = new TokenManager(accounts, accountsClient, clock, TokenManager.DEFAULT_MAX_RETRY_AFTER,
                Sleeper.system(), RefreshLock.forDatabase(database));

        Messages messages = new Messages();
        Notifiers notifiers = new Notifiers();
        AdminAlerts alerts = new AdminAlerts(new BotStateRepository(database, clock), notifiers, messages, clock,
                config.spotify().clientId(), config.link().ownApp());
        OwnAppGuide guide = new OwnAppGuide(messages, config.spotify().redirectUri());
        LinkService links = new LinkService(pending, accounts, accountsClient, api, config.spotify().clientId(),
                notifiers, alerts, guide, messages, config.link(), clock, new SecureRandom());

        AccountAccess access = new AccountAccess(accounts, messages);
        Images images = Images.create(http, codes, config.cache(), config.imageCacheDirectory());
        metrics.bindImageCache(images);
        // Drawn cards get the same memory bound as the images they are drawn from (0 turns both off).
        Cards cards = new Cards(images, new CardRenderer(), config.cache().memoryBytes());
        metrics.bindCardTemplates(cards);
        List<Command> commands = new ArrayList<>(List.of(
                new LinkCommand(links, new AdminAppLimit(accounts, config.spotify().clientId(),
                        !config.link().extendedQuota()), alerts, guide, messages),
                new UnlinkCommand(links, messages),
                new NowPlayingCommand(access, tokens, api, cards, new PlaybackFormatter(messages), messages),
                new ShareCommand(access, accounts, tokens, api, cards, messages),
                new PrivacyCommand(access, accounts, messages)));
        commands.add(new HelpCommand(messages, commands.stream().map(Command::spec).toList()));
        SpotifyErrors spotifyErrors = new SpotifyErrors(messages, new OwnAppAdvice(accounts, alerts, guide, messages,
                config.spotify().clientId(), config.link().ownApp()));
        CommandRegistry registry = new CommandRegistry(metrics.timed(commands), messages,
                new CommandCooldown(config.command().cooldown(), clock), spotifyErrors);

        Health health = new Health(database::isOpen);
        String callbackPath = callbackPath(config);
        WebhookEndpoint webhooks = new WebhookEndpoint();
        WebServer web = new WebServer(config.server().host(), config.server().port(), callbackPath, links,
                messages, health, json, limits, webhooks, metrics).start();

        ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "spotlink-housekeeping");
            t.setDaemon(true);
            return t;
        });
        housekeeping.scheduleWithFixedDelay(() -> purge(links), 1, 60, TimeUnit.MINUTES);
        Core core = new Core(clock, database, accounts, http, json, api, codes, tokens, messages, notifiers, links,
                registry, health, webhooks);
        return new Application(core, web, housekeeping, images);
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
        try {
            web.close();
        } catch (RuntimeException e) {
            log.warn("Stopping the callback server failed", e);
        }
        images.close();
        core.http().dispatcher().executorService().shutdown();
        core.http().connectionPool().evictAll();
        core.database().close();
        log.info("Spotlink stopped");
    }
}
