package dev.spotlink;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spotlink.command.AccountAccess;
import dev.spotlink.command.CodeImages;
import dev.spotlink.command.CodeOptions;
import dev.spotlink.command.Command;
import dev.spotlink.command.CommandRegistry;
import dev.spotlink.command.HelpCommand;
import dev.spotlink.command.LinkCommand;
import dev.spotlink.command.NowPlayingCommand;
import dev.spotlink.command.Notifiers;
import dev.spotlink.command.PlaybackFormatter;
import dev.spotlink.command.PrivacyCommand;
import dev.spotlink.command.ShareCommand;
import dev.spotlink.command.UnlinkCommand;
import dev.spotlink.config.SpotlinkConfig;
import dev.spotlink.i18n.Messages;
import dev.spotlink.link.LinkService;
import dev.spotlink.spotify.HttpClients;
import dev.spotlink.spotify.Json;
import dev.spotlink.spotify.SpotifyAccountsClient;
import dev.spotlink.spotify.SpotifyApiClient;
import dev.spotlink.spotify.SpotifyCodesClient;
import dev.spotlink.spotify.TokenManager;
import dev.spotlink.store.Database;
import dev.spotlink.store.LinkedAccountRepository;
import dev.spotlink.store.PendingLinkRepository;
import dev.spotlink.store.TokenCipher;
import dev.spotlink.web.Health;
import dev.spotlink.web.WebServer;
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

    private Application(Core core, WebServer web, ScheduledExecutorService housekeeping) {
        this.core = core;
        this.web = web;
        this.housekeeping = housekeeping;
    }

    /** Opens the database, wires everything and starts the callback server. */
    public static Application start(SpotlinkConfig config, Clock clock) {
        Database database = Database.open(config.database().url());
        try {
            return wire(config, clock, database);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    private static Application wire(SpotlinkConfig config, Clock clock, Database database) {
        TokenCipher cipher = TokenCipher.openFor(database, config.security().keyFile());
        LinkedAccountRepository accounts = new LinkedAccountRepository(database, cipher);
        PendingLinkRepository pending = new PendingLinkRepository(database, cipher);

        OkHttpClient http = HttpClients.create();
        ObjectMapper json = Json.mapper();
        SpotifyAccountsClient accountsClient = new SpotifyAccountsClient(http, json, config.spotify(), clock);
        SpotifyApiClient api = new SpotifyApiClient(http, json, config.spotify().apiUrl());
        SpotifyCodesClient codes = new SpotifyCodesClient(http, config.spotify().codesUrl());
        TokenManager tokens = new TokenManager(accounts, accountsClient, clock);

        Messages messages = new Messages();
        Notifiers notifiers = new Notifiers();
        LinkService links = new LinkService(pending, accounts, accountsClient, api, config.spotify().clientId(),
                notifiers, messages, config.link(), clock, new SecureRandom());

        AccountAccess access = new AccountAccess(accounts, messages);
        CodeImages codeImages = new CodeImages(codes);
        List<Command> commands = new ArrayList<>(List.of(
                new LinkCommand(links, messages),
                new UnlinkCommand(links, messages),
                new NowPlayingCommand(access, tokens, api, codeImages, new PlaybackFormatter(messages), messages),
                new ShareCommand(access, accounts, tokens, api, codeImages, new CodeOptions(messages), messages),
                new PrivacyCommand(access, accounts, messages)));
        commands.add(new HelpCommand(messages, commands.stream().map(Command::spec).toList()));
        CommandRegistry registry = new CommandRegistry(commands, messages);

        Health health = new Health(database::isOpen);
        String callbackPath = callbackPath(config);
        WebServer web = new WebServer(config.server().host(), config.server().port(), callbackPath, links,
                messages, health, json).start();

        ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "spotlink-housekeeping");
            t.setDaemon(true);
            return t;
        });
        housekeeping.scheduleWithFixedDelay(() -> purge(links), 1, 60, TimeUnit.MINUTES);
        Core core = new Core(clock, database, accounts, http, json, api, codes, tokens, messages, notifiers, links,
                registry, health);
        return new Application(core, web, housekeeping);
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

    @Override
    public void close() {
        housekeeping.shutdownNow();
        try {
            web.close();
        } catch (RuntimeException e) {
            log.warn("Stopping the callback server failed", e);
        }
        core.http().dispatcher().executorService().shutdown();
        core.http().connectionPool().evictAll();
        core.database().close();
        log.info("Spotlink stopped");
    }
}
