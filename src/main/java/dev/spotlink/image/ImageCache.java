package dev.spotlink.image;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.LongAdder;

/**
 * Images by key (URL or URI + style), least recently used dropped first once the held bytes pass the bound;
 * optionally backed by a {@link DiskImageStore} with its own bound. Concurrent requests for one key share one
 * load (single flight). Failed loads are not cached: the next request tries again.
 *
 * <p>Returned arrays are the cached ones, shared between callers: never modify them.
 */
public final class ImageCache {

    /** Loads an image on a miss; any exception counts as "unavailable". */
    @FunctionalInterface
    public interface Loader {
        byte[] load() throws Exception;
    }

    private final long maxBytes;
    private final DiskImageStore disk;
    private final Object lock = new Object();
    /** Access-ordered: iteration starts at the least recently used. Guarded by {@link #lock}. */
    private final LinkedHashMap<String, byte[]> entries = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;
    private final ConcurrentHashMap<String, CompletableFuture<byte[]>> inFlight = new ConcurrentHashMap<>();
    private final LongAdder hits = new LongAdder();
    private final LongAdder diskHits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder joined = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder evictions = new LongAdder();

    private ImageCache(long maxBytes, DiskImageStore disk) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must not be negative: " + maxBytes);
        }
        this.maxBytes = maxBytes;
        this.disk = disk;
    }

    /** Memory only, holding at most {@code maxBytes} of images (0: keeps nothing, still single flight). */
    public static ImageCache inMemory(long maxBytes) {
        return new ImageCache(maxBytes, null);
    }

    /**
     * Memory plus files under {@code dir} (created if needed; files already there are reused), at most
     * {@code maxDiskBytes} of them.
     *
     * @throws IOException when the folder cannot be created or listed
     */
    public static ImageCache withDisk(long maxBytes, Path dir, long maxDiskBytes) throws IOException {
        return new ImageCache(maxBytes, new DiskImageStore(dir, maxDiskBytes));
    }

    /**
     * The image for {@code key}: from memory, else from disk, else from {@code loader} (once, however many
     * threads ask at the same time; the others wait for that load).
     *
     * @throws ImageUnavailableException when the load fails or returns nothing (waiting callers get it too)
     */
    public byte[] get(String key, Loader loader) throws ImageUnavailableException {
        Objects.requireNonNull(key, "key");
        byte[] cached = memory(key);
        if (cached != null) {
            hits.increment();
            return cached;
        }
        CompletableFuture<byte[]> mine = new CompletableFuture<>();
        CompletableFuture<byte[]> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            joined.increment();
            return await(running);
        }
        try {
            byte[] image = loadAsLeader(key, loader);
            mine.complete(image);
            return image;
        } catch (ImageUnavailableException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    /** The image if cached in memory (counts as a hit), without loading. */
    public Optional<byte[]> peek(String key) {
        byte[] cached = memory(key);
        if (cached != null) {
            hits.increment();
        }
        return Optional.ofNullable(cached);
    }

    public CacheStats stats() {
        long held;
        int count;
        synchronized (lock) {
            held = bytes;
            count = entries.size();
        }
        return new CacheStats(hits.sum(), diskHits.sum(), misses.sum(), joined.sum(), failures.sum(),
                evictions.sum(), held, count, disk == null ? 0 : disk.bytes());
    }

    /** The memory bound in bytes. */
    public long maxBytes() {
        return maxBytes;
    }

    private byte[] loadAsLeader(String key, Loader loader) throws ImageUnavailableException {
        // A load that finished between our memory check and taking the lead has stored the image already.
        byte[] cached = memory(key);
        if (cached != null) {
            hits.increment();
            return cached;
        }
        if (disk != null) {
            Optional<byte[]> stored = disk.read(key);
            if (stored.isPresent()) {
                diskHits.increment();
                remember(key, stored.get());
                return stored.get();
            }
        }
        misses.increment();
        byte[] image;
        try {
            image = loader.load();
        } catch (ImageUnavailableException e) {
            failures.increment();
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failures.increment();
            throw new ImageUnavailableException("interrupted while loading " + key, e);
        } catch (Exception e) {
            failures.increment();
            throw new ImageUnavailableException("loading " + key + " failed: " + e.getMessage(), e);
        }
        if (image == null || image.length == 0) {
            failures.increment();
            throw new ImageUnavailableException("empty image for " + key);
        }
        remember(key, image);
        if (disk != null) {
            disk.write(key, image);
        }
        return image;
    }

    private byte[] memory(String key) {
        synchronized (lock) {
            return entries.get(key);
        }
    }

    private void remember(String key, byte[] image) {
        if (image.length > maxBytes) {
            return; // larger than the whole bound: caching it would evict everything else for one image
        }
        synchronized (lock) {
            byte[] previous = entries.put(key, image);
            bytes += image.length - (previous == null ? 0 : previous.length);
            Iterator<Map.Entry<String, byte[]>> oldest = entries.entrySet().iterator();
            while (bytes > maxBytes && oldest.hasNext()) {
                Map.Entry<String, byte[]> entry = oldest.next();
                bytes -= entry.getValue().length;
                oldest.remove();
                evictions.increment();
            }
        }
    }

    private static byte[] await(CompletableFuture<byte[]> running) throws ImageUnavailableException {
        try {
            return running.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImageUnavailableException("interrupted while waiting for an image", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ImageUnavailableException unavailable) {
                throw unavailable;
            }
            throw new ImageUnavailableException("image load failed", e.getCause());
        }
    }
}
