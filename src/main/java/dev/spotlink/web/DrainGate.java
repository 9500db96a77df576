package dev.spotlink.web;

import java.time.Duration;

/**
 * Lets work in until closed, then waits for the work already inside: a callback between "state claimed" and
 * "account saved" finishes instead of being cut off by the shutdown (the code it holds is single-use).
 */
final class DrainGate {

    private int active;
    private boolean closed;

    /** False once closed: the caller must turn the work away. */
    synchronized boolean enter() {
        if (closed) {
            return false;
        }
        active++;
        return true;
    }

    synchronized void exit() {
        active--;
        if (active == 0) {
            notifyAll();
        }
    }

    /** Closes the gate and waits up to {@code timeout} for the work inside; true when none is left. */
    synchronized boolean closeAndAwait(Duration timeout) throws InterruptedException {
        closed = true;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (active > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    synchronized int active() {
        return active;
    }
}
