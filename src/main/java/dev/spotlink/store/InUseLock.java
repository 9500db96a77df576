package dev.spotlink.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An OS file lock on {@code <database file>.lock}: every process that opens the database holds it shared for as
 * long as it runs; maintenance that must be alone with the database ({@code rotate-key}: a running bot would keep
 * encrypting with the old key) takes it exclusively. The OS drops the lock when a process dies, even by SIGKILL,
 * so a crash never leaves it stale; the file itself is harmless and may be deleted while nothing runs.
 *
 * <p>Java keeps file locks per JVM: a second opener of the same database in one JVM (only tests do that) shares
 * the first one's lock instead of taking its own.
 */
final class InUseLock implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(InUseLock.class);
    private static final long SHARED_WAIT_MILLIS = 30_000;

    private final FileChannel channel;
    private final FileLock lock;

    private InUseLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static Path lockFile(Path databaseFile) {
        Path file = databaseFile.toAbsolutePath();
        return file.resolveSibling(file.getFileName() + ".lock");
    }

    /** Shared: waits (up to 30 s) while a maintenance command holds the database, then fails naming it. */
    static InUseLock shared(Path databaseFile) {
        Path file = lockFile(databaseFile);
        FileChannel channel = open(file);
        try {
            long deadline = System.currentTimeMillis() + SHARED_WAIT_MILLIS;
            while (true) {
                FileLock lock = channel.tryLock(0, Long.MAX_VALUE, true);
                if (lock != null) {
                    return new InUseLock(channel, lock);
                }
                if (System.currentTimeMillis() > deadline) {
                    throw new StoreException("Database " + databaseFile.toAbsolutePath() + " is held by a"
                            + " maintenance command (e.g. rotate-key; lock " + file + "). Start again once it has"
                            + " finished.");
                }
                Thread.sleep(100);
            }
        } catch (OverlappingFileLockException e) {
            // this JVM holds it already (another Database on the same file: tests); keep the channel, not a lock
            return new InUseLock(channel, null);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StoreException("Cannot lock " + file + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(channel);
            throw new StoreException("Interrupted while waiting for the lock " + file, e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /** Exclusive, without waiting: fails naming the lock file when any other process uses the database. */
    static InUseLock exclusive(Path databaseFile) {
        Path file = lockFile(databaseFile);
        FileChannel channel = open(file);
        FileLock lock;
        try {
            lock = channel.tryLock(0, Long.MAX_VALUE, false);
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StoreException("Cannot lock " + file + ": " + e.getMessage(), e);
        }
        if (lock == null) {
            closeQuietly(channel);
            throw new StoreException("Database " + databaseFile.toAbsolutePath() + " is in use (lock " + file
                    + " is held): stop the bot (every process using this database) first, then run this again.");
        }
        return new InUseLock(channel, lock);
    }

    @Override
    public void close() {
        try {
            if (lock != null && lock.isValid()) {
                lock.release();
            }
        } catch (IOException e) {
            log.debug("Releasing the database lock failed; closing its file releases it", e);
        }
        closeQuietly(channel);
    }

    private static FileChannel open(Path file) {
        try {
            return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new StoreException("Cannot open lock file " + file + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            log.debug("Closing a lock file failed", e);
        }
    }
}
