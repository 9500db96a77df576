package dev.spotlink.transport.telegram;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs update handlers off the polling thread, one queue per key (a chat) on a shared pool of threads. Work with
 * the same key keeps its order — {@code /privacy sharing:off} then {@code /nowplaying} — and never runs two at a
 * time, while different keys run side by side. A key whose work waits (Telegram's 429 for that chat asks for up
 * to 30 s) holds only its own queue and one thread: no other chat waits behind it, as they did when chats shared
 * a fixed lane by hash. A full queue (per key, or in all) drops the work with a log line instead of blocking the
 * poller.
 */
final class OrderedExecutor {

    private static final Logger log = LoggerFactory.getLogger(OrderedExecutor.class);
    /** Tasks one key runs before its queue goes to the back of the pool's line, so a busy chat cannot hog a thread. */
    private static final int TURN = 4;

    private final ThreadPoolExecutor pool;
    private final int queuePerKey;
    private final int queuedAtMost;
    private final Map<Long, ArrayDeque<Runnable>> queues = new HashMap<>();
    private int queued;
    private boolean stopped;

    /**
     * @param threads     how many keys run at once (threads start on demand and end when idle)
     * @param queuePerKey how much work one key may have waiting; {@code threads * queuePerKey} in all
     */
    OrderedExecutor(String name, int threads, int queuePerKey) {
        AtomicInteger count = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, name + "-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true); // an idle executor holds no thread
        this.queuePerKey = queuePerKey;
        this.queuedAtMost = threads * queuePerKey;
    }

    /** Queues the task behind the key's earlier ones; false (logged) when too much is queued or shutting down. */
    boolean execute(long key, String what, Runnable task) {
        Runnable guarded = () -> {
            // a failure must cost one update, never the key's queue
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                log.error("Handling {} failed", what, e);
            }
        };
        boolean start;
        synchronized (this) {
            ArrayDeque<Runnable> queue = queues.get(key);
            if (stopped || queued >= queuedAtMost || (queue != null && queue.size() >= queuePerKey)) {
                log.warn("Dropped {}: too much queued work (or shutting down)", what);
                return false;
            }
            start = queue == null;
            if (start) {
                queue = new ArrayDeque<>();
                queues.put(key, queue);
            }
            queue.add(guarded);
            queued++;
        }
        if (start) {
            schedule(key);
        }
        return true;
    }

    /** Stops taking work, lets queued work finish for up to {@code waitMillis}, then interrupts it. */
    void shutdown(long waitMillis) {
        synchronized (this) {
            stopped = true;
        }
        pool.shutdown();
        try {
            pool.awaitTermination(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pool.shutdownNow();
    }

    private void schedule(long key) {
        try {
            pool.execute(() -> runTurn(key));
        } catch (RejectedExecutionException e) {
            runTurn(key); // shutting down: the thread that finished the key's last turn runs the rest itself
        }
    }

    /** Runs up to {@link #TURN} of the key's tasks; then, if more wait, queues the key again behind the others. */
    private void runTurn(long key) {
        for (int i = 0; i < TURN; i++) {
            Runnable next = next(key);
            if (next == null) {
                return;
            }
            next.run();
        }
        boolean more;
        synchronized (this) {
            more = queues.containsKey(key);
        }
        if (more) {
            schedule(key);
        }
    }

    /** The key's next task, or null when its queue is empty (then the queue is gone: a new task starts one). */
    private synchronized Runnable next(long key) {
        ArrayDeque<Runnable> queue = queues.get(key);
        Runnable next = queue == null ? null : queue.poll();
        if (next == null) {
            queues.remove(key);
            return null;
        }
        queued--;
        return next;
    }
}
