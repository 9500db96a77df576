package dev.spotlink.load;

import dev.spotlink.testing.telegram.FakeTelegramCall;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Users who send the command in their private Telegram chat: the update goes through the fake Bot API's
 * {@code getUpdates}, the real TelegramBots long polling, the transport's lanes, the core, and the reply (a photo
 * upload for a card) back to the fake. The time is from queueing the update to the fake receiving the reply.
 */
final class TelegramUsers {

    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(60);

    private final LoadWorld world;
    private final Map<String, CompletableFuture<FakeTelegramCall>> waiting = new ConcurrentHashMap<>();

    TelegramUsers(LoadWorld world) {
        this.world = world;
        world.telegram.setRecording(false);
        world.telegram.setObserver(call -> {
            CompletableFuture<FakeTelegramCall> reply = waiting.remove(call.string("chat_id"));
            if (reply != null) {
                reply.complete(call);
            }
        });
    }

    /** {@code text} sent by each account's Telegram user, closed loop; ok when the answer is a photo. */
    VirtualUsers.Result run(int users, Duration duration, String text) throws InterruptedException {
        return VirtualUsers.run(world, users, duration, account -> send(account, text));
    }

    private boolean send(int account, String text) {
        long userId = LoadWorld.FIRST_USER + account;
        CompletableFuture<FakeTelegramCall> reply = new CompletableFuture<>();
        waiting.put(Long.toString(userId), reply);
        world.telegram.pushUpdate(world.telegram.updates().privateMessage(userId, text, "en"));
        try {
            return reply.get(REPLY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).is("sendPhoto");
        } catch (ExecutionException | TimeoutException e) {
            waiting.remove(Long.toString(userId));
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
