package dev.spotlink.admin;

import dev.spotlink.config.ConfigException;
import dev.spotlink.config.ConfigLoader;
import dev.spotlink.config.DatabaseConfig;
import dev.spotlink.config.Secret;
import dev.spotlink.config.SpotlinkConfig;
import dev.spotlink.store.DatabaseCopy;
import dev.spotlink.store.StoreException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code migrate-to <jdbc:postgresql://...> [--user U] [--password-env VAR] [--config FILE]}: copies the configured
 * SQLite database into an empty PostgreSQL database. The password never goes on the command line (other users
 * of the host can read that): it comes from the environment variable named by {@code --password-env}.
 */
public final class MigrateToCommand {

    public static final String NAME = "migrate-to";
    static final String USAGE = """
            Usage: java -jar spotlink.jar migrate-to jdbc:postgresql://HOST[:PORT]/DATABASE [--user USER]
                                                     [--password-env VARIABLE] [--config FILE]
              Copies the linked accounts, bot state and unexpired /link requests of the configured SQLite
              database (database.url) into an empty PostgreSQL database. Stop the bot first. Tokens are copied
              encrypted: keep the same security.key-file for the processes that use PostgreSQL.
              --user          PostgreSQL user (or ?user= in the URL)
              --password-env  name of the environment variable holding the password, e.g. PGPASSWORD""";

    private static final Logger log = LoggerFactory.getLogger(MigrateToCommand.class);
    /** The copy needs one connection for reading the target's layout and one for the copy. */
    private static final int POOL_SIZE = 2;

    private MigrateToCommand() {
    }

    /** The parsed arguments (after {@code migrate-to}, without {@code --config}). */
    record Arguments(String url, Optional<String> user, Optional<String> passwordEnv) {

        static Arguments parse(String[] args) {
            String url = null;
            Optional<String> user = Optional.empty();
            Optional<String> passwordEnv = Optional.empty();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--user" -> user = Optional.of(value(args, ++i, "--user needs a user name"));
                    case "--password-env" -> passwordEnv = Optional.of(value(args, ++i,
                            "--password-env needs the name of an environment variable, e.g. PGPASSWORD"));
                    case "--password" -> throw new IllegalArgumentException("--password is not accepted: a password"
                            + " on the command line is visible to every user of this host; put it in an environment"
                            + " variable and pass --password-env VARIABLE");
                    default -> {
                        if (url != null || args[i].startsWith("--")) {
                            throw new IllegalArgumentException("Unknown argument: " + args[i]);
                        }
                        url = args[i];
                    }
                }
            }
            if (url == null) {
                throw new IllegalArgumentException("migrate-to needs the target URL, jdbc:postgresql://HOST/DATABASE");
            }
            if (!url.startsWith(DatabaseConfig.POSTGRESQL_PREFIX)) {
                throw new IllegalArgumentException("The target must be a PostgreSQL URL (jdbc:postgresql://...), not "
                        + DatabaseConfig.redact(url));
            }
            return new Arguments(url, user, passwordEnv);
        }

        private static String value(String[] args, int i, String missing) {
            if (i >= args.length || args[i].isBlank() || args[i].startsWith("--")) {
                throw new IllegalArgumentException(missing);
            }
            return args[i];
        }
    }

    /** Runs the command; {@code args} start after {@code migrate-to}. Returns the process exit code. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            out.println(USAGE);
            return 0;
        }
        Arguments arguments;
        Optional<Secret> password;
        try {
            arguments = Arguments.parse(ConfigLoader.argsWithoutConfigOption(args));
            password = password(arguments, env);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return ExitCodes.CONFIG;
        }
        SpotlinkConfig config;
        try {
            config = ConfigLoader.load(ConfigLoader.resolveConfigPath(args, env), env);
        } catch (ConfigException e) {
            err.println(e.isFirstRun() ? e.firstRunGuide() : e.getMessage());
            return ExitCodes.CONFIG;
        }
        DatabaseConfig target = new DatabaseConfig(arguments.url(), arguments.user(), password, POOL_SIZE);
        try {
            DatabaseCopy.Result copied = DatabaseCopy.copySqliteToPostgres(config.database().url(), target,
                    Clock.systemUTC());
            out.println("Copied " + config.database().redactedUrl() + " to " + target.redactedUrl() + ":");
            out.println("  Linked accounts:  " + copied.accounts() + " (tokens still encrypted)");
            out.println("  Pending /link:    " + copied.pendingLinks() + " (unexpired)");
            out.println("  Bot state:        " + copied.botState() + " entries");
            out.println("Next: set database.url (and database.user / SPOTLINK_DATABASE_PASSWORD) to the new database,"
                    + " keep security.key-file = " + config.security().keyFile().toAbsolutePath()
                    + ", and start the bot. The SQLite file is unchanged; keep it until all is well.");
            return 0;
        } catch (StoreException e) {
            err.println("migrate-to failed: " + e.getMessage());
            log.debug("migrate-to failed", e);
            return ExitCodes.STARTUP;
        }
    }

    private static Optional<Secret> password(Arguments arguments, Map<String, String> env) {
        if (arguments.passwordEnv().isEmpty()) {
            return Optional.empty();
        }
        String name = arguments.passwordEnv().get();
        String value = env.get(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("--password-env " + name + ": that environment variable is not set");
        }
        return Optional.of(new Secret(value));
    }
}
