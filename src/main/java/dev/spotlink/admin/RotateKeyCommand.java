package dev.spotlink.admin;

import dev.spotlink.config.SpotlinkConfig;
import dev.spotlink.store.KeyRotation;
import dev.spotlink.store.StoreException;
import java.io.PrintStream;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code rotate-key}: re-encrypts every stored secret under a new key and keeps the old key beside it; the bot
 * must be stopped (the database lock says so).
 */
public final class RotateKeyCommand {

    public static final String NAME = "rotate-key";
    private static final Logger log = LoggerFactory.getLogger(RotateKeyCommand.class);

    private RotateKeyCommand() {
    }

    /** Rotates the key of {@code config}'s database; the exit code. */
    public static int run(SpotlinkConfig config, PrintStream out, PrintStream err) {
        try {
            KeyRotation.Result result = KeyRotation.rotate(config.database().url(), config.security().keyFile(),
                    Clock.systemUTC());
            out.println("Rotated the token encryption key.");
            out.println("  Re-encrypted: " + result.accounts() + " linked account(s) (access and refresh"
                    + " tokens), " + result.pendingLinks() + " pending /link request(s)");
            out.println("  New key:      " + result.keyFile());
            out.println("  Old key:      " + result.backupFile() + " (mode 0600)");
            out.println("Keep the old key with any database backups made before now (they need it);"
                    + " delete it when those backups are gone.");
            return 0;
        } catch (StoreException e) {
            err.println("Key rotation failed: " + e.getMessage());
            log.debug("Key rotation failed", e);
            return ExitCodes.STARTUP;
        }
    }
}
