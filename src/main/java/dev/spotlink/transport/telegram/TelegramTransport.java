package dev.spotlink.transport.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spotlink.Core;
import dev.spotlink.command.CommandRegistry;
import dev.spotlink.command.Notifiers;
import dev.spotlink.command.Reply;
import dev.spotlink.config.Secret;
import dev.spotlink.config.TelegramConfig;
import dev.spotlink.i18n.Messages;
import dev.spotlink.spotify.SpotifyApiClient;
import dev.spotlink.spotify.SpotifyCodesClient;
import dev.spotlink.spotify.TokenManager;
import dev.spotlink.store.ChatUser;
import dev.spotlink.store.LinkedAccountRepository;
import dev.spotlink.store.Platform;
import dev.spotlink.web.Health;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import okhttp3.ConnectionPool;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.inlinequery.InlineQuery;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * The Telegram transport: long polling with TelegramBots against {@code telegram.api-url}, commands from text
 * messages, inline mode, and "linked as ..." notifications in the private chat. Updates are handled off the
 * polling thread; one failing update never stops polling.
 */
public final class TelegramTransport implements AutoCloseable {

    /** Longest {@code retry_after} a send waits for before its one retry. */
    public static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(TelegramTransport.class);
    // One thread per lane, started on demand and ended when idle: 8 lanes capped Telegram at ~80 commands a
    // second (each waits ~80 ms on Spotify) and let one busy chat hold up an eighth of all others.
    private static final int LANES = 64;
    private static final int QUEUE_PER_LANE = 100;
    private static final long DRAIN_MILLIS = 5_000;

