package dev.spotlink.admin.setup;

import dev.spotlink.config.ConfigException;
import dev.spotlink.config.ConfigKey;
import dev.spotlink.config.SpotlinkConfig;
import dev.spotlink.i18n.Messages;
import dev.spotlink.spotify.HttpClients;
import dev.spotlink.spotify.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the set-up page for {@code Main}: decides when a broken config should open it instead of failing, starts
 * it, prints its one-time link, and returns the config once the admin saved one that loads.
 */
public final class SetupLauncher {

    /** The set-up page's default bind address: this machine only. */
    public static final String LOOPBACK = "127.0.0.1";
    /** Printed under the config problems when set-up was not offered. */
    public static final String HINT = "To fix it in a browser instead, run: java -jar spotlink.jar setup";

    private static final Logger log = LoggerFactory.getLogger(SetupLauncher.class);
    private static final int DEFAULT_PORT = 8080;

    private SetupLauncher() {
    }

    /**
     * Whether a failed config load should open the set-up page: when a required key is set neither in the file
     * nor in the environment (nothing or too little configured yet). A config whose values are merely wrong keeps
     * the all-problems message, and so does a non-interactive process configured through {@code SPOTLINK_*}
     * variables (a container or service, whose admin reads logs, not a browser on the same machine).
     */
    public static boolean offers(ConfigException problem, Map<String, String> env, boolean interactive) {
        Map<String, String> file;
        try {
            file = ConfigFile.read(problem.configFile());
        } catch (IOException | IllegalArgumentException e) {
            return false; // unreadable: the loader's message says why, and the page could not edit it anyway
        }
        boolean incomplete = Arrays.stream(ConfigKey.values()).filter(ConfigKey::required)
                .anyMatch(key -> blank(file.get(key.key())) && blank(env.get(key.envName())));
        boolean envConfigured = Arrays.stream(ConfigKey.values()).anyMatch(key -> !blank(env.get(key.envName())));
        return incomplete && (interactive || !envConfigured);
    }

    /**
     * Starts the set-up page on {@code host} and the bot's port, prints its link to {@code out} and waits until the
     * admin saved a config that loads. Empty when the page could not start (the reason went to {@code err}).
     */
    public static Optional<SpotlinkConfig> run(Path configFile, Map<String, String> env, String host,
                                               PrintStream out, PrintStream err) {
        Map<String, String> file;
        try {
            file = ConfigFile.read(configFile);
        } catch (IOException | IllegalArgumentException e) {
            err.println("The set-up page cannot edit " + configFile + ": " + e.getMessage());
            return Optional.empty();
        }
        int port = port(file, env);
        OkHttpClient http = HttpClients.create();
        SetupDraft draft = new SetupDraft(file, env, port);
        String shownHost = host.equals("0.0.0.0") || host.equals("::") ? LOOPBACK : host;
        String healthUrl = "http://" + shownHost + ":" + port + "/health";
        SetupSteps steps = new SetupSteps(draft, new SetupChecks(http, Json.mapper()), configFile, env, healthUrl);
        SetupServer server = new SetupServer(host, port, new SetupAccess(new SecureRandom()), steps, new Messages());
        try {
            server.start();
        } catch (RuntimeException e) {
            err.println("Could not open the set-up page on " + host + ":" + port + " (" + rootMessage(e) + ")."
                    + " Is another program using the port? Set server.port in " + configFile + " to another one.");
            log.debug("Set-up server failed to start", e);
            closeQuietly(server, http);
            return Optional.empty();
        }
        try {
            out.println();
            out.println("Spotlink needs setting up. Open this link in a browser on this machine:");
            out.println();
            out.println("    " + server.link(shownHost));
            out.println();
            out.println("The link works once. For a new one, run: java -jar spotlink.jar setup");
            if (!host.equals(LOOPBACK) && !host.equals("::1")) {
                out.println("WARNING: the set-up page listens on " + host + ", not only on this machine: anyone"
                        + " who can reach this port and sees the link can configure the bot. From another machine,"
                        + " use this machine's address in place of " + shownHost + ".");
            }
            out.flush();
            return Optional.of(server.configured().get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            log.error("Set-up failed", e.getCause());
            return Optional.empty();
        } finally {
            closeQuietly(server, http);
        }
    }

    /** The bot's own port: env {@code SPOTLINK_SERVER_PORT}, else the file's {@code server.port}, else 8080. */
    static int port(Map<String, String> file, Map<String, String> env) {
        String fromEnv = env.get(ConfigKey.SERVER_PORT.envName());
        String value = !blank(fromEnv) ? fromEnv : file.get(ConfigKey.SERVER_PORT.key());
        try {
            int port = value == null ? DEFAULT_PORT : Integer.parseInt(value.strip());
            return port >= 1 && port <= 65535 ? port : DEFAULT_PORT;
        } catch (NumberFormatException e) {
            return DEFAULT_PORT;
        }
    }

    private static void closeQuietly(SetupServer server, OkHttpClient http) {
        try {
            server.close();
        } catch (RuntimeException e) {
            log.warn("Stopping the set-up page failed", e);
        }
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
