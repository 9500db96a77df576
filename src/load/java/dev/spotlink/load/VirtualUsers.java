package dev.spotlink.load;

import dev.spotlink.command.CommandContext;
import dev.spotlink.command.CommandRegistry;
import dev.spotlink.command.Reply;
import dev.spotlink.command.TextCommandParser;
import dev.spotlink.domain.ChatUser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

/**
 * Users: each of {@code n} threads runs one command after another for its own slice of the accounts (so an
 * account's upstream clock belongs to one command at a time), through the registry every transport calls, with the
 * text parser the Telegram and console transports use. Closed loop (no think time: a throughput test, where every
 * command beyond what the cores can do waits for one) or paced (each user sends a command at random moments, on
 * average every {@code interval}: the latency a steady load sees below saturation).
 */
final class VirtualUsers {

    /** One step's figures. */
    record Result(int users, Duration elapsed, Percentiles endToEnd, Percentiles upstream, Percentiles overhead,
                  long errors, Percentiles startLag) {
        double perSecond() {
            return endToEnd.count() / (elapsed.toNanos() / 1e9);
        }
    }

    private final LoadWorld world;
    private final CommandRegistry registry;
    private final TextCommandParser parser;

    VirtualUsers(LoadWorld world, CommandRegistry registry) {
        this.world = world;
        this.registry = registry;
        this.parser = new TextCommandParser(registry);
    }

    /** Runs {@code line(account)} through the registry for {@code duration} with {@code users} concurrent users. */
    Result run(int users, Duration duration, IntFunction<String> line) throws InterruptedException {
        return run(world, users, duration, account -> execute(LoadWorld.user(account), line.apply(account)));
    }

    /**
     * Like {@link #run(int, Duration, IntFunction)}, but each user waits a random time (exponential, mean
     * {@code interval}) from one command's planned start to the next: {@code users / interval} commands per second
     * arriving independently, as chat messages do. A command whose planned start has passed starts at once.
     */
    Result paced(int users, Duration interval, Duration duration, IntFunction<String> line)
            throws InterruptedException {
        return run(world, users, interval, duration, account -> execute(LoadWorld.user(account), line.apply(account)));
    }

    /**
     * Runs {@code command(account)} (true when it answered without an error) for {@code duration} with
     * {@code users} concurrent users, each on its own slice of the accounts.
     */
    static Result run(LoadWorld world, int users, Duration duration, IntPredicate command)
            throws InterruptedException {
        return run(world, users, Duration.ZERO, duration, command);
    }

    private static Result run(LoadWorld world, int users, Duration interval, Duration duration, IntPredicate command)
            throws InterruptedException {
        int accounts = world.settings.accounts();
        List<Samples> e2e = new ArrayList<>();
        List<Samples> up = new ArrayList<>();
        List<Samples> own = new ArrayList<>();
        List<Samples> lag = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        CountDownLatch done = new CountDownLatch(users);
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        for (int u = 0; u < users; u++) {
            Samples e = new Samples();
            Samples p = new Samples();
            Samples o = new Samples();
            Samples l = new Samples();
            lag.add(l);
            e2e.add(e);
            up.add(p);
            own.add(o);
            int first = u;
            Thread thread = new Thread(() -> {
                Random random = new Random(first);
                long planned = start + gap(random, interval);
                try {
                    for (int account = first; (interval.isZero() ? System.nanoTime() : planned) < deadline; account += users) {
                        if (account >= accounts) {
                            account = first;
                        }
                        long wait = planned - System.nanoTime();
                        if (wait > 0) {
                            LockSupport.parkNanos(wait);
                        }
                        l.add(Math.max(0, System.nanoTime() - planned));
                        planned += gap(random, interval);
                        world.startClock(account);
                        long t0 = System.nanoTime();
                        if (!command.test(account)) {
                            errors.incrementAndGet();
                        }
                        long total = System.nanoTime() - t0;
                        long upstream = world.upstream(account);
                        e.add(total);
                        p.add(upstream);
                        o.add(Math.max(0, total - upstream));
                    }
                } finally {
                    done.countDown();
                }
            }, "load-user-" + u);
            thread.setDaemon(true);
            thread.start();
        }
        done.await();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        return new Result(users, elapsed, new Percentiles(Samples.concat(e2e)), new Percentiles(Samples.concat(up)),
                new Percentiles(Samples.concat(own)), errors.get(), new Percentiles(Samples.concat(lag)));
    }

    /** Exponentially distributed with mean {@code interval} (0 for a closed loop). */
    private static long gap(Random random, Duration interval) {
        return interval.isZero() ? 0 : (long) (-Math.log(1 - random.nextDouble()) * interval.toNanos());
    }

    /** One command; true when it answered without an error reply. */
    boolean execute(ChatUser user, String line) {
        TextCommandParser.Parsed parsed = parser.parse(line, null);
        if (!(parsed instanceof TextCommandParser.Parsed.Ok ok)) {
            throw new IllegalArgumentException("unparsable command " + line + ": " + parsed);
        }
        Answer answer = new Answer(user);
        registry.execute(ok.command(), answer, ok.args());
        return answer.ok;
    }

    /** Keeps only whether the answer was an error; a transport would render and send it here. */
    private static final class Answer implements CommandContext {
        private final ChatUser user;
        private volatile boolean ok;

        Answer(ChatUser user) {
            this.user = user;
        }

        @Override
        public ChatUser user() {
            return user;
        }

        @Override
        public Locale locale() {
            return Locale.ENGLISH;
        }

        @Override
        public boolean isPublicChannel() {
            return false;
        }

        @Override
        public void reply(Reply reply) {
            ok = !reply.error();
        }

        @Override
        public void replyPrivately(Reply reply) {
            ok = !reply.error();
        }
    }
}
