package dev.spotlink.admin.setup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import okhttp3.Credentials;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks Spotify, Discord and Telegram whether the credentials typed into the set-up page work, with the cheapest
 * call each offers: a client-credentials token ({@code {accounts}/api/token}), {@code GET users/@me} and
 * {@code getMe}. Every failure becomes a {@link Outcome.Failed} with a message key; nothing is thrown. Secrets
 * never reach the log or the outcome (a Telegram token sits in the URL path, so URLs are not logged either).
 */
final class SetupChecks {

    /** What a check found. */
    sealed interface Outcome {
        /** Accepted; {@code name} is the bot's name (empty for Spotify), {@code id} its user id. */
        record Passed(String name, String id) implements Outcome {
        }

        /** Refused or not reachable; {@code key} is a message key filled with {@code args}. */
        record Failed(String key, List<Object> args) implements Outcome {
        }
    }

    private static final Logger log = LoggerFactory.getLogger(SetupChecks.class);

    private final OkHttpClient http;
    private final ObjectMapper json;

    SetupChecks(OkHttpClient http, ObjectMapper json) {
        this.http = http;
        this.json = json;
    }

    /** Client id + secret, by a client-credentials token request at {@code accountsUrl}/api/token. */
    Outcome spotify(String accountsUrl, String clientId, String clientSecret) {
        HttpUrl url = url(accountsUrl, "api/token");
        if (url == null) {
            return failed("setup.check.bad-url", accountsUrl);
        }
        Request request = new Request.Builder().url(url)
                .header("Authorization", Credentials.basic(clientId, clientSecret))
                .post(new FormBody.Builder().add("grant_type", "client_credentials").build())
                .build();
        return call(request, url, "Spotify", (status, body) -> {
            if (status == 200 && body.hasNonNull("access_token")) {
                return new Outcome.Passed("", clientId);
            }
            String error = body.path("error").asText("");
            if (error.equals("invalid_client") || status == 401) {
                return failed("setup.spotify.invalid-client");
            }
            return failed("setup.check.status", "Spotify", status);
        });
    }

    /** A Discord bot token, by {@code GET {apiUrl}users/@me}. */
    Outcome discord(String apiUrl, String token) {
        HttpUrl url = url(apiUrl.endsWith("/") ? apiUrl : apiUrl + "/", "users/@me");
        if (url == null) {
            return failed("setup.check.bad-url", apiUrl);
        }
        Request request = new Request.Builder().url(url).header("Authorization", "Bot " + token).get().build();
        return call(request, url, "Discord", (status, body) -> {
            if (status == 200 && body.hasNonNull("id")) {
                return new Outcome.Passed(body.path("username").asText(""), body.path("id").asText());
            }
            if (status == 401 || status == 403) {
                return failed("setup.discord.invalid-token");
            }
            return failed("setup.check.status", "Discord", status);
        });
    }

    /** A Telegram bot token, by {@code getMe} at {@code apiUrl}. */
    Outcome telegram(String apiUrl, String token) {
        HttpUrl base = url(apiUrl, "");
        if (base == null) {
            return failed("setup.check.bad-url", apiUrl);
        }
        // the token is one path segment; addPathSegment escapes anything odd in it
        HttpUrl url = base.newBuilder().addPathSegment("bot" + token).addPathSegment("getMe").build();
        Request request = new Request.Builder().url(url).get().build();
        return call(request, base, "Telegram", (status, body) -> {
            if (status == 200 && body.path("ok").asBoolean(false)) {
                JsonNode me = body.path("result");
                return new Outcome.Passed(me.path("username").asText(""), me.path("id").asText(""));
            }
            if (status == 401 || status == 404) {
                return failed("setup.telegram.invalid-token");
            }
            return failed("setup.check.status", "Telegram", status);
        });
    }

    private interface Verdict {
        Outcome of(int status, JsonNode body);
    }

    /** {@code shown} is what may appear on the page and in the log: scheme, host and port only. */
    private Outcome call(Request request, HttpUrl shown, String service, Verdict verdict) {
        String host = shown.scheme() + "://" + shown.host() + ":" + shown.port();
        try (Response response = http.newCall(request).execute()) {
            ResponseBody body = response.body();
            String text = body == null ? "" : body.string();
            JsonNode parsed;
            try {
                parsed = text.isBlank() ? json.createObjectNode() : json.readTree(text);
            } catch (IOException e) {
                parsed = json.createObjectNode(); // an HTML error page from a proxy: judge by status alone
            }
            return verdict.of(response.code(), parsed);
        } catch (IOException e) {
            log.info("Set-up check: {} at {} not reachable: {}", service, host, e.getClass().getSimpleName());
            return failed("setup.check.unreachable", service, host);
        }
    }

    private static HttpUrl url(String base, String path) {
        HttpUrl parsed = HttpUrl.parse(base.endsWith("/") || path.isEmpty() ? base : base + "/");
        return parsed == null ? null : path.isEmpty() ? parsed : parsed.resolve(path);
    }

    private static Outcome failed(String key, Object... args) {
        return new Outcome.Failed(key, List.of(args));
    }
}
