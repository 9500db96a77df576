package dev.spotlink.spotify;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/**
 * Builds the OkHttpClient shared by all Spotify clients (one per process: it owns the connection pool and
 * dispatcher threads, so build it once in {@code Main} and pass it on). The one place where their timeouts are
 * set: every request has a connect, a read/write and a whole-call limit. Retries of failed calls are not here but
 * in the clients ({@link RetryPolicy}), which know which requests are safe to repeat.
 */
public final class HttpClients {

    /** Default connect timeout. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Default read (and write) timeout. */
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    /** Default limit for a whole call, redirects and retries included. */
    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);
    /** Idle keep-alive connections kept per client (all hosts together). */
    public static final int MAX_IDLE_CONNECTIONS = 64;

    private HttpClients() {
    }

    /** Connect 5 s, read 10 s, whole call 15 s. */
    public static OkHttpClient create() {
        return create(CONNECT_TIMEOUT, READ_TIMEOUT, CALL_TIMEOUT);
    }

    /** Custom timeouts (tests use short ones); each must be positive, since zero means "no limit" to OkHttp. */
    public static OkHttpClient create(Duration connect, Duration read, Duration call) {
        for (Duration limit : new Duration[] {connect, read, call}) {
            if (limit == null || limit.isZero() || limit.isNegative()) {
                throw new IllegalArgumentException("every timeout must be positive: " + limit);
            }
        }
        // retryOnConnectionFailure stays on (OkHttp's default) for GETs: Spotify closes idle keep-alive
        // connections, and a silent retry on a stale pooled connection beats failing a user's command. Token
        // POSTs go through a derived client with it off (see Upstream): they must never be sent twice.
        return new OkHttpClient.Builder()
                // OkHttp keeps 5 idle connections by default: with more commands in flight, every call past the
                // fifth opened (and TLS-handshook) a new connection to Spotify and closed it again afterwards.
                .connectionPool(new ConnectionPool(MAX_IDLE_CONNECTIONS, 5, TimeUnit.MINUTES))
                .connectTimeout(connect)
                .readTimeout(read)
                .writeTimeout(read)
                .callTimeout(call)
                .build();
    }
}