    private final String token;
    private final TelegramUrl url;
    private final CommandRegistry registry;
    private final Messages messages;
    private final Notifiers notifiers;
    private final Health health;
    private final InlineQueries inline;
    private final Redaction redaction;
    private final OkHttpClient http;
    private final TelegramSender sender;
    private final ReplyRenderer renderer;
    private final UpdatePolling polling = new UpdatePolling();
    private final PollingSockets pollingSockets = new PollingSockets();
    private final ConnectionPool pollingPool = new ConnectionPool();
    private final OrderedExecutor lanes = new OrderedExecutor("telegram-update", LANES, QUEUE_PER_LANE);
    private final ScheduledExecutorService pollerThread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "telegram-poller");
        t.setDaemon(true); // a long poll in flight at shutdown must not keep the JVM alive
        return t;
    });

    private volatile MessageHandler handler;
    private volatile String botUsername;
    private volatile boolean closed;
    private TelegramBotsLongPollingApplication pollingApp;

    /**
     * @param apiUrl Bot API base such as {@code https://api.telegram.org} or {@code http://127.0.0.1:8081}
     */
    public TelegramTransport(Secret token, String apiUrl, CommandRegistry registry, Messages messages,
                             Notifiers notifiers, Health health, LinkedAccountRepository accounts,
                             TokenManager tokens, SpotifyApiClient api, SpotifyCodesClient codes) {
        this.token = token.reveal();
        if (this.token.isBlank()) {
            throw new IllegalArgumentException("telegram.token is empty");
        }
        this.url = telegramUrl(apiUrl);
        this.registry = registry;
        this.messages = messages;
        this.notifiers = notifiers;
        this.health = health;
        this.inline = new InlineQueries(accounts, tokens, api, codes, messages);
        this.redaction = new Redaction(this.token);
        this.http = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(30))
                .writeTimeout(Duration.ofSeconds(30))
                .build();
        this.sender = new TelegramSender(new OkHttpTelegramClient(http, this.token, url), redaction,
                MAX_RETRY_AFTER, d -> Thread.sleep(d.toMillis()));
        this.renderer = new ReplyRenderer(sender);
    }

    /** The transport for a config and the wired core services; call {@link #start()} next. */
    public static TelegramTransport create(TelegramConfig config, Core core) {
        return new TelegramTransport(config.token(), config.apiUrl(), core.registry(), core.messages(),
                core.notifiers(), core.health(), core.accounts(), core.tokens(), core.api(), core.codes());
    }

    /**
     * Logs in ({@code getMe}), publishes the command menu, registers the notifier and health, and starts
     * polling in the background. Returns once polling runs.
     *
     * @throws IllegalStateException when Telegram refuses the token or cannot be reached
     */
    public synchronized void start() {
        if (pollingApp != null || closed) {
            throw new IllegalStateException("Telegram transport already started or closed");
        }
        try {
            login();
        } catch (RuntimeException e) {
            close(); // no threads or connections left behind by a failed start
            throw e;
        }
    }

    private void login() {
        User me;
        try {
            me = sender.execute("getMe", client -> client.execute(new GetMe()));
        } catch (TelegramApiException e) {
            // not logged here: the caller reports the failed start, with this (token-free) cause
            int code = TelegramSender.errorCode(e);
            throw new IllegalStateException(code == 401 || code == 404
                    ? "Telegram refused telegram.token (HTTP " + code + "): check the token from @BotFather"
                    : "Telegram Bot API at " + describe(url) + " is not answering: " + redaction.text(e.getMessage()),
                    redaction.scrub(e));
        }
        if (me.getUserName() == null || me.getUserName().isBlank()) {
            throw new IllegalStateException("Telegram's getMe returned no bot username");
        }
        botUsername = me.getUserName();
        publishCommands();
        handler = new MessageHandler(registry, messages, renderer, botUsername);
        notifiers.register(Platform.TELEGRAM, this::notifyUser);
        health.registerTransport("telegram", () -> polling.state().name());
        pollingApp = new TelegramBotsLongPollingApplication(ObjectMapper::new,
                () -> http.newBuilder()
                        .readTimeout(Duration.ofSeconds(UpdatePolling.TIMEOUT_SECONDS + 25))
                        // own pool: connections are shared by address, not by socket factory
                        .connectionPool(pollingPool)
                        .socketFactory(pollingSockets)
                        .addInterceptor(this::quietAfterClose)
                        .build(),
                () -> pollerThread);
        try {
            pollingApp.registerBot(token, () -> url, polling, this::consume);
        } catch (TelegramApiException e) {
            throw new IllegalStateException("Telegram long polling could not start: "
                    + redaction.text(e.getMessage()), redaction.scrub(e));
        }
        polling.started();
        log.info("Telegram: polling {} as @{}", describe(url), botUsername);
    }

    /** This bot's username (known once started). */
    public String botUsername() {
        return botUsername;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        polling.stopped();
        if (pollingApp != null) {
            try {
                pollingApp.close(); // no further polls
            } catch (Exception e) {
                log.warn("Stopping Telegram polling failed", redaction.scrub(e));
            }
        }
        pollingSockets.closeAll(); // ends the poll in flight; quietAfterClose turns that into "no updates"
        pollerThread.shutdown();
        lanes.shutdown(DRAIN_MILLIS);
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
        pollingPool.evictAll();
        log.info("Telegram transport stopped");
    }

    /**
     * Polls end as "no updates" once the transport is closed: the poll in flight, whose socket close() shut,
     * and any poll that was about to start. TelegramBots would log either as an ERROR with a stack trace.
     */
    private Response quietAfterClose(Interceptor.Chain chain) throws IOException {
        if (!closed) {
            try {
                return chain.proceed(chain.request());
            } catch (IOException e) {
                if (!closed) {
                    throw e;
                }
            }
        }
        return new Response.Builder()
                .request(chain.request())
                .protocol(Protocol.HTTP_1_1)
                .code(200)
                .message("OK")
                .body(ResponseBody.create("{\"ok\":true,\"result\":[]}", MediaType.get("application/json")))
                .build();
    }

    private void publishCommands() {
        for (SetMyCommands menu : BotCommands.menus(registry, messages)) {
            String what = "setMyCommands (" + (menu.getLanguageCode() == null ? "default" : menu.getLanguageCode())
                    + ")";
            sender.trySend(what, client -> client.execute(menu));
        }
    }

    /** Runs on the polling thread: hands each update to a lane and must never throw (that ends polling). */
    private void consume(List<Update> updates) {
        for (Update update : updates) {
            try {
                route(update);
            } catch (RuntimeException e) {
                log.error("Could not dispatch update {}", update.getUpdateId(), e);
            }
        }
    }

    private void route(Update update) {
        if (closed) {
            log.debug("Transport closed: update {} left for the next start", update.getUpdateId());
            return;
        }
        if (update.hasMessage() && update.getMessage().getChat() != null) {
            Message message = update.getMessage();
            lanes.execute(message.getChat().getId(), "update " + update.getUpdateId(),
                    () -> handler.handle(message));
        } else if (update.hasInlineQuery() && update.getInlineQuery().getFrom() != null) {
            InlineQuery query = update.getInlineQuery();
            lanes.execute(query.getFrom().getId(), "inline query " + update.getUpdateId(), () -> answer(query));
        } else if (update.hasEditedMessage() || update.hasChannelPost()) {
            log.debug("Ignored update {}: edited message or channel post", update.getUpdateId());
        } else {
            log.info("Ignored update {}: nothing Spotlink handles (or unreadable)", update.getUpdateId());
        }
    }

    private void answer(InlineQuery query) {
        sender.trySend("answerInlineQuery", client -> client.execute(inline.answer(query)));
    }

    /** "Linked as ..." and other later news: a Telegram user's id is also their private chat's id. */
    private void notifyUser(ChatUser user, Reply reply) {
        if (user.platform() != Platform.TELEGRAM) {
            return;
        }
        long chatId;
        try {
            chatId = Long.parseLong(user.userId());
        } catch (NumberFormatException e) {
            log.warn("Cannot notify {}: not a Telegram user id", user);
            return;
        }
        if (closed) {
            log.info("Telegram transport stopped: notification to {} dropped", user);
            return;
        }
        // off the caller's thread: the OAuth callback page should not wait for Telegram (or its rate limit)
        lanes.execute(chatId, "notification to " + user,
                () -> renderer.send(ReplyRenderer.Target.chat(chatId), reply));
    }

    /**
     * Parses {@code telegram.api-url} (blank: the official server). TelegramBots takes scheme, host and port
     * only, so a path is refused.
     */
    static TelegramUrl telegramUrl(String apiUrl) {
        if (apiUrl == null || apiUrl.isBlank()) {
            return new TelegramUrl("https", "api.telegram.org", 443, false);
        }
        URI uri;
        try {
            uri = URI.create(apiUrl.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("telegram.api-url is not a URL: " + apiUrl, e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("telegram.api-url must be http(s)://host[:port]: " + apiUrl);
        }
        String path = uri.getRawPath();
        if (path != null && !path.isEmpty() && !path.equals("/") || uri.getRawQuery() != null) {
            throw new IllegalArgumentException("telegram.api-url cannot have a path or query (TelegramBots "
                    + "always calls /bot<token>/<method> on the host): " + apiUrl);
        }
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return new TelegramUrl(scheme, uri.getHost(), port, false);
    }

    private static String describe(TelegramUrl url) {
        return url.getSchema() + "://" + url.getHost() + ":" + url.getPort();
    }
}
