package dev.spotlink.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class ImageCacheTest {

    @TempDir
    Path dir;

    static byte[] image(int size, int seed) {
        byte[] bytes = new byte[size];
        bytes[0] = (byte) seed;
        return bytes;
    }

    @Test
    void keepsAtMostTheBoundInBytesDroppingTheLeastRecentlyUsed() throws Exception {
        ImageCache cache = ImageCache.inMemory(350);
        cache.get("a", () -> image(100, 1));
        cache.get("b", () -> image(100, 2));
        cache.get("c", () -> image(100, 3));
        cache.get("a", () -> image(100, 9)); // hit: a is now the most recently used

        cache.get("d", () -> image(100, 4));

        CacheStats stats = cache.stats();
        assertEquals(300, stats.bytes());
        assertEquals(3, stats.entries());
        assertEquals(1, stats.evictions());
        assertTrue(cache.peek("a").isPresent(), "recently used survives");
        assertTrue(cache.peek("b").isEmpty(), "least recently used went first");
        assertTrue(cache.peek("c").isPresent());
        assertEquals(1, cache.get("a", () -> image(100, 9))[0], "served from memory, not reloaded");
    }

    @Test
    void countsHitsAndMisses() throws Exception {
        ImageCache cache = ImageCache.inMemory(1000);
        AtomicInteger loads = new AtomicInteger();
        for (int i = 0; i < 5; i++) {
            cache.get("k", () -> {
                loads.incrementAndGet();
                return image(10, 1);
            });
        }
        assertEquals(1, loads.get());
        CacheStats stats = cache.stats();
        assertEquals(4, stats.hits());
        assertEquals(1, stats.misses());
        assertEquals(0, stats.failures());
    }

    @Test
    void anImageLargerThanTheWholeBoundIsReturnedButNotKept() throws Exception {
        ImageCache cache = ImageCache.inMemory(100);
        cache.get("small", () -> image(60, 1));

        byte[] big = cache.get("big", () -> image(500, 2));

        assertEquals(500, big.length);
        assertTrue(cache.peek("big").isEmpty());
        assertTrue(cache.peek("small").isPresent(), "nothing evicted for it");
    }

    @Test
    void concurrentRequestsForOneKeyLoadOnce() throws Exception {
        ImageCache cache = ImageCache.inMemory(1 << 20);
        int threads = 16;
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        byte[] expected = image(1000, 7);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<byte[]>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> cache.get("cover", () -> {
                    loads.incrementAndGet();
                    release.await(); // hold the load until every thread has asked
                    return expected;
                })));
            }
            // every thread is either loading or waiting for that load
            while (cache.stats().joined() + loads.get() < threads) {
                Thread.sleep(5);
            }
            release.countDown();
            for (Future<byte[]> result : results) {
                assertSame(expected, result.get(10, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, loads.get());
        assertEquals(threads - 1, cache.stats().joined());
        assertEquals(1, cache.stats().misses());
    }

    @Test
    void failuresReachEveryWaiterAndAreNotCached() throws Exception {
        ImageCache cache = ImageCache.inMemory(1000);
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<byte[]> leader = pool.submit(() -> cache.get("k", () -> {
                loading.countDown();
                release.await();
                throw new IOException("upstream 500");
            }));
            loading.await();
            Future<byte[]> follower = pool.submit(() -> cache.get("k", () -> image(1, 1)));
            while (cache.stats().joined() < 1) {
                Thread.sleep(5);
            }
            release.countDown();
            for (Future<byte[]> f : List.of(leader, follower)) {
                Exception e = assertThrows(Exception.class, () -> f.get(10, TimeUnit.SECONDS));
                assertTrue(e.getCause() instanceof ImageUnavailableException, String.valueOf(e.getCause()));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, cache.stats().failures());
        assertArrayEquals(image(5, 2), cache.get("k", () -> image(5, 2)), "next request tries again");
        assertThrows(ImageUnavailableException.class, () -> cache.get("empty", () -> new byte[0]));
        assertThrows(ImageUnavailableException.class, () -> cache.get("null", () -> null));
    }

    @Test
    void staysWithinTheBoundUnderConcurrentLoad() throws Exception {
        ImageCache cache = ImageCache.inMemory(10_000);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                work.add(pool.submit(() -> {
                    for (int i = 0; i < 2000; i++) {
                        int key = ThreadLocalRandom.current().nextInt(100);
                        byte[] got = cache.get("k" + key, () -> image(100 + key * 10, key));
                        assertEquals(100 + key * 10, got.length);
                        assertTrue(cache.stats().bytes() <= 10_000);
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get(20, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        CacheStats stats = cache.stats();
        assertTrue(stats.bytes() <= 10_000, stats.toString());
        assertEquals(8 * 2000, stats.hits() + stats.misses() + stats.joined(), stats.toString());
    }

    @Test
    void diskCacheSurvivesARestart() throws Exception {
        Path folder = dir.resolve("cache");
        ImageCache first = ImageCache.withDisk(1000, folder, 10_000);
        first.get("spotify:track:x png", () -> image(300, 5));

        ImageCache second = ImageCache.withDisk(1000, folder, 10_000);
        byte[] again = second.get("spotify:track:x png", () -> {
            throw new AssertionError("must come from disk");
        });

        assertArrayEquals(image(300, 5), again);
        assertEquals(1, second.stats().diskHits());
        assertEquals(0, second.stats().misses());
        assertEquals(300, second.stats().diskBytes());
        assertTrue(second.peek("spotify:track:x png").isPresent(), "promoted to memory");
    }

    @Test
    void diskCacheDeletesTheOldestFilesBeyondItsBound() throws Exception {
        Path folder = dir.resolve("cache");
        ImageCache cache = ImageCache.withDisk(0, folder, 1000); // memory off: every get goes to disk
        for (int i = 0; i < 5; i++) {
            int seed = i;
            cache.get("key" + i, () -> image(400, seed));
        }
        assertEquals(800, cache.stats().diskBytes());
        assertEquals(2, files(folder));

        AtomicInteger reloads = new AtomicInteger();
        cache.get("key4", () -> {
            reloads.incrementAndGet();
            return image(400, 4);
        });
        cache.get("key0", () -> {
            reloads.incrementAndGet();
            return image(400, 0);
        });
        assertEquals(1, reloads.get(), "key4 was on disk, key0 had been evicted");
        assertTrue(cache.stats().diskBytes() <= 1000);

        // a restart with a smaller bound trims what is there
        ImageCache smaller = ImageCache.withDisk(0, folder, 500);
        assertEquals(400, smaller.stats().diskBytes());
        assertEquals(1, files(folder));
    }

    static long files(Path folder) throws IOException {
        try (Stream<Path> list = Files.list(folder)) {
            return list.filter(p -> p.toString().endsWith(".img")).count();
        }
    }
}
