package dev.spotlink.image;

/**
 * A snapshot of {@link ImageCache} counters, for logs and (later) metrics.
 *
 * @param hits        answered from memory
 * @param diskHits    answered from the disk cache (then kept in memory too)
 * @param misses      loads started: the upstream was asked
 * @param joined      requests that waited for another request's load of the same key (single flight)
 * @param failures    loads that failed (never cached)
 * @param evictions   entries dropped from memory to stay within the byte bound
 * @param bytes       bytes held in memory now
 * @param entries     entries held in memory now
 * @param diskBytes   bytes of image files on disk now (0 without a disk cache)
 */
public record CacheStats(long hits, long diskHits, long misses, long joined, long failures, long evictions,
                         long bytes, int entries, long diskBytes) {
}
