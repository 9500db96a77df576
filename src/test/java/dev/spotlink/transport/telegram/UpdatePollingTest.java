package dev.spotlink.transport.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/** The poller's requests: lenient parsing that never blocks the offset, and the health state they imply. */
class UpdatePollingTest {

    private final UpdatePolling polling = new UpdatePolling();

    @Test
    void unreadableUpdatesBecomeEmptyPlaceholdersSoTheOffsetMovesOn() throws Exception {
        String body = "{\"ok\":true,\"result\":["
                + "{\"update_id\":10,\"message\":{\"message_id\":1,\"date\":1,\"chat\":{\"id\":5,\"type\":\"private\"},"
                + "\"text\":\"/help\",\"brand_new_field\":{\"x\":1}}},"
                + "{\"update_id\":11,\"message\":{\"message_id\":\"NaN\",\"chat\":[1]}},"
                + "{\"update_id\":12,\"holographic_message\":{\"id\":1}}]}";
        List<Update> updates = polling.apply(9).deserializeResponse(body);
        assertEquals(3, updates.size());
        assertEquals("/help", updates.get(0).getMessage().getText());
        assertEquals(11, updates.get(1).getUpdateId());
        assertNull(updates.get(1).getMessage());
        assertEquals(12, updates.get(2).getUpdateId());
        assertNull(updates.get(2).getMessage());
    }

    @Test
    void requestsAskForOnlyHandledUpdateTypesFromTheNextOffset() {
        var request = polling.apply(41);
        assertEquals(42, request.getOffset());
        assertEquals(UpdatePolling.TIMEOUT_SECONDS, request.getTimeout());
        assertEquals(List.of("message", "inline_query"), request.getAllowedUpdates());
    }

    @Test
    void stateFollowsThePolls() throws Exception {
        assertEquals(UpdatePolling.State.STARTING, polling.state());
        polling.started();
        polling.apply(0);
        assertEquals(UpdatePolling.State.CONNECTED, polling.state());
        polling.apply(0); // the first never answered
        assertEquals(UpdatePolling.State.RECONNECTING, polling.state());
        polling.apply(0).deserializeResponse("{\"ok\":true,\"result\":[]}");
        assertEquals(UpdatePolling.State.CONNECTED, polling.state());
        polling.stopped();
        polling.apply(0);
        assertEquals(UpdatePolling.State.STOPPED, polling.state());
    }

    @Test
    void telegramErrorsAreReportedAsTheLibraryDoes() {
        TelegramApiRequestException e = assertThrows(TelegramApiRequestException.class, () -> polling.apply(0)
                .deserializeResponse("{\"ok\":false,\"error_code\":409,\"description\":\"Conflict: terminated by "
                        + "other getUpdates request\"}"));
        assertEquals(409, e.getErrorCode());
    }
}
