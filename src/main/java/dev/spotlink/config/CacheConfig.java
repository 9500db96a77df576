package dev.spotlink.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds of the image cache (cover art and Spotify code images).
 *
 * @param memoryBytes most bytes of images kept in memory ({@code cache.memory-bytes}); 0 keeps none
 * @param disk        whether images are also kept on disk ({@code cache.disk}), under
 *                    {@link SpotlinkConfig#imageCacheDirectory()}
 * @param diskBytes   most bytes of image files on disk ({@code cache.disk-bytes})
 * @param playbackTtl how long a member's playback is reused by every command ({@code cache.playback-ttl}); zero
 *                    asks Spotify every time
 */
public record CacheConfig(long memoryBytes, boolean disk, long diskBytes, Duration playbackTtl) {

    public static final long DEFAULT_MEMORY_BYTES = 32L * 1024 * 1024;
    public static final long DEFAULT_DISK_BYTES = 256L * 1024 * 1024;

    public static final Duration DEFAULT_PLAYBACK_TTL = Duration.ofSeconds(5);

    /** The defaults: 32 MiB in memory, no disk cache, playback reused for 5 s. */
    public static final CacheConfig DEFAULT = new CacheConfig(DEFAULT_MEMORY_BYTES, false, DEFAULT_DISK_BYTES);

    public CacheConfig {
        if (memoryBytes < 0 || diskBytes < 0) {
            throw new IllegalArgumentException("cache bounds must not be negative");
        }
        Objects.requireNonNull(playbackTtl, "playbackTtl");
        if (playbackTtl.isNegative()) {
            throw new IllegalArgumentException("playbackTtl must not be negative");
        }
    }

    /** With the default playback reuse. */
    public CacheConfig(long memoryBytes, boolean disk, long diskBytes) {
        this(memoryBytes, disk, diskBytes, DEFAULT_PLAYBACK_TTL);
    }
}
