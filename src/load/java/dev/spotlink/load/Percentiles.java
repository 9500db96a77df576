package dev.spotlink.load;

import java.util.Arrays;

/** Nanosecond samples, sorted once, read as milliseconds at any percentile. */
final class Percentiles {

    private final long[] sorted;

    Percentiles(long[] samples) {
        this.sorted = samples.clone();
        Arrays.sort(sorted);
    }

    int count() {
        return sorted.length;
    }

    /** Nearest-rank percentile in milliseconds; NaN without samples. */
    double ms(double percentile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }

    /** "p50 / p95 / p99" in ms with one decimal. */
    String summary() {
        return String.format("%.1f / %.1f / %.1f", ms(50), ms(95), ms(99));
    }
}
