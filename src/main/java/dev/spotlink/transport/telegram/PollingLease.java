package dev.spotlink.transport.telegram;

import dev.spotlink.domain.Leases;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps long polling to one process per bot, as Telegram requires (a second {@code getUpdates} consumer gets
 * 409 Conflict): a database lease, taken before polling, renewed every {@link Timing#renewEvery()} and released
 * on a clean stop. A process that finds it held stands by and tries again at each renewal tick, so it takes over
 * once the holder released it or died and let it expire ({@link Timing#ttl()}).
 */
final class PollingLease implements AutoCloseable {

    /**
     * @param renewEvery how often the holder renews and a standby process retries
     * @param ttl        how long a lease outlives its last renewal; a dead holder's polling moves after this
     */
    record Timing(Duration renewEvery, Duration ttl) {
        static final Timing DEFAULT = new Timing(Duration.ofSeconds(10), Duration.ofSeconds(30));

        Timing {
            if (renewEvery.isZero() || renewEvery.isNegative() || ttl.compareTo(renewEvery) <= 0) {
                throw new IllegalArgumentException("need 0 < renewEvery < ttl");
            }
        }
    }

    /** What the process does with the bot's updates. */
    enum State { STANDBY, POLLING, STOPPED }

    /** Starts and pauses the poller; called on the lease's thread, one call at a time. */
    interface Poller {
        void resume();

        void pause();
    }

    private static final Logger log = LoggerFactory.getLogger(PollingLease.class);

    private final Leases leases;
    private final String name;
    private final String owner;
    private final Timing timing;
    private final ScheduledExecutorService scheduler;
    private final Poller poller;
    private volatile State state = State.STANDBY;
    private boolean announcedStandby;
    private long renewedAtNanos;
    private ScheduledFuture<?> renewals;

    PollingLease(Leases leases, String name, String owner, Timing timing, ScheduledExecutorService scheduler,
                 Poller poller) {
        this.leases = Objects.requireNonNull(leases, "leases");
        this.name = Objects.requireNonNull(name, "name");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.timing = Objects.requireNonNull(timing, "timing");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.poller = Objects.requireNonNull(poller, "poller");
    }

    /** Tries once now (so a lone process polls before start returns), then at every renewal tick. */
    synchronized void start() {
        tick();
        long every = timing.renewEvery().toMillis();
        renewals = scheduler.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
    }

    State state() {
        return state;
    }

    /** One renewal or takeover attempt; never throws (that would end the schedule without a word). */
    synchronized void tick() {
        if (state == State.STOPPED) {
            return;
        }
        boolean held;
        try {
            held = leases.tryAcquire(name, owner, timing.ttl());
        } catch (RuntimeException e) {
            // The lease we hold may lapse meanwhile, and then another process polls too: keep polling only while
            // the last renewal still covers us.
            log.warn("Could not renew the Telegram polling lease; trying again in {} s",
                    timing.renewEvery().toSeconds(), e);
            if (state == State.POLLING && System.nanoTime() - renewedAtNanos >= timing.ttl().toNanos()) {
                log.warn("Telegram: the polling lease has lapsed; pausing polling until it can be renewed");
                state = State.STANDBY;
                pauseQuietly();
            }
            return;
        }
        if (held) {
            renewedAtNanos = System.nanoTime();
        }
        try {
            if (held && state == State.STANDBY) {
                // resumed first: if that fails we stay on standby and retry at the next tick, still holding it
                poller.resume();
                log.info("Telegram: this process polls for updates now (lease {})", name);
                state = State.POLLING;
                announcedStandby = false;
            } else if (!held && state == State.POLLING) {
                log.warn("Telegram: the polling lease moved to another process (this one stalled past its expiry);"
                        + " standing by");
                state = State.STANDBY;
                pauseQuietly();
            } else if (!held && !announcedStandby) {
                log.info("Telegram: another process is polling; standing by (taking over if it stops for {} s)",
                        timing.ttl().toSeconds());
                announcedStandby = true;
            }
        } catch (RuntimeException e) {
            log.error("Telegram: starting the poller failed; letting another process try", e);
            if (state == State.STANDBY) {
                release(); // a lease held by a process that cannot poll would keep every process deaf
            }
        }
    }

    private void pauseQuietly() {
        try {
            poller.pause();
        } catch (RuntimeException e) {
            log.error("Telegram: pausing the poller failed", e);
        }
    }

    /** Stops the schedule and releases the lease (the caller paused the poller first). */
    @Override
    public synchronized void close() {
        boolean wasPolling = state == State.POLLING;
        state = State.STOPPED;
        if (renewals != null) {
            renewals.cancel(false);
        }
        if (wasPolling) {
            release();
        }
    }

    private void release() {
        try {
            leases.release(name, owner);
        } catch (RuntimeException e) {
            log.warn("Could not release the Telegram polling lease; another process takes over when it expires",
                    e);
        }
    }
}
