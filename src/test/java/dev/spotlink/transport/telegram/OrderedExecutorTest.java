package dev.spotlink.transport.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One queue per chat on a shared pool: order within a chat, no chat waiting on another, bounded queues. */
class OrderedExecutorTest {

    private static final long WAIT_SECONDS = 10;

    private final OrderedExecutor executor = new OrderedExecutor("test", 4, 10);
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        executor.shutdown(1_000);
    }

    @Test
    void aChatsWorkRunsInOrderAndNeverTwoAtATime() throws InterruptedException {
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(10);
        for (int i = 0; i < 10; i++) {
            int n = i;
            assertTrue(executor.execute(7, "task " + n, () -> {
                mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                order.add(n);
                running.decrementAndGet();
                done.countDown();
            }));
        }
        assertTrue(done.await(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), order);
        assertEquals(1, mostAtOnce.get());
    }

    @Test
    void aChatThatWaitsHoldsUpNoOtherChatWhateverItsId() throws InterruptedException {
        startWaiting(1); // as a chat waiting out Telegram's 429
        CountDownLatch others = new CountDownLatch(3);
        for (long chat : new long[] {1 + 4, 1 + 64, 1 + 4 * 1024}) { // ids that a hash onto lanes would pair with 1
            executor.execute(chat, "chat " + chat, others::countDown);
        }
        assertTrue(others.await(WAIT_SECONDS, TimeUnit.SECONDS), "other chats ran while chat 1 waited");
        CountDownLatch behind = new CountDownLatch(1);
        executor.execute(1, "chat 1's next", behind::countDown);
        assertFalse(behind.await(200, TimeUnit.MILLISECONDS), "chat 1's next update waits for its first");
        release.countDown();
        assertTrue(behind.await(WAIT_SECONDS, TimeUnit.SECONDS));
    }

    @Test
    void aFullChatQueueDropsOnlyThatChatsWork() throws InterruptedException {
        startWaiting(1);
        int accepted = 0;
        for (int i = 0; i < 20; i++) {
            if (executor.execute(1, "flood " + i, () -> { })) {
                accepted++;
            }
        }
        assertEquals(10, accepted, "the chat's queue holds 10");
        CountDownLatch other = new CountDownLatch(1);
        assertTrue(executor.execute(2, "another chat", other::countDown));
        assertTrue(other.await(WAIT_SECONDS, TimeUnit.SECONDS));
    }

    @Test
    void aFailingTaskCostsOnlyItself() throws InterruptedException {
        CountDownLatch after = new CountDownLatch(1);
        executor.execute(3, "failing", () -> {
            throw new IllegalStateException("boom");
        });
        executor.execute(3, "after", after::countDown);
        assertTrue(after.await(WAIT_SECONDS, TimeUnit.SECONDS));
    }

    @Test
    void shutdownFinishesQueuedWorkThenRefusesMore() throws InterruptedException {
        AtomicInteger ran = new AtomicInteger();
        for (int i = 0; i < 10; i++) {
            executor.execute(5, "queued " + i, ran::incrementAndGet);
        }
        executor.shutdown(5_000);
        assertEquals(10, ran.get());
        assertFalse(executor.execute(5, "late", ran::incrementAndGet));
    }

    /** Runs a task on {@code chat} that waits until the test ends, and returns once it runs. */
    private void startWaiting(long chat) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        executor.execute(chat, "waiting", () -> {
            started.countDown();
            await(release);
        });
        assertTrue(started.await(WAIT_SECONDS, TimeUnit.SECONDS));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
