package dev.spotlink.transport.telegram;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/**
 * The {@code getUpdates} requests of the poller, and what their outcome says about the connection.
 *
 * <p>TelegramBots parses a whole batch at once with a strict mapper: one update it cannot read (a type newer
 * than the library, a field of an unexpected shape) fails the batch, the offset never moves past it, and the
 * bot is deaf from then on. These requests parse each update on its own and pass an unreadable one on as an
 * empty {@link Update} carrying only its id, so the offset moves on and the consumer logs and skips it.
 */
final class UpdatePolling implements Function<Integer, GetUpdates> {

    /** Long-poll seconds, as TelegramBots' default generator. */
    static final int TIMEOUT_SECONDS = 50;
    static final int LIMIT = 100;
    /**
     * Only what Spotlink handles; Telegram then never sends update types the library may not know. (Updates
     * queued before this setting may still arrive once: they are ignored.)
     */
    static final List<String> ALLOWED_UPDATES = List.of("message", "inline_query");

    private static final Logger log = LoggerFactory.getLogger(UpdatePolling.class);

    /** What {@code /health} shows for the transport. */
    enum State { STARTING, CONNECTED, RECONNECTING, STOPPED }

    private final ObjectMapper lenient = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final AtomicReference<State> state = new AtomicReference<>(State.STARTING);
    private final AtomicBoolean pollPending = new AtomicBoolean(false);

    @Override
    public GetUpdates apply(Integer lastReceivedUpdate) {
        // the poller calls this before each request: an earlier request still unanswered here has failed
        if (pollPending.getAndSet(true) && state.get() != State.STOPPED) {
            state.set(State.RECONNECTING);
        }
        LenientGetUpdates request = new LenientGetUpdates(this);
        request.setOffset(lastReceivedUpdate + 1);
        request.setLimit(LIMIT);
        request.setTimeout(TIMEOUT_SECONDS);
        request.setAllowedUpdates(ALLOWED_UPDATES);
        return request;
    }

    State state() {
        return state.get();
    }

    /** Telegram answered getMe and deleteWebhook: reachable, whatever the first long poll does. */
    void started() {
        state.compareAndSet(State.STARTING, State.CONNECTED);
    }

    void stopped() {
        state.set(State.STOPPED);
    }

    private ArrayList<Update> parse(String body, LenientGetUpdates request) throws TelegramApiRequestException {
        JsonNode root;
        try {
            root = lenient.readTree(body);
        } catch (IOException e) {
            throw new TelegramApiRequestException("getUpdates answered with something that is not JSON", e);
        }
        if (root == null || !root.path("ok").asBoolean(false) || !root.path("result").isArray()) {
            return request.strictParse(body); // let the library report Telegram's error as it does
        }
        ArrayList<Update> updates = new ArrayList<>();
        for (JsonNode node : root.get("result")) {
            try {
                updates.add(lenient.treeToValue(node, Update.class));
            } catch (IOException | IllegalArgumentException e) {
                int id = node.path("update_id").asInt(-1);
                log.warn("Skipping update {}: cannot read it ({})", id, e.getClass().getSimpleName());
                if (id >= 0) {
                    Update placeholder = new Update();
                    placeholder.setUpdateId(id);
                    updates.add(placeholder);
                }
            }
        }
        pollPending.set(false);
        if (state.get() != State.STOPPED) {
            state.set(State.CONNECTED);
        }
        return updates;
    }

    /** {@code getUpdates} whose answer is parsed update by update. */
    static final class LenientGetUpdates extends GetUpdates {
        private final transient UpdatePolling polling;

        LenientGetUpdates(UpdatePolling polling) {
            this.polling = polling;
        }

        @Override
        public ArrayList<Update> deserializeResponse(String answer) throws TelegramApiRequestException {
            return polling.parse(answer, this);
        }

        ArrayList<Update> strictParse(String answer) throws TelegramApiRequestException {
            return super.deserializeResponse(answer);
        }
    }
}
