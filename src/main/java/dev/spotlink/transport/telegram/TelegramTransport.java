package dev.spotlink.transport.telegram;

import dev.spotlink.Core;
import dev.spotlink.command.AccountAccess;
import dev.spotlink.command.CommandRegistry;
import dev.spotlink.command.MemberSpotify;
import dev.spotlink.command.Notifiers;
import dev.spotlink.command.Reply;
import dev.spotlink.config.Secret;
import dev.spotlink.config.TelegramConfig;
import dev.spotlink.config.TelegramWebhook;
import dev.spotlink.domain.ChatUser;
import dev.spotlink.domain.Leases;
import dev.spotlink.domain.Platform;
import dev.spotlink.i18n.Messages;
import dev.spotlink.link.PasteBack;
import dev.spotlink.spotify.SpotifyCodesClient;
import dev.spotlink.web.Health;
import dev.spotlink.web.WebhookEndpoint;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.methods.updates.SetWebhook;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.inlinequery.InlineQuery;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * The Telegram transport: updates by long polling (TelegramBots, against {@code telegram.api-url}; one process
 * per bot at a time through a database lease) or by webhook (Telegram posts them to our callback server, any
 * process may take them), commands from text messages, inline mode, and "linked as ..." notifications in the
 * private chat. Updates are handled off the receiving thread, in order per chat; one failing update never stops
 * the others.
 */
public final class TelegramTransport implements AutoCloseable {

    /** Longest {@code retry_after} a send waits for before its one retry. */
    public static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(30);

