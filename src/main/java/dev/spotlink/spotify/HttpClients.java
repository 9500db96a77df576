package dev.spotlink.spotify;

import java.time.Duration;
import okhttp3.OkHttpClient;

/**
 * Builds the OkHttpClient shared by all Spotify clients (one per process: it owns the connection pool and
 * dispatcher threads, so build it once in {@code Main} and pass it on).
 */
public final class HttpClients {

    /** Default connect timeout. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Default read (and write) timeout. */
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    /** Default limit for a whole call, redirects and retries included. */
    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);

    private HttpClients() {
    }

    /** Connect 5 s, read 10 s, whole call 15 s. */
    public static OkHttpClient create() {
        return create(CONNECT_TIMEOUT, READ_TIMEOUT, CALL_TIMEOUT);
    }

    /** Custom timeouts (tests use short ones). */
    public static OkHttpClient create(Duration connect, Duration read, Duration call) {
        // retryOnConnectionFailure stays on (OkHttp's default): Spotify closes idle keep-alive connections, and
        // a silent retry on a stale pooled connection beats failing a user's command. OkHttp does not retry a
        // request after a read timeout, so a slow token endpoint is never hit twice by this.
        return new OkHttpClient.Builder()
                .connectTimeout(connect)
                .readTimeout(read)
                .writeTimeout(read)
                .callTimeout(call)
                .build();
    }
}
