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
import java.security.SecureRandom;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reading and creating the raw 32-byte token key file. */
final class KeyFiles {

    static final int KEY_BYTES = 32;

    private static final Logger log = LoggerFactory.getLogger(KeyFiles.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

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
        boolean posix = Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class);
        FileAttribute<?>[] ownerOnly = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
        if (!posix) {
            log.warn("Cannot restrict permissions of key file {} on this file system: make sure only the bot's"
                    + " user can read it", file);
        }
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        Path temp = Files.createTempFile(dir, ".spotlink-key-", ".tmp", ownerOnly);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(key));
                channel.force(true); // the key must be on disk before any token encrypted with it is committed
            } finally {
                java.util.Arrays.fill(key, (byte) 0);
            }
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
