package dev.spotlink.testing.telegram;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake Bot API itself: long polling, offsets, spec checks, uploads. */
class FakeTelegramTest {

    static final String TOKEN = "1:fake";
    static final Duration WAIT = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();
    private FakeTelegram telegram;

    @BeforeEach
    void start() {
        telegram = FakeTelegram.start(TOKEN);
    }

    @AfterEach
    void stop() {
        telegram.close();
    }

    @Test
    void getUpdatesIsALongPollAnsweredWhenAnUpdateArrivesAndOffsetsConfirm() throws Exception {
        long started = System.nanoTime();
        CompletableFuture<JsonNode> poll = CompletableFuture.supplyAsync(() ->
                call("getUpdates", "{\"offset\":0,\"timeout\":30}"));
        telegram.awaitCall("getupdates", WAIT);
        long id = telegram.pushUpdate(telegram.updates().privateMessage(7, "/help", "en"));
        JsonNode answer = poll.get(5, TimeUnit.SECONDS);
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 5);
        assertEquals(id, answer.path("result").get(0).path("update_id").asLong());
        assertEquals("/help", answer.path("result").get(0).path("message").path("text").asText());

        assertEquals(1, call("getUpdates", "{\"offset\":0,\"timeout\":0}").path("result").size(), "unconfirmed");
        assertEquals(0, call("getUpdates", "{\"offset\":" + (id + 1) + ",\"timeout\":0}").path("result").size());
        telegram.awaitConfirmed(id, WAIT);
    }

    @Test
    void requestsAreCheckedAgainstTheBotApiSpec() {
        assertTrue(telegram.checksAgainstSpec());
        JsonNode missing = call("sendMessage", "{\"chat_id\":1}");
        assertEquals(400, missing.path("error_code").asInt());
        assertEquals("Bad Request: text is required", missing.path("description").asText());

        String photo = "{\"type\":\"photo\",\"id\":\"1\",\"photo_url\":\"http://x/a.jpg\"}";
        JsonNode noThumbnail = call("answerInlineQuery", "{\"inline_query_id\":\"q\",\"results\":[" + photo + "]}");
        assertEquals("Bad Request: results[0].thumbnail_url is required", noThumbnail.path("description").asText());
        String complete = photo.replace("}", ",\"thumbnail_url\":\"http://x/t.jpg\"}");
        assertTrue(call("answerInlineQuery", "{\"inline_query_id\":\"q\",\"results\":[" + complete + "]}")
                .path("ok").asBoolean());
        assertEquals(List.of("sendmessage: text is required",
                "answerinlinequery: results[0].thumbnail_url is required"), telegram.specViolations());
    }

    @Test
    void multipartUploadsAreRecordedAndAttachReferencesResolved() throws Exception {
        byte[] image = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, 3, '\r', '\n', '-', '-'};
        String boundary = "b0undary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"chat_id\"\r\n\r\n42\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"photo\"\r\n\r\nattach://c.png\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"reply_markup\"\r\n\r\n"
                + "{\"inline_keyboard\":[[{\"text\":\"a\",\"url\":\"https://a\"}]]}\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"c.png\"; filename=\"c.png\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(image);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("sendphoto"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        FakeTelegramCall sent = telegram.awaitCall("sendPhoto", WAIT);
        assertEquals("42", sent.string("chat_id"));
        assertArrayEquals(image, sent.file("photo").bytes());
        assertEquals("https://a", sent.json("reply_markup").path("inline_keyboard").get(0).get(0).path("url")
                .asText());
    }

    @Test
    void wrongTokenIsUnauthorized() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(telegram.url()
                + "/bot2:other/getMe")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, response.statusCode());
        assertEquals(FakeTelegram.BOT_USERNAME, call("getMe", "{}").path("result").path("username").asText());
    }

    private JsonNode call(String method, String json) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(method))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
            return mapper.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private URI uri(String method) {
        return URI.create(telegram.url() + "/bot" + TOKEN + "/" + method);
    }
}
