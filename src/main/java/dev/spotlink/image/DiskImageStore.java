package dev.spotlink.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Image files in one folder, bounded in total bytes: when a write goes over the bound, the least recently used
 * files (by last read or write; at start-up by modification time) are deleted. Thread-safe within one process;
 * two processes must not share a folder (each would keep its own count).
 */
final class DiskImageStore {

    private static final Logger log = LoggerFactory.getLogger(DiskImageStore.class);
    private static final String SUFFIX = ".img";

    private final Path dir;
    private final long maxBytes;
    /** File name to size, least recently used first. Guarded by {@code this}. */
    private final LinkedHashMap<String, Long> index = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;

    /**
     * Opens (creating if needed) the folder and indexes the files already there, so a restart keeps them and
     * still honours the bound.
     */
    DiskImageStore(Path dir, long maxBytes) throws IOException {
        this.dir = dir.toAbsolutePath().normalize();
        this.maxBytes = maxBytes;
        Files.createDirectories(this.dir);
        record Existing(String name, long size, FileTime modified) {
        }
        List<Existing> existing = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(this.dir, "*" + SUFFIX)) {
            for (Path file : files) {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                if (attributes.isRegularFile()) {
                    existing.add(new Existing(file.getFileName().toString(), attributes.size(),
                            attributes.lastModifiedTime()));
                }
            }
        }
        existing.sort(Comparator.comparing(Existing::modified));
        synchronized (this) {
            for (Existing file : existing) {
                index.put(file.name(), file.size());
                bytes += file.size();
            }
            evict();
        }
    }

    /** The stored bytes for {@code key}, or empty (also when the file vanished or cannot be read). */
    Optional<byte[]> read(String key) {
        String name = fileName(key);
        synchronized (this) {
            if (index.get(name) == null) {
                return Optional.empty();
            }
        }
        Path file = dir.resolve(name);
        try {
            byte[] data = Files.readAllBytes(file);
            // the modification time is the recency order a restart rebuilds the index from
            Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
            return Optional.of(data);
        } catch (NoSuchFileException e) {
            forget(name);
            return Optional.empty();
        } catch (IOException e) {
            log.warn("Cannot read cached image {}; dropping it", file, e);
            forget(name);
            return Optional.empty();
        }
    }

    /** Stores {@code data} for {@code key} (replacing), then deletes the oldest files beyond the bound. */
    void write(String key, byte[] data) {
        if (data.length > maxBytes) {
            return;
        }
        String name = fileName(key);
        Path file = dir.resolve(name);
        Path temp = null;
        try {
            // a temp file then a rename: a crash or a concurrent reader never sees half an image
            temp = Files.createTempFile(dir, "write-", ".tmp");
            Files.write(temp, data);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
        } catch (IOException e) {
            log.warn("Cannot write cached image {}", file, e);
            return;
        } finally {
            deleteQuietly(temp);
        }
        synchronized (this) {
            Long previous = index.put(name, (long) data.length);
            bytes += data.length - (previous == null ? 0 : previous);
            evict();
        }
    }

    /** Bytes of all indexed files. */
    synchronized long bytes() {
        return bytes;
    }

    /** Number of indexed files. */
    synchronized int files() {
        return index.size();
    }

    Path directory() {
        return dir;
    }

    private synchronized void forget(String name) {
        Long size = index.remove(name);
        if (size != null) {
            bytes -= size;
        }
    }

    /** Deletes least recently used files until within the bound. Caller holds the lock. */
    private void evict() {
        Iterator<Map.Entry<String, Long>> oldest = index.entrySet().iterator();
        while (bytes > maxBytes && oldest.hasNext()) {
            Map.Entry<String, Long> entry = oldest.next();
            deleteQuietly(dir.resolve(entry.getKey()));
            bytes -= entry.getValue();
            oldest.remove();
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Cannot delete cached image {}", file, e);
        }
    }

    /** SHA-256 of the key: fixed length, no path characters from URLs. */
    static String fileName(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest) + SUFFIX;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
