package dev.spotlink.load;

import java.util.Arrays;

/** A growable array of longs for one thread (no boxing, no locking). */
final class Samples {

    private long[] values = new long[1024];
    private int size;

    void add(long value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    long[] toArray() {
        return Arrays.copyOf(values, size);
    }

    static long[] concat(Iterable<Samples> all) {
        int total = 0;
        for (Samples s : all) {
            total += s.size;
        }
        long[] out = new long[total];
        int at = 0;
        for (Samples s : all) {
            System.arraycopy(s.values, 0, out, at, s.size);
            at += s.size;
        }
        return out;
    }
}