    /**
     * How updates arrive.
     *
     * @param webhook    webhook mode's settings; empty = long polling
     * @param endpoint   where the webhook receiver attaches (webhook mode)
     * @param leases     the lease that keeps polling to one process; empty = poll without asking (one process)
     * @param renewEvery how often the polling lease is renewed (and a standby process retries)
     * @param leaseTtl   how long the lease outlives its last renewal
     */
    public record Receiving(Optional<TelegramWebhook> webhook, WebhookEndpoint endpoint,
                            Optional<Leases> leases, Duration renewEvery, Duration leaseTtl) {

        public Receiving {
            Objects.requireNonNull(webhook, "webhook");
            Objects.requireNonNull(leases, "leases");
            if (webhook.isPresent()) {
                Objects.requireNonNull(endpoint, "endpoint");
            }
            new PollingLease.Timing(renewEvery, leaseTtl); // validates
        }

        /** Long polling without any coordination: for a process that knows it is alone. */
        public static Receiving pollingAlone() {
            return new Receiving(Optional.empty(), null, Optional.empty(),
                    PollingLease.Timing.DEFAULT.renewEvery(), PollingLease.Timing.DEFAULT.ttl());
        }

        /** Long polling while holding the database lease. */
        public static Receiving polling(Leases leases) {
            return new Receiving(Optional.empty(), null, Optional.of(leases),
                    PollingLease.Timing.DEFAULT.renewEvery(), PollingLease.Timing.DEFAULT.ttl());
        }

        /** Webhook mode. */
        public static Receiving webhook(TelegramWebhook webhook, WebhookEndpoint endpoint) {
            return new Receiving(Optional.of(webhook), endpoint, Optional.empty(),
                    PollingLease.Timing.DEFAULT.renewEvery(), PollingLease.Timing.DEFAULT.ttl());
        }

        /** The same with other lease timing (tests). */
        public Receiving withLeaseTiming(Duration renewEvery, Duration leaseTtl) {
            return new Receiving(webhook, endpoint, leases, renewEvery, leaseTtl);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(TelegramTransport.class);
    // Chats run side by side on up to 64 threads, started on demand and ended when idle (8 capped Telegram at ~80
    // commands a second, each waiting ~80 ms on Spotify); each chat's updates in order, on its own queue.
    private static final int THREADS = 64;
    private static final int QUEUE_PER_CHAT = 100;
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
    private final ChatMemberships memberships;
    private final Receiving receiving;
    private final OrderedExecutor chats = new OrderedExecutor("telegram-update", THREADS, QUEUE_PER_CHAT);
    private final ScheduledExecutorService leaseThread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "telegram-lease");
        t.setDaemon(true);
        return t;
    });

    private volatile MessageHandler handler;
    private volatile String botUsername;
    private volatile Long adminChatId;
    private volatile PasteBack pasteBack;
    private volatile boolean closed;
    private volatile boolean webhookActive;
    private boolean started;
    private LongPolling polling;
    private PollingLease lease;

    /**
     * Long polling without a lease (one process).
     *
     * @param apiUrl Bot API base such as {@code https://api.telegram.org} or {@code http://127.0.0.1:8081}
     */
    public TelegramTransport(Secret token, String apiUrl, CommandRegistry registry, Messages messages,
                             Notifiers notifiers, Health health, AccountAccess access, MemberSpotify spotify,
                             SpotifyCodesClient codes) {
        this(token, apiUrl, registry, messages, notifiers, health, access, spotify, codes, Receiving.pollingAlone());
    }

    /**
     * @param access  the members' accounts and {@code spotify} what they play, for inline mode: the same core
     *                services the commands use
     */
    public TelegramTransport(Secret token, String apiUrl, CommandRegistry registry, Messages messages,
                             Notifiers notifiers, Health health, AccountAccess access, MemberSpotify spotify,
                             SpotifyCodesClient codes, Receiving receiving) {
        this.token = token.reveal();
        if (this.token.isBlank()) {
            throw new IllegalArgumentException("telegram.token is empty");
        }
        this.url = TelegramApiUrl.parse(apiUrl);
        this.registry = registry;
        this.messages = messages;
        this.notifiers = notifiers;
        this.health = health;
        this.receiving = Objects.requireNonNull(receiving, "receiving");
        this.inline = new InlineQueries(access, spotify, codes, messages, registry.rateLimit());
        this.redaction = new Redaction(this.token);
        // TelegramBots' execute() waits on an asynchronous call, so OkHttp's dispatcher limits how many sends run at
        // once: by default 5 per host, which held every chat's answer behind five uploads (~100 per second against
        // the load driver's fake, fewer against the real Bot API). Every chat thread gets its send in flight, and
        // notifications from the callback server as many again.
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(2 * THREADS);
        dispatcher.setMaxRequestsPerHost(2 * THREADS);
        this.http = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(THREADS, 5, TimeUnit.MINUTES))
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(30))
                .writeTimeout(Duration.ofSeconds(30))
                .build();
        this.sender = new TelegramSender(new OkHttpTelegramClient(http, this.token, url), redaction,
                MAX_RETRY_AFTER, d -> Thread.sleep(d.toMillis()));
        this.renderer = new ReplyRenderer(sender);
        this.memberships = new ChatMemberships(sender, redaction, Clock.systemUTC());
    }

    /**
     * The transport for a config and the wired core services: webhook mode on the core's webhook endpoint, or
     * polling under the database lease. Call {@link #start()} next.
     */
    public static TelegramTransport create(TelegramConfig config, Core core) {
        Receiving receiving = config.webhook()
                .map(webhook -> Receiving.webhook(webhook, core.webhooks()))
                .orElseGet(() -> Receiving.polling(core.leases()));
        TelegramTransport transport = new TelegramTransport(config.token(), config.apiUrl(), core.registry(),
                core.messages(), core.notifiers(), core.health(), core.access(), core.spotify(), core.codes(),
                receiving);
        config.adminChatId().ifPresent(transport::postAdminNotesIn);
        transport.acceptPastedAddresses(core.pasteBack()); // it recognizes nothing while link.paste-back is off
        return transport;
    }

    /** Addresses members paste back after {@code /link} ({@code link.paste-back}) go here once started. */
    public void acceptPastedAddresses(PasteBack pasteBack) {
        this.pasteBack = pasteBack;
    }

    /** Notes for the admin ({@code telegram.admin-chat-id}) go to this chat once started. */
    public void postAdminNotesIn(long chatId) {
        this.adminChatId = chatId;
    }

    /**
     * Logs in ({@code getMe}), publishes the command menu, registers the notifier and health, and starts taking
     * updates: sets the webhook, or starts polling (or standing by while another process polls).
     *
     * @throws IllegalStateException when Telegram refuses the token, the webhook, or cannot be reached
     */
    public synchronized void start() {
        if (started || closed) {
            throw new IllegalStateException("Telegram transport already started or closed");
        }
        started = true;
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
                    : "Telegram Bot API at " + TelegramApiUrl.describe(url) + " is not answering: "
                            + redaction.text(e.getMessage()),
                    redaction.scrub(e));
        }
        if (me.getUserName() == null || me.getUserName().isBlank()) {
            throw new IllegalStateException("Telegram's getMe returned no bot username");
        }
        botUsername = me.getUserName();
        publishCommands();
        handler = new MessageHandler(registry, messages, renderer, botUsername, Optional.ofNullable(pasteBack),
                memberships);
        notifiers.register(Platform.TELEGRAM, this::notifyUser);
        Long adminChat = adminChatId;
        if (adminChat != null) {
            // a chat id is addressed like a user's private chat: sendMessage takes either
            ChatUser admin = new ChatUser(Platform.TELEGRAM, Long.toString(adminChat));
            notifiers.registerAdminChannel(Platform.TELEGRAM, reply -> notifyUser(admin, reply));
        }
        health.registerTransport("telegram", this::healthState);
        health.registerTransport("telegram.updates", this::updatesState);
        if (receiving.webhook().isPresent()) {
            startWebhook(receiving.webhook().get());
        } else {
            startPolling(me);
        }
    }

    private void startWebhook(TelegramWebhook webhook) {
        String secret = webhook.secret().map(Secret::reveal).orElseGet(() -> WebhookReceiver.derivedSecret(token));
        String key = WebhookReceiver.pathKey(secret);
        // attached first: Telegram may deliver the moment setWebhook returns
        receiving.endpoint().attach(new WebhookReceiver(key, secret, this::consume));
        SetWebhook request = SetWebhook.builder()
                .url(webhook.publicUrl() + WebhookEndpoint.PREFIX + key)
                .secretToken(secret)
                .allowedUpdates(UpdatePolling.ALLOWED_UPDATES)
                .build();
        try {
            sender.execute("setWebhook", client -> client.execute(request));
        } catch (TelegramApiException e) {
            receiving.endpoint().detach();
            throw new IllegalStateException("Telegram refused the webhook at " + webhook.publicUrl()
                    + WebhookEndpoint.PREFIX + "...: " + redaction.text(e.getMessage())
                    + " (check telegram.webhook-url: public https, reachable by Telegram)", redaction.scrub(e));
        }
        webhookActive = true;
        log.info("Telegram: webhook set at {}{}... as @{}", webhook.publicUrl(), WebhookEndpoint.PREFIX,
                botUsername);
    }

    private void startPolling(User me) {
        polling = new LongPolling(token, url, http, redaction, this::consume);
        if (receiving.leases().isEmpty()) {
            polling.resume();
        } else {
            String owner = ProcessHandle.current().pid() + "-" + UUID.randomUUID();
            lease = new PollingLease(receiving.leases().get(), "telegram.poll." + me.getId(), owner,
                    new PollingLease.Timing(receiving.renewEvery(), receiving.leaseTtl()), leaseThread, polling);
            lease.start();
        }
        log.info("Telegram: polling {} as @{}{}", TelegramApiUrl.describe(url), botUsername,
                lease != null && lease.state() == PollingLease.State.STANDBY ? " (standing by)" : "");
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
        if (webhookActive) {
            // the webhook stays set: the other processes behind the proxy keep taking updates
            receiving.endpoint().detach();
        }
        if (polling != null) {
            polling.close(); // stop polling before the lease goes, so two processes never poll at once
        }
        if (lease != null) {
            lease.close();
        }
        leaseThread.shutdownNow();
        chats.shutdown(DRAIN_MILLIS);
        memberships.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
        log.info("Telegram transport stopped");
    }

    /** The connection state for {@code /health}: CONNECTED, RECONNECTING, STANDBY, STOPPED, STARTING. */
    private String healthState() {
        if (closed) {
            return "STOPPED";
        }
        if (webhookActive) {
            return "CONNECTED";
        }
        if (lease != null && lease.state() == PollingLease.State.STANDBY) {
            return "STANDBY";
        }
        return polling == null ? "STARTING" : polling.state().name();
    }

    /** How this process takes updates, for {@code /health}: polling, standby, webhook or stopped. */
    private String updatesState() {
        if (closed) {
            return "stopped";
        }
        if (webhookActive) {
            return "webhook";
        }
        return lease != null && lease.state() == PollingLease.State.STANDBY ? "standby" : "polling";
    }

    private void publishCommands() {
        for (SetMyCommands menu : BotCommands.menus(registry, messages)) {
            String what = "setMyCommands (" + (menu.getLanguageCode() == null ? "default" : menu.getLanguageCode())
                    + ")";
            sender.trySend(what, client -> client.execute(menu));
        }
    }

    /** Runs on the polling thread: hands each update to its chat's queue and must never throw (that ends polling). */
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
            chats.execute(message.getChat().getId(), "update " + update.getUpdateId(),
                    () -> handler.handle(message));
        } else if (update.hasInlineQuery() && update.getInlineQuery().getFrom() != null) {
            InlineQuery query = update.getInlineQuery();
            inline.received(query);
            String what = "inline query " + update.getUpdateId();
            if (!chats.execute(query.getFrom().getId(), what, () -> answer(query))) {
                inline.dropped(query);
            }
        } else if (update.hasEditedMessage() || update.hasChannelPost()) {
            log.debug("Ignored update {}: edited message or channel post", update.getUpdateId());
        } else {
            log.info("Ignored update {}: nothing Spotlink handles (or unreadable)", update.getUpdateId());
        }
    }

    private void answer(InlineQuery query) {
        inline.answerUnlessOvertaken(query).ifPresent(answer ->
                sender.trySend("answerInlineQuery", client -> client.execute(answer)));
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
        chats.execute(chatId, "notification to " + user,
                () -> renderer.send(ReplyRenderer.Target.chat(chatId), reply));
    }
}
