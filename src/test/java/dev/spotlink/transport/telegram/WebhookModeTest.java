package dev.spotlink.transport.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spotlink.command.Notifiers;
import dev.spotlink.config.Secret;
import dev.spotlink.config.TelegramWebhook;
import dev.spotlink.i18n.Messages;
import dev.spotlink.metrics.Metrics;
import dev.spotlink.testing.telegram.FakeTelegram;
import dev.spotlink.testing.telegram.FakeTelegramCall;
import dev.spotlink.web.Health;
import dev.spotlink.web.WebServer;
import dev.spotlink.web.WebhookEndpoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Webhook mode: the fake Telegram posts updates to our real callback server, as Telegram does. */
class WebhookModeTest {

    static final String TOKEN = TelegramTransportTest.TOKEN;

    private final Messages messages = new Messages();
    private final Health health = new Health(() -> true);
    private final WebhookEndpoint endpoint = new WebhookEndpoint();
    private final FakeTelegram telegram = FakeTelegram.start(TOKEN);
    private final WebServer server = new WebServer("127.0.0.1", 0, "/callback", null, messages, health,
            new ObjectMapper(), dev.spotlink.web.ServerLimits.DEFAULT, endpoint, Metrics.disabled()).start();
    private TelegramTransport transport;

    private void start(Optional<Secret> secret) {
        TelegramWebhook webhook = new TelegramWebhook(URI.create("http://127.0.0.1:" + server.port()), secret);
        transport = new TelegramTransport(new Secret(TOKEN), telegram.url(), TestCommands.registry(messages),
                messages, new Notifiers(), health, null, null, null,
                TelegramTransport.Receiving.webhook(webhook, endpoint));
        transport.start();
    }

    @AfterEach
    void stop() {
        List<String> violations = telegram.specViolations();
        if (transport != null) {
            transport.close();
        }
        server.close();
        telegram.close();
        assertEquals(List.of(), violations, "requests the real Bot API would refuse");
    }

    @Test
    void updatesDeliveredByWebhookAreAnsweredAndNothingPolls() {
        start(Optional.empty());

        String url = telegram.webhookUrl();
        assertTrue(url.startsWith("http://127.0.0.1:" + server.port() + "/telegram/"), url);
        String secret = telegram.webhookSecret();
        assertTrue(secret.matches("[A-Za-z0-9_-]{1,256}"), "Telegram's alphabet");
        assertFalse(url.contains(secret) || secret.contains(TOKEN) || url.contains(TOKEN), "secrets kept apart");
        assertEquals("[\"message\",\"inline_query\"]",
                telegram.calls("setWebhook").get(0).json("allowed_updates").toString());

        telegram.pushUpdate(telegram.updates().privateMessage(TelegramTransportTest.ANN, "/echo by webhook", "en"));

        FakeTelegramCall sent = telegram.awaitCall("sendMessage", TelegramTransportTest.WAIT);
        assertEquals("echo: by webhook", sent.string("text"));
        assertEquals(List.of(200), telegram.webhookStatuses());
        assertEquals(List.of(), telegram.calls("getUpdates"));
        assertEquals(List.of(), telegram.calls("deleteWebhook"), "webhook mode never deletes the webhook");
        Map<?, ?> transports = (Map<?, ?>) health.snapshot().get("transports");
        assertEquals("webhook", transports.get("telegram.updates"));
        assertEquals("CONNECTED", transports.get("telegram"));
    }

    @Test
    void wrongOrMissingSecretIsRefusedAndNothingIsProcessed() throws Exception {
        start(Optional.of(new Secret("configured_Secret-1")));
        assertEquals("configured_Secret-1", telegram.webhookSecret());
        var updates = telegram.updates();

        assertEquals(401, telegram.postToWebhook(updates.privateMessage(1001, "/echo forged", "en"), "wrong"));
        assertEquals(401, telegram.postToWebhook(updates.privateMessage(1001, "/echo no header", "en"), null));
        assertEquals(404, post(telegram.webhookUrl() + "x", "configured_Secret-1"), "a wrong path is unknown");
        assertEquals(400, post(telegram.webhookUrl(), "configured_Secret-1"), "not an update");

        telegram.pushUpdate(updates.privateMessage(1001, "/echo genuine", "en"));
        assertEquals("echo: genuine", telegram.awaitCall("sendMessage", TelegramTransportTest.WAIT).string("text"));
        transport.close();
        assertEquals(1, telegram.calls("sendMessage").size(), "the refused deliveries did nothing");
        assertEquals(404, post(telegram.webhookUrl(), "configured_Secret-1"), "closed: the route is gone");
    }

    private static int post(String url, String secret) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("X-Telegram-Bot-Api-Secret-Token", secret)
                .POST(HttpRequest.BodyPublishers.ofString("[1,2,3]")).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
