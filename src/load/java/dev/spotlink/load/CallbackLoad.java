package dev.spotlink.load;

import dev.spotlink.domain.ChatUser;
import dev.spotlink.domain.Platform;
import dev.spotlink.store.PendingLinkRepository;
import dev.spotlink.testing.PendingLinks;
import dev.spotlink.testing.StoreAccess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * OAuth callbacks as browsers send them after consent: {@code /link} states issued straight into the database
 * (as the bot stores them), consent at the fake, then concurrent {@code GET /callback?code&state} against the
 * running bot. Each completion exchanges the code, reads the profile, stores encrypted tokens and tells the user
 * in Telegram (through the transport, to the fake).
 */
final class CallbackLoad {

    /** Completed callbacks, the time they took, peak RSS of the bot meanwhile. */
    record Result(int completed, int failed, Duration elapsed, Percentiles latency, double peakRssMiB) {
        double perSecond() {
            return completed / (elapsed.toNanos() / 1e9);
        }
    }

    private CallbackLoad() {
    }

    static Result run(LoadWorld world, int port, int count, int concurrency, JarProcess bot)
            throws InterruptedException {
        List<URI> redirects = new ArrayList<>(count);
        try (StoreAccess store = StoreAccess.open(world.dataDir)) {
            PendingLinkRepository pending = store.pending();
            long firstUser = LoadWorld.FIRST_USER + world.settings.accounts();
            for (int i = 0; i < count; i++) {
                String account = "callback-" + i;
                world.spotify.addUser(account, "Newcomer " + i);
                URI authorize = PendingLinks.issue(pending, world.spotify, port,
                        new ChatUser(Platform.TELEGRAM, Long.toString(firstUser + i)));
                redirects.add(world.spotify.consent(authorize, account));
            }
        }
        HttpClient browser = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicLong peakRssKiB = new AtomicLong();
        List<Samples> latencies = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(concurrency);
        long start = System.nanoTime();
        for (int t = 0; t < concurrency; t++) {
            Samples samples = new Samples();
            latencies.add(samples);
            Thread thread = new Thread(() -> {
                try {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        long t0 = System.nanoTime();
                        if (!complete(browser, redirects.get(i))) {
                            failed.incrementAndGet();
                        }
                        samples.add(System.nanoTime() - t0);
                        if (i % 100 == 0) {
                            peakRssKiB.accumulateAndGet((long) (bot.rssMiB() * 1024), Math::max);
                        }
                    }
                } finally {
                    done.countDown();
                }
            }, "load-browser-" + t);
            thread.setDaemon(true);
            thread.start();
        }
        done.await();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        return new Result(count - failed.get(), failed.get(), elapsed, new Percentiles(Samples.concat(latencies)),
                peakRssKiB.get() / 1024.0);
    }

    private static boolean complete(HttpClient browser, URI redirect) {
        try {
            HttpResponse<String> page = browser.send(HttpRequest.newBuilder(redirect)
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return page.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
