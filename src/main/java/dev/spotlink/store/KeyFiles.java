package dev.spotlink.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reading and creating the raw 32-byte token key file. */
final class KeyFiles {

    static final int KEY_BYTES = 32;

    private static final Logger log = LoggerFactory.getLogger(KeyFiles.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final DateTimeFormatter BACKUP_STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private KeyFiles() {
    }

    /** The key in {@code keyFile}, created first when the file does not exist. */
    static byte[] loadOrCreate(Path keyFile) {
        Path file = keyFile.toAbsolutePath();
        if (Files.notExists(file)) {
            try {
                create(file);
            } catch (FileAlreadyExistsException e) {
                log.debug("Key file {} appeared while creating it; using that one", file);
            } catch (IOException e) {
                throw new StoreException("Cannot create key file " + file + ": " + e.getMessage(), e);
            }
        }
        return load(file);
    }

    static byte[] load(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                throw new StoreException("Key file " + file + " is not a regular file");
            }
            long size = Files.size(file);
            byte[] key = size == KEY_BYTES ? Files.readAllBytes(file) : new byte[0];
            if (key.length != KEY_BYTES) {
                throw new StoreException("Key file " + file + " holds " + size + " bytes, but a token key is exactly "
                        + KEY_BYTES + " random bytes. Restore the original key file; delete it only if the database"
                        + " holds no linked accounts (a new key is then created).");
            }
            warnIfOthersCanRead(file);
            return key;
        } catch (IOException e) {
            throw new StoreException("Cannot read key file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes a new key into a 0600 temp file, fsyncs it, then links it into place: the key file never exists
     * half-written or world-readable, and a concurrent creator's key is never overwritten.
     */
    private static void create(Path file) throws IOException {
        Path dir = file.getParent();
        Files.createDirectories(dir);
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        Path temp;
        try {
            temp = writeOwnerOnlyTemp(dir, key, file); // on disk before any token encrypted with it is committed
        } finally {
            Arrays.fill(key, (byte) 0);
        }
        try {
            try {
                Files.createLink(file, temp); // atomic, fails if the file exists
            } catch (UnsupportedOperationException | IOException e) {
                if (e instanceof FileAlreadyExistsException exists) {
                    throw exists;
                }
                Files.move(temp, file); // no hard links here: move, still refusing to replace
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        syncDirectory(dir);
        log.info("Created a new token encryption key in {}", file);
    }

    /** Where a key rotation parks the new key until the database holds data encrypted with it. */
    static Path pendingFile(Path keyFile) {
        Path file = keyFile.toAbsolutePath();
        return file.resolveSibling(file.getFileName() + ".new");
    }

    /**
     * A new random key, durably written to {@link #pendingFile} (0600; replacing a leftover of an interrupted
     * rotation). Returns the key; the caller zeroes it.
     */
    static byte[] writePending(Path keyFile) {
        Path pending = pendingFile(keyFile);
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        try {
            Path temp = writeOwnerOnlyTemp(pending.getParent(), key, pending);
            try {
                Files.move(temp, pending, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
            syncDirectory(pending.getParent());
            return key;
        } catch (IOException e) {
            Arrays.fill(key, (byte) 0);
            throw new StoreException("Cannot write the new key to " + pending + ": " + e.getMessage(), e);
        }
    }

    /** Replaces the key file by the pending key in one atomic rename, durably. */
    static void promotePending(Path keyFile) {
        Path file = keyFile.toAbsolutePath();
        try {
            Files.move(pendingFile(file), file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            syncDirectory(file.getParent());
        } catch (IOException e) {
            throw new StoreException("Cannot move the new key " + pendingFile(file) + " to " + file + ": "
                    + e.getMessage() + ". The database already uses the new key: the next start finishes the move.",
                    e);
        }
    }

    static void deletePending(Path keyFile) {
        try {
            Files.deleteIfExists(pendingFile(keyFile));
        } catch (IOException e) {
            throw new StoreException("Cannot delete " + pendingFile(keyFile) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Copies the key to {@code <key file>.bak-<UTC time>} (0600, durable, never overwriting another backup) and
     * returns that path.
     */
    static Path backup(Path keyFile, Instant now) {
        Path file = keyFile.toAbsolutePath();
        byte[] key = load(file);
        String stamp = BACKUP_STAMP.format(now.truncatedTo(ChronoUnit.SECONDS));
        try {
            Path temp = writeOwnerOnlyTemp(file.getParent(), key, file);
            try {
                for (int n = 1; ; n++) {
                    Path backup = file.resolveSibling(file.getFileName() + ".bak-" + stamp + (n == 1 ? "" : "-" + n));
                    try {
                        Files.move(temp, backup); // without REPLACE_EXISTING: never over another backup
                        syncDirectory(file.getParent());
                        return backup;
                    } catch (FileAlreadyExistsException taken) {
                        // a rotation in the same second: number this one
                    }
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new StoreException("Cannot back up key file " + file + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** {@code bytes} in a new 0600 temp file in {@code dir}, forced to disk. */
    private static Path writeOwnerOnlyTemp(Path dir, byte[] bytes, Path forMessages) throws IOException {
        boolean posix = Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class);
        FileAttribute<?>[] ownerOnly = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
        if (!posix) {
            log.warn("Cannot restrict permissions of key file {} on this file system: make sure only the bot's"
                    + " user can read it", forMessages);
        }
        Path temp = Files.createTempFile(dir, ".spotlink-key-", ".tmp", ownerOnly);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(bytes));
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        return temp;
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            log.debug("Cannot fsync folder {} (not supported on this platform)", dir, e);
        }
    }

    private static void warnIfOthersCanRead(Path file) throws IOException {
        if (!Files.getFileStore(file).supportsFileAttributeView(PosixFileAttributeView.class)) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        if (permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ)) {
            log.warn("Key file {} is readable by other users ({}): run chmod 600 on it", file,
                    PosixFilePermissions.toString(permissions));
        }
    }
}
