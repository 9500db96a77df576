package dev.spotlink.transport.telegram;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs update handlers off the polling thread on a fixed number of lanes, each one thread with a bounded queue.
 * Work with the same key (a chat) keeps its order — {@code /privacy sharing:off} then {@code /nowplaying} — while
 * different chats run side by side. A full lane drops the work with a log line instead of blocking the poller.
 */
final class OrderedExecutor {

    private static final Logger log = LoggerFactory.getLogger(OrderedExecutor.class);

    private final List<ExecutorService> lanes = new ArrayList<>();

    OrderedExecutor(String name, int laneCount, int queuePerLane) {
        AtomicInteger threads = new AtomicInteger();
        for (int i = 0; i < laneCount; i++) {
            ThreadPoolExecutor lane = new ThreadPoolExecutor(1, 1, 60, TimeUnit.SECONDS,
                    new ArrayBlockingQueue<>(queuePerLane), r -> {
                        Thread t = new Thread(r, name + "-" + threads.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
            lane.allowCoreThreadTimeOut(true); // an idle lane holds no thread
            lanes.add(lane);
        }
    }

    /** Queues the task on the key's lane; false (logged) when that lane is full or shut down. */
    boolean execute(long key, String what, Runnable task) {
        ExecutorService lane = lanes.get(Math.floorMod(Long.hashCode(key), lanes.size()));
        try {
            lane.execute(() -> {
                // a failure must cost one update, never the lane
                try {
                    task.run();
                } catch (RuntimeException | Error e) {
                    log.error("Handling {} failed", what, e);
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            log.warn("Dropped {}: too much queued work (or shutting down)", what);
            return false;
        }
    }

    /** Stops taking work, lets queued work finish for up to {@code waitMillis}, then interrupts it. */
    void shutdown(long waitMillis) {
        lanes.forEach(ExecutorService::shutdown);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        try {
            for (ExecutorService lane : lanes) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !lane.awaitTermination(left, TimeUnit.NANOSECONDS)) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lanes.forEach(ExecutorService::shutdownNow);
    }
}
