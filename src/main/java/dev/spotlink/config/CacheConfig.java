package dev.spotlink.config;

/**
 * Bounds of the image cache (cover art and Spotify code images).
 *
 * @param memoryBytes most bytes of images kept in memory ({@code cache.memory-bytes}); 0 keeps none
 * @param disk        whether images are also kept on disk ({@code cache.disk}), under
 *                    {@link SpotlinkConfig#imageCacheDirectory()}
 * @param diskBytes   most bytes of image files on disk ({@code cache.disk-bytes})
 */
public record CacheConfig(long memoryBytes, boolean disk, long diskBytes) {

    public static final long DEFAULT_MEMORY_BYTES = 32L * 1024 * 1024;
    public static final long DEFAULT_DISK_BYTES = 256L * 1024 * 1024;

    /** The defaults: 32 MiB in memory, no disk cache. */
    public static final CacheConfig DEFAULT = new CacheConfig(DEFAULT_MEMORY_BYTES, false, DEFAULT_DISK_BYTES);

    public CacheConfig {
        if (memoryBytes < 0 || diskBytes < 0) {
            throw new IllegalArgumentException("cache bounds must not be negative");
        }
    }
}
