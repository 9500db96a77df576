package dev.spotlink.web;

import io.javalin.http.Context;
import java.util.Objects;

/**
 * The route {@code POST /telegram/{key}} of the callback server, bound late: the server declares its routes when
 * it is built, before any transport starts, so a transport in webhook mode {@link #attach attaches} its receiver
 * here afterwards. Until then, and after {@link #detach}, the route answers 404 like any unknown path.
 */
public final class WebhookEndpoint {

    /** The route; {@code key} is the secret path segment the receiver checks. */
    public static final String PATH = "/telegram/{key}";
    /** Path prefix of {@link #PATH}, for building the public URL. */
    public static final String PREFIX = "/telegram/";

    /** Handles one delivery; returns the HTTP status to answer with. Must return fast (work goes elsewhere). */
    public interface Receiver {
        /**
         * @param key    the path segment after {@link #PREFIX}
         * @param secret the {@code X-Telegram-Bot-Api-Secret-Token} header, or null
         * @param body   the request body
         */
        int receive(String key, String secret, byte[] body);
    }

    private volatile Receiver receiver;

    public void attach(Receiver receiver) {
        this.receiver = Objects.requireNonNull(receiver, "receiver");
    }

    public void detach() {
        receiver = null;
    }

    void handle(Context ctx) {
        Receiver current = receiver;
        int status = current == null ? 404
                : current.receive(ctx.pathParam("key"), ctx.header("X-Telegram-Bot-Api-Secret-Token"),
                ctx.bodyAsBytes());
        ctx.status(status).contentType("text/plain; charset=utf-8").result(switch (status) {
            case 200 -> "OK\n";
            case 401 -> "Unauthorized\n";
            case 404 -> "Not found\n";
            case 503 -> "Unavailable\n";
            default -> "Bad request\n";
        });
    }
}
