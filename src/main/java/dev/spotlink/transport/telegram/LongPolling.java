package dev.spotlink.transport.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
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
import org.telegram.telegrambots.longpolling.BotSession;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.longpolling.interfaces.LongPollingUpdateConsumer;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * TelegramBots' long poller for one bot, which can be paused and resumed (the {@link PollingLease} moves
 * polling between processes) and closed without an error in the log. TelegramBots deletes any webhook when a
 * session starts.
 */
final class LongPolling implements PollingLease.Poller, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LongPolling.class);

    private final String token;
    private final TelegramUrl url;
    private final Redaction redaction;
    private final LongPollingUpdateConsumer consumer;
    private final UpdatePolling polling = new UpdatePolling();
    private final PollingSockets sockets = new PollingSockets();
    private final ConnectionPool pool = new ConnectionPool();
    private final ScheduledExecutorService pollerThread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "telegram-poller");
        t.setDaemon(true); // a long poll in flight at shutdown must not keep the JVM alive
        return t;
    });
    private final TelegramBotsLongPollingApplication app;
    private volatile boolean closed;
    private BotSession session;

    LongPolling(String token, TelegramUrl url, OkHttpClient http, Redaction redaction,
                LongPollingUpdateConsumer consumer) {
        this.token = token;
        this.url = url;
        this.redaction = redaction;
        this.consumer = consumer;
        this.app = new TelegramBotsLongPollingApplication(ObjectMapper::new,
                () -> http.newBuilder()
                        .readTimeout(Duration.ofSeconds(UpdatePolling.TIMEOUT_SECONDS + 25))
                        // own pool: connections are shared by address, not by socket factory
                        .connectionPool(pool)
                        .socketFactory(sockets)
                        .addInterceptor(this::quietAfterClose)
                        .build(),
                () -> pollerThread);
    }

    /** The connection state for {@code /health}. */
    UpdatePolling.State state() {
        return polling.state();
    }

    /**
     * Starts (or restarts) polling.
     *
     * @throws IllegalStateException when TelegramBots refuses to start
     */
    @Override
    public synchronized void resume() {
        if (closed) {
            return;
        }
        try {
            if (session == null) {
                session = app.registerBot(token, () -> url, polling, consumer);
            } else {
                session.start();
            }
        } catch (TelegramApiException e) {
            throw new IllegalStateException("Telegram long polling could not start: "
                    + redaction.text(e.getMessage()), redaction.scrub(e));
        }
        polling.started();
    }

    /** Stops asking for updates; a poll in flight still delivers what it gets. */
    @Override
    public synchronized void pause() {
        if (session != null) {
            session.stop();
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        polling.stopped();
        try {
            app.close(); // no further polls
        } catch (Exception e) {
            log.warn("Stopping Telegram polling failed", redaction.scrub(e));
        }
        sockets.closeAll(); // ends the poll in flight; quietAfterClose turns that into "no updates"
        pollerThread.shutdown();
        pool.evictAll();
    }

    /**
     * Polls end as "no updates" once closed: the poll in flight, whose socket close() shut, and any poll that
     * was about to start. TelegramBots would log either as an ERROR with a stack trace.
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
}
