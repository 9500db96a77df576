package dev.spotlink.image;

import dev.spotlink.config.CacheConfig;
import dev.spotlink.spotify.CodeStyle;
import dev.spotlink.spotify.SpotifyCodesClient;
import dev.spotlink.spotify.SpotifyUri;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cover art and Spotify code images through one {@link ImageCache}. Upstream failures are logged here and
 * become {@link Optional#empty()}: a missing image degrades a reply, it never fails a command.
 * Close it on shutdown (it owns a small thread pool for parallel fetches).
 */
public final class Images implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Images.class);
    /**
     * Cover fetches at once. They wait on the network, not the CPU, and each command that misses waits for its
     * own: with 4, a burst of new tracks queued behind four 40–200 ms downloads. More queue, and a full queue runs
     * the fetch on the caller. Idle threads end.
     */
    public static final int DEFAULT_THREADS = 32;
    /** How long a command waits for the parallel half; the fetch itself goes on and fills the cache. */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);

    private final ImageCache cache;
    private final ImageFetcher fetcher;
    private final SpotifyCodesClient codes;
    private final ThreadPoolExecutor executor;
    private final Duration wait;

    public Images(ImageCache cache, ImageFetcher fetcher, SpotifyCodesClient codes) {
        this(cache, fetcher, codes, DEFAULT_THREADS, DEFAULT_WAIT);
    }

    public Images(ImageCache cache, ImageFetcher fetcher, SpotifyCodesClient codes, int threads, Duration wait) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.codes = Objects.requireNonNull(codes, "codes");
        this.wait = Objects.requireNonNull(wait, "wait");
        AtomicInteger counter = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(64), r -> {
                    Thread t = new Thread(r, "spotlink-images-" + counter.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
        executor.allowCoreThreadTimeOut(true);
    }

    /**
     * Wiring for {@code Main}: the cache as configured; when the disk folder cannot be used, memory only
     * (logged), since a cache must never stop the bot from starting.
     */
    public static Images create(OkHttpClient http, SpotifyCodesClient codes, CacheConfig config, Path diskDir) {
        ImageCache cache = ImageCache.inMemory(config.memoryBytes());
        if (config.disk()) {
            try {
                cache = ImageCache.withDisk(config.memoryBytes(), diskDir, config.diskBytes());
            } catch (IOException | RuntimeException e) {
                log.warn("Disk image cache at {} unusable; caching images in memory only", diskDir, e);
            }
        }
        return new Images(cache, new ImageFetcher(http), codes);
    }

    /** Cover art by URL (JPEG/PNG bytes), or empty when absent or unavailable. */
    public Optional<byte[]> cover(String url) {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(cache.get(coverKey(url), () -> fetcher.fetch(url)));
        } catch (ImageUnavailableException e) {
            log.warn("Cover art {} unavailable", url, e);
            return Optional.empty();
        }
    }

    private static String coverKey(String url) {
        return "cover " + url;
    }

    /** The codes service's image for {@code uri} in {@code style}, or empty when unavailable. */
    public Optional<byte[]> code(SpotifyUri uri, CodeStyle style) {
        if (uri == null) {
            return Optional.empty();
        }
        String key;
        try {
            key = "code " + codes.url(uri, style); // the URL names format, colours, size and URI
        } catch (IllegalArgumentException e) {
            log.warn("Spotify code for {} not requested: invalid style {}", uri, style, e);
            return Optional.empty();
        }
        try {
            return Optional.of(cache.get(key, () -> codes.fetch(uri, style)));
        } catch (ImageUnavailableException e) {
            log.warn("Spotify code image for {} unavailable", uri, e);
            return Optional.empty();
        }
    }

    /**
     * Cover and code for one command, fetched at the same time: the cover on the pool, the code on the calling
     * thread. Either may be null (not wanted). Never throws; a part that fails or is slower than the wait is
     * empty.
     */
    public CoverAndCode coverAndCode(String coverUrl, SpotifyUri codeUri, CodeStyle codeStyle) {
        boolean wantCover = coverUrl != null && !coverUrl.isBlank();
        Optional<byte[]> cached = wantCover ? cache.peek(coverKey(coverUrl)) : Optional.empty();
        CompletableFuture<Optional<byte[]>> cover;
        if (!wantCover) {
            cover = CompletableFuture.completedFuture(Optional.empty());
        } else if (cached.isPresent()) {
            // in memory: no fetch to overlap with the code's, so no hand-off to the pool and back
            cover = CompletableFuture.completedFuture(cached);
        } else if (executor.isShutdown()) {
            // after close() the pool would silently drop the task; fetch in turn instead of waiting for nothing
            cover = CompletableFuture.completedFuture(cover(coverUrl));
        } else {
            cover = CompletableFuture.supplyAsync(() -> cover(coverUrl), executor);
        }
        Optional<byte[]> code = codeUri == null ? Optional.empty() : code(codeUri, codeStyle);
        return new CoverAndCode(awaitCover(cover, coverUrl), code);
    }

    /**
     * Covers for several items at once (a grid of them), fetched side by side on the pool; each is empty when
     * absent, unavailable or slower than the wait. Never throws.
     */
    public List<Optional<byte[]>> covers(List<String> urls) {
        List<CompletableFuture<Optional<byte[]>>> fetches = new ArrayList<>();
        for (String url : urls) {
            Optional<byte[]> cached = url == null || url.isBlank() ? Optional.empty() : cache.peek(coverKey(url));
            if (url == null || url.isBlank() || cached.isPresent() || executor.isShutdown()) {
                fetches.add(CompletableFuture.completedFuture(cached.isPresent() ? cached : cover(url)));
            } else {
                fetches.add(CompletableFuture.supplyAsync(() -> cover(url), executor));
            }
        }
        List<Optional<byte[]>> covers = new ArrayList<>();
        for (int i = 0; i < fetches.size(); i++) {
            covers.add(awaitCover(fetches.get(i), urls.get(i)));
        }
        return covers;
    }

    public CacheStats stats() {
        return cache.stats();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private Optional<byte[]> awaitCover(CompletableFuture<Optional<byte[]>> cover, String url) {
        try {
            return cover.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (TimeoutException e) {
            log.warn("Cover art {} took longer than {}; replying without it", url, wait);
            return Optional.empty();
        } catch (ExecutionException e) {
            log.warn("Cover art {} failed", url, e.getCause());
            return Optional.empty();
        }
    }
}
