package dev.spotlink.load;

import dev.spotlink.Application;
import dev.spotlink.testing.TestConfigs;
import dev.spotlink.transport.discord.DiscordTransport;
import dev.spotlink.transport.telegram.TelegramTransport;
import dev.spotlink.config.SpotlinkConfig;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The load driver ({@code mvn -B -q -Pload -DskipTests package exec:exec}, see BENCHMARKS.md). Against fakes with
 * the configured latency and {@code load.accounts} linked accounts:
 * <ol>
 *   <li>start-up of the real jar to ready, idle RSS and heap, then OAuth callbacks against it (completions per
 *       second, RSS and heap under that load), with Discord and Telegram connected to their fakes;</li>
 *   <li>the bot in this JVM (same wiring as {@code Main}, both transports connected): {@code /nowplaying} at each
 *       concurrency step and {@code /share} at 200 users, end-to-end and own overhead (end-to-end minus the time
 *       the fake Spotify spent on the command's requests).</li>
 * </ol>
 * Prints a Markdown report and writes it to {@code load.report}.
 */
public final class LoadDriver {

    private static final int SHARE_USERS = 200;
    /** The users of the paced step: the concurrency the overhead target names. */
    private static final int PACED_USERS = 200;

    private final LoadSettings settings;
    private final List<String> report = new ArrayList<>();

    private LoadDriver(LoadSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        // The fakes run on the JDK's HttpServer, which leaves Nagle's algorithm on: a response written in two
        // pieces then waits for the client's delayed ACK (tens of ms), time a real Spotify or Telegram does not
        // add and that would show up here as the bot's own overhead. Read once, before the first server starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        new LoadDriver(LoadSettings.fromSystemProperties()).run();
        System.exit(0); // JDA and OkHttp keep non-daemon threads a little while after close
    }

    private void run() throws Exception {
        line("# Spotlink load run " + Instant.now());
        line("");
        line("- machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version") + ", " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch"));
        line("- load average before: " + loadAverage());
        line("- settings: " + settings);
        try (LoadWorld world = new LoadWorld(settings)) {
            long t0 = System.nanoTime();
            world.seed();
            line(String.format("- seeded %d linked accounts in %.1f s", settings.accounts(),
                    (System.nanoTime() - t0) / 1e9));
            world.slowDown();
            if (settings.startups() > 0) {
                jarPhase(world);
            }
            if (!settings.step().isZero()) {
                inProcessPhase(world);
            }
            line("");
            line("- POST /api/token at the fake (refreshes, and code exchanges of the callbacks): "
                    + world.tokenRefreshes.get());
        }
        line("- load average after: " + loadAverage());
        Files.createDirectories(settings.report().toAbsolutePath().getParent());
        Files.write(settings.report(), report, StandardCharsets.UTF_8);
        System.out.println("Report written to " + settings.report().toAbsolutePath());
    }

    private void jarPhase(LoadWorld world) throws Exception {
        if (!Files.isRegularFile(settings.jar())) {
            throw new IllegalStateException(settings.jar() + " missing: build it first (mvn package)");
        }
        line("");
        line("## The jar (" + settings.jar() + "), both transports on their fakes");
        line("");
        List<Double> startups = new ArrayList<>();
        String timeline = "";
        for (int i = 1; i <= settings.startups(); i++) {
            int port = TestConfigs.freePort();
            Path config = world.writeConfigFile(port);
            try (JarProcess bot = JarProcess.start(settings.jar(), config, port,
                    world.dataDir.resolve("bot-" + i + ".log"), settings.jarJvmArgs())) {
                startups.add(bot.awaitReady().toNanos() / 1e6);
                timeline = bot.timeline();
                if (i < settings.startups()) {
                    continue;
                }
                line("| figure | measured | ideal / target |");
                line("|---|---|---|");
                line(String.format("| start-up to ready (java -jar → /health UP, both transports CONNECTED), "
                        + "%d runs | %s ms (median %.0f ms) | < 2500 ms |", startups.size(), joined(startups),
                        median(startups)));
                line("| start-up timeline of the last run, from process start | " + timeline + " | |");
                Thread.sleep(5_000);
                line(String.format("| idle: RSS / heap after full GC | %.0f MiB / %.1f MiB | RSS < 200 MiB |",
                        bot.rssMiB(), bot.heapAfterGcMiB()));
                line(String.format("| idle: RSS after that GC | %.0f MiB | |", bot.rssMiB()));
                CallbackLoad.Result callbacks = CallbackLoad.run(world, port, settings.callbacks(),
                        settings.browsers(), bot);
                double rssAfter = bot.rssMiB();
                line(String.format("| OAuth callbacks completed, %d browsers | %.0f /s (%d ok, %d failed; "
                                + "latency p50/p95/p99 %s ms) | ≥ 300 /s; ideal %.0f /s (2 × %d ms upstream each) |",
                        settings.browsers(), callbacks.perSecond(), callbacks.completed(), callbacks.failed(),
                        callbacks.latency().summary(),
                        settings.browsers() * 1000.0 / (2 * settings.apiLatency().toMillis()),
                        settings.apiLatency().toMillis()));
                line(String.format("| under callback load: peak RSS / RSS after / heap after full GC | "
                        + "%.0f / %.0f / %.1f MiB | |", callbacks.peakRssMiB(), rssAfter, bot.heapAfterGcMiB()));
            }
        }
        if (settings.cds()) {
            line(String.format("| start-up to ready with an AppCDS archive, %d runs | %s | < 2500 ms |",
                    settings.startups(), cdsStartups(world)));
        }
    }

    /** A training run writes a dynamic AppCDS archive at exit; then start-ups that map it. */
    private String cdsStartups(LoadWorld world) throws Exception {
        Path log = world.dataDir.resolve("bot-cds.log");
        Path archive = world.dataDir.resolve("spotlink.jsa");
        List<String> training = new ArrayList<>(settings.jarJvmArgs());
        training.add("-XX:ArchiveClassesAtExit=" + archive);
        int trainingPort = TestConfigs.freePort();
        try (JarProcess bot = JarProcess.start(settings.jar(), world.writeConfigFile(trainingPort), trainingPort, log,
                training)) {
            bot.awaitReady();
        }
        if (!Files.isRegularFile(archive)) {
            return "no archive written (see " + log + ")";
        }
        List<String> using = new ArrayList<>(settings.jarJvmArgs());
        using.add("-XX:SharedArchiveFile=" + archive);
        List<Double> startups = new ArrayList<>();
        String timeline = "";
        for (int i = 0; i < settings.startups(); i++) {
            int port = TestConfigs.freePort();
            try (JarProcess bot = JarProcess.start(settings.jar(), world.writeConfigFile(port), port,
                    world.dataDir.resolve("bot-cds-" + i + ".log"), using)) {
                startups.add(bot.awaitReady().toNanos() / 1e6);
                timeline = bot.timeline();
            }
        }
        return String.format("%s ms (median %.0f ms; archive %.0f MiB); last run: %s", joined(startups),
                median(startups), Files.size(archive) / 1048576.0, timeline);
    }

    private void inProcessPhase(LoadWorld world) throws Exception {
        SpotlinkConfig config = world.config(TestConfigs.freePort());
        try (Application app = Application.start(config, Clock.systemUTC());
             DiscordTransport discord = DiscordTransport.create(config.discord().orElseThrow(), app.core()).start();
             TelegramTransport telegram = TelegramTransport.create(config.telegram().orElseThrow(), app.core())) {
            telegram.start();
            VirtualUsers users = new VirtualUsers(world, app.core().registry());
            long api = settings.apiLatency().toMillis();
            line("");
            line("## Commands through the core (registry, Spotify clients, token refresh, store, image cache, "
                    + "card renderer), in-process, both transports connected");
            line("");
            line(String.format("Upstream: Web API %d ms, image hosts %d ms per request; %d accounts, %d distinct "
                    + "tracks; warm-up %d s at 200 users, then %d s per step.", api,
                    settings.imageLatency().toMillis(), settings.accounts(), settings.tracks(),
                    settings.warmup().toSeconds(), settings.step().toSeconds()));
            line("");
            VirtualUsers.Result warm = users.run(200, settings.warmup(), a -> "/nowplaying");
            long imagesAfterWarmup = world.imageFetches.get();
            line(String.format("Warm-up: %d commands, %d errors.", warm.endToEnd().count(), warm.errors()));
            line("");
            line("| command | users | per second | end-to-end p50 / p95 / p99 ms | upstream (at the fakes) "
                    + "p50 / p95 / p99 ms | own overhead p50 / p95 / p99 ms | errors |");
            line("|---|---|---|---|---|---|---|");
            for (int n : settings.users()) {
                row("/nowplaying", users.run(n, settings.step(), a -> "/nowplaying"));
            }
            VirtualUsers.Result paced = users.paced(PACED_USERS, settings.pacedInterval(), settings.step(),
                    a -> "/nowplaying");
            row(String.format("/nowplaying paced (each user every %d ms on average)",
                    settings.pacedInterval().toMillis()), paced);
            TelegramUsers viaTelegram = new TelegramUsers(world);
            row("/nowplaying via Telegram", viaTelegram.run(Integer.getInteger("load.telegram-users", 200),
                    settings.step(), "/nowplaying"));
            for (int n : List.of(20, SHARE_USERS)) {
                row("/share <link>", users.run(n, settings.step(),
                        a -> "/share spotify:track:" + LoadWorld.trackId(a % settings.tracks())));
            }
            row("/share (current)", users.run(SHARE_USERS, settings.step(), a -> "/share"));
            line("");
            line(String.format("Paced step: %d users, each sending a command at random moments (exponential gaps, "
                    + "mean %d ms), latency from the actual start; starts later than planned (the user's previous "
                    + "command still running) p50 / p95 / p99: %s ms.", PACED_USERS,
                    settings.pacedInterval().toMillis(), paced.startLag().summary()));
            line("");
            line(String.format("Ideal (upstream alone): /nowplaying and /share (current) %d ms (one Web API call, "
                    + "images cached), /share <link> %d ms (one catalogue call, code cached). Image requests that "
                    + "reached the fakes after the warm-up: %d.", api, api,
                    world.imageFetches.get() - imagesAfterWarmup));
            System.gc();
            MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            line(String.format("Driver JVM (bot + fakes + load threads) heap after GC: %.0f MiB.",
                    heap.getUsed() / 1048576.0));
        }
    }

    private void row(String command, VirtualUsers.Result r) {
        line(String.format("| %s | %d | %.0f | %s | %s | %s | %d |", command, r.users(), r.perSecond(),
                r.endToEnd().summary(), r.upstream().summary(), r.overhead().summary(), r.errors()));
    }

    private void line(String text) {
        System.out.println(text);
        System.out.flush();
        report.add(text);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "n/a";
        }
    }

    private static String joined(List<Double> values) {
        return String.join(", ", values.stream().map(v -> String.format("%.0f", v)).toList());
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length / 2];
    }
}
