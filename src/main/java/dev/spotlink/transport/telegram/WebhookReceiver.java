package dev.spotlink.transport.telegram;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spotlink.web.WebhookEndpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Updates that Telegram posts to our server in webhook mode. Checks the secret path segment (404 otherwise, like
 * any unknown path) and the {@code X-Telegram-Bot-Api-Secret-Token} header (401 otherwise), both in constant
 * time, then hands the update to the same consumer the poller feeds and answers at once: the work runs on the
 * transport's per-chat lanes. Holds no state of its own, so any process behind a proxy can take any update.
 */
final class WebhookReceiver implements WebhookEndpoint.Receiver {

    private static final Logger log = LoggerFactory.getLogger(WebhookReceiver.class);

    private final byte[] pathKey;
    private final byte[] secret;
    private final Consumer<List<Update>> consumer;
    private final ObjectMapper lenient = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    WebhookReceiver(String pathKey, String secret, Consumer<List<Update>> consumer) {
        this.pathKey = pathKey.getBytes(StandardCharsets.UTF_8);
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.consumer = consumer;
    }

    /**
     * The webhook secret when {@code telegram.webhook-secret} is not set: derived from the bot token, so every
     * process of the bot computes the same one without sharing state, and a new token (after a leak) gives a new
     * one. 43 characters of Telegram's allowed alphabet.
     */
    static String derivedSecret(String botToken) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(hmac(botToken, "spotlink telegram webhook secret"));
    }

    /** The secret path segment for a webhook secret (an unguessable URL keeps random scans away). */
    static String pathKey(String secret) {
        return HexFormat.of().formatHex(hmac(secret, "spotlink telegram webhook path")).substring(0, 32);
    }

    @Override
    public int receive(String key, String secretHeader, byte[] body) {
        if (key == null || !MessageDigest.isEqual(pathKey, key.getBytes(StandardCharsets.UTF_8))) {
            return 404;
        }
        if (secretHeader == null || !MessageDigest.isEqual(secret, secretHeader.getBytes(StandardCharsets.UTF_8))) {
            log.warn("Refused a Telegram webhook call with a {} secret token header",
                    secretHeader == null ? "missing" : "wrong");
            return 401;
        }
        JsonNode node;
        try {
            node = lenient.readTree(body);
        } catch (IOException e) {
            log.warn("Telegram webhook body is not JSON; ignored");
            return 400;
        }
        if (node == null || !node.isObject() || !node.path("update_id").canConvertToInt()) {
            log.warn("Telegram webhook body is not an update; ignored");
            return 400;
        }
        consumer.accept(List.of(read(node)));
        return 200;
    }

    /** As the poller: an update the library cannot read is passed on as its id alone, to be logged and skipped. */
    private Update read(JsonNode node) {
        try {
            return lenient.treeToValue(node, Update.class);
        } catch (IOException | IllegalArgumentException e) {
            int id = node.path("update_id").asInt();
            log.warn("Skipping update {}: cannot read it ({})", id, e.getClass().getSimpleName());
            Update placeholder = new Update();
            placeholder.setUpdateId(id);
            return placeholder;
        }
    }

    private static byte[] hmac(String key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java runtime has HmacSHA256", e);
        }
    }
}
