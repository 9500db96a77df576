package dev.spotlink;

import dev.spotlink.admin.ExitCodes;
import dev.spotlink.admin.MigrateToCommand;
import dev.spotlink.admin.RotateKeyCommand;
import dev.spotlink.admin.setup.SetupLauncher;
import dev.spotlink.config.ConfigException;
import dev.spotlink.config.ConfigLoader;
import dev.spotlink.config.SpotlinkConfig;
import dev.spotlink.store.StoreException;
import dev.spotlink.transport.console.ConsoleTransport;
import dev.spotlink.transport.discord.DiscordTransport;
import dev.spotlink.transport.telegram.TelegramTransport;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point: reads the command line and config, then wires and runs the bot. Usage:
 * {@code java -jar spotlink.jar [console | rotate-key | setup] [--config FILE] [--locale TAG] [--host ADDRESS]}.
 */
public final class Main {

    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        // cards are drawn with Java2D on servers without a display
        System.setProperty("java.awt.headless", "true");
        int code = run(args, System.getenv());
        if (code != 0) {
            System.exit(code);
        }
    }

    static int run(String[] args, Map<String, String> env) {
        if (args.length > 0 && args[0].equals(MigrateToCommand.NAME)) {
            return MigrateToCommand.run(Arrays.copyOfRange(args, 1, args.length), env, System.out,
                    System.err);
        }
        CommandLine cli;
        try {
            cli = CommandLine.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(CommandLine.USAGE);
            return ExitCodes.CONFIG;
        }
        if (cli.help()) {
            System.out.println(CommandLine.USAGE);
            return 0;
        }
        Path configPath = ConfigLoader.resolveConfigPath(cli.configArgs(), env);
        Optional<SpotlinkConfig> loaded;
        if (cli.setup()) {
            loaded = setUp(cli, configPath, env);
        } else {
            try {
                loaded = Optional.of(ConfigLoader.load(configPath, env));
            } catch (ConfigException e) {
                // run mode with too little configured opens the set-up page; see SetupLauncher#offers
                boolean runMode = !cli.console() && !cli.rotateKey();
                if (!runMode || !SetupLauncher.offers(e, env, System.console() != null)) {
                    System.err.println(e.isFirstRun() ? e.firstRunGuide() : e.getMessage());
                    if (runMode) {
                        System.err.println(SetupLauncher.HINT);
                    }
                    return ExitCodes.CONFIG;
                }
                loaded = setUp(cli, configPath, env);
            }
        }
        if (loaded.isEmpty()) {
            return ExitCodes.STARTUP;
        }
        SpotlinkConfig config = loaded.get();
        if (cli.rotateKey()) {
            return RotateKeyCommand.run(config, System.out, System.err);
        }
        Application app;
        try {
            // the bot starts its callback server beside the chat transports (runBot); the console needs it first
            app = cli.console() ? Application.start(config, Clock.systemUTC())
                    : Application.create(config, Clock.systemUTC());
        } catch (StoreException e) {
            System.err.println(e.getMessage());
            log.debug("Start-up failed", e);
            return ExitCodes.STARTUP;
        } catch (RuntimeException e) {
            log.error("Spotlink could not start", e);
            return ExitCodes.STARTUP;
        }
        return cli.console() ? runConsole(app, cli.locale()) : runBot(app, config);
    }

    /** The set-up page until the admin saved a config that loads; then the bot starts in this same process. */
    private static Optional<SpotlinkConfig> setUp(CommandLine cli, Path configPath, Map<String, String> env) {
        return SetupLauncher.run(configPath, env, cli.setupHost(), System.out, System.err);
    }

    private static int runConsole(Application app, Locale locale) {
        try (app) {
            ConsoleTransport console = new ConsoleTransport(app.core().registry(), app.core().pasteBack(),
                    app.core().messages(), locale, new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), System.out,
                    Path.of("data", "images"));
            app.core().notifiers().register(ConsoleTransport.LOCAL_USER.platform(), console.notifier());
            app.core().health().registerTransport("console", () -> "RUNNING");
            console.run();
            return 0;
        } catch (java.io.IOException e) {
            log.error("Console input failed", e);
            return ExitCodes.STARTUP;
        }
    }

    private static int runBot(Application app, SpotlinkConfig config) {
        if (config.discord().isEmpty() && config.telegram().isEmpty()) {
            log.warn("No chat platform configured (set discord.token and/or telegram.token). The callback "
                    + "server runs; try the commands with `java -jar spotlink.jar console`.");
        }
        List<AutoCloseable> transports = new CopyOnWriteArrayList<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Shutting down");
            // callbacks first, while the transports can still tell a user "linked as ..."; then the transports:
            // stop taking commands and let in-flight ones finish; the database closes last, checkpointed
            app.drainCallbacks();
            for (int i = transports.size() - 1; i >= 0; i--) {
                closeQuietly(transports.get(i));
            }
            app.close();
            stopped.countDown();
        }, "spotlink-shutdown"));
        // The transports and the callback server are independent, and each transport spends its start waiting on
        // its platform (login, gateway READY, getMe): starting them side by side makes the bot ready sooner.
        List<Callable<AutoCloseable>> starts = new ArrayList<>();
        config.discord().ifPresent(discord -> starts.add(() -> DiscordTransport.create(discord, app.core()).start()));
        CompletableFuture<Void> listening = new CompletableFuture<>();
        config.telegram().ifPresent(telegram -> starts.add(() -> {
            TelegramTransport transport = TelegramTransport.create(telegram, app.core());
            if (telegram.webhook().isPresent()) {
                listening.join(); // Telegram may deliver to the webhook the moment setWebhook returns
            }
            transport.start();
            return transport;
        }));
        if (!startAll(app, listening, starts, transports)) {
            return ExitCodes.STARTUP;
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /**
     * Runs every transport start at once, starts the callback server on this thread meanwhile (completing
     * {@code listening}), and waits for all; false (after logging why) when any failed.
     */
    private static boolean startAll(Application app, CompletableFuture<Void> listening,
                                    List<Callable<AutoCloseable>> starts, List<AutoCloseable> started) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, starts.size()), r -> {
            Thread t = new Thread(r, "spotlink-start");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<AutoCloseable>> running = new ArrayList<>();
            for (Callable<AutoCloseable> start : starts) {
                running.add(pool.submit(start));
            }
            boolean ok = true;
            try {
                app.startServer();
                listening.complete(null);
            } catch (RuntimeException e) {
                listening.completeExceptionally(e);
                log.error("Spotlink could not start", e);
                ok = false;
            }
            for (Future<AutoCloseable> future : running) {
                try {
                    started.add(future.get()); // a started transport is closed by the shutdown hook either way
                } catch (ExecutionException e) {
                    log.error("A chat transport could not start; stopping", e.getCause());
                    ok = false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return ok;
        } finally {
            pool.shutdown();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            log.warn("Stopping {} failed", closeable.getClass().getSimpleName(), e);
        }
    }

    /** The parsed command line. */
    record CommandLine(boolean console, boolean rotateKey, boolean help, Locale locale, String[] configArgs,
                       boolean setup, String setupHost) {

        static final String USAGE = """
                Usage: java -jar spotlink.jar [console | rotate-key | setup] [--config FILE] [--locale TAG]
                                              [--host ADDRESS]
                  (no mode)   run the bot: callback server plus the Discord/Telegram transports configured;
                              with no or an incomplete config, the set-up page first
                  console     run the commands in this terminal for one local user
                  rotate-key  re-encrypt every stored token under a new key (stop the bot first); the old
                              key is kept as <key file>.bak-<time>
                  migrate-to  copy the SQLite database into PostgreSQL (migrate-to --help for its options)
                  setup       open the set-up page (edits the existing config), then run the bot
                  --config    config file (default ./config.properties, or env SPOTLINK_CONFIG)
                  --host      address the set-up page listens on (default 127.0.0.1: this machine only;
                              0.0.0.0 lets anyone who reaches the port and has the link configure the bot)
                  --locale    console language, e.g. en or ru (default: the system's)""";

        static CommandLine parse(String[] args) {
            boolean console = false;
            boolean rotateKey = false;
            boolean help = false;
            boolean setup = false;
            String setupHost = SetupLauncher.LOOPBACK;
            Locale locale = Locale.getDefault();
            List<String> configArgs = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "console" -> console = true;
                    case RotateKeyCommand.NAME -> rotateKey = true;
                    case "run" -> console = false;
                    case "setup" -> setup = true;
                    case "--host" -> {
                        if (i + 1 >= args.length || args[i + 1].isBlank()) {
                            throw new IllegalArgumentException("--host needs an address, e.g. 0.0.0.0");
                        }
                        setupHost = args[++i].strip();
                    }
                    case "-h", "--help", "help" -> help = true;
                    case "--config" -> {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException("--config needs a file name");
                        }
                        configArgs.add(args[i]);
                        configArgs.add(args[++i]);
                    }
                    case "--locale" -> {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException("--locale needs a language tag, e.g. ru");
                        }
                        locale = Locale.forLanguageTag(args[++i]);
                    }
                    default -> throw new IllegalArgumentException("Unknown argument: " + args[i]);
                }
            }
            if ((console ? 1 : 0) + (rotateKey ? 1 : 0) + (setup ? 1 : 0) > 1) {
                throw new IllegalArgumentException("Choose one mode: console, rotate-key or setup");
            }
            return new CommandLine(console, rotateKey, help, locale, configArgs.toArray(String[]::new), setup,
                    setupHost);
        }
    }
}
