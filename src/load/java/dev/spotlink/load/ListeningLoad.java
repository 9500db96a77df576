package dev.spotlink.load;

import dev.spotlink.Application;
import dev.spotlink.config.CacheConfig;
import dev.spotlink.config.Secret;
import dev.spotlink.config.SpotlinkConfig;
import dev.spotlink.config.TelegramConfig;
import dev.spotlink.domain.ChatUser;
import dev.spotlink.domain.Platform;
import dev.spotlink.link.LinkService;
import dev.spotlink.store.LinkedAccountRepository;
import dev.spotlink.store.NewLink;
import dev.spotlink.testing.FakeSpotify;
import dev.spotlink.testing.StoreAccess;
import dev.spotlink.testing.TestConfigs;
import dev.spotlink.testing.telegram.FakeTelegram;
import dev.spotlink.testing.telegram.FakeTelegramCall;
import dev.spotlink.transport.telegram.TelegramTransport;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /listening} in Telegram groups of {@code load.listening-members} linked members who all play something
 * (the fake Spotify with {@code load.api-latency-ms} per call), through the real application and Telegram
 * transport: how many Web API and {@code getChatMember} calls one command makes, how many Spotify calls are in
 * flight at once, the time from the update to the photo, and the heap. Run with
 * {@code mvn -B -q -Pload -DskipTests test-compile exec:exec -Dload.main=dev.spotlink.load.ListeningLoad}.
 */
public final class ListeningLoad {

    private static final String TOKEN = "525252:AAH-listening-load_token";
    private static final long FIRST_USER = 6_000_000_000L;
    private static final long FIRST_GROUP = -1_009_000_000_000L;

    private static final Pattern LISTENING = Pattern.compile("Listening now · (\\d+)");
    private static final Pattern UNKNOWN = Pattern.compile("(\\d+) members? could not be checked");

    private final int members = Integer.getInteger("load.listening-members", 200);
    private final int runs = Integer.getInteger("load.listening-runs", 10);
    private final int groups = Integer.getInteger("load.listening-groups", 10);
    private final Duration latency = Duration.ofMillis(Long.getLong("load.api-latency-ms", 80));
    private final Duration imageLatency = Duration.ofMillis(Long.getLong("load.image-latency-ms", 40));
    private final Path reportFile = Path.of(System.getProperty("load.listening-report",
            "target/listening-load-report.md"));
    private final List<String> report = new ArrayList<>();
    private final FakeSpotify spotify = FakeSpotify.start();
    private final FakeTelegram telegram = FakeTelegram.start(TOKEN);
    private final AtomicInteger playbackCalls = new AtomicInteger();
    /** Start and end (nanoTime) of each currently-playing call the fake answered. */
    private final Queue<long[]> calls = new ConcurrentLinkedQueue<>();
    private final Map<String, CompletableFuture<FakeTelegramCall>> waiting = new ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        System.setProperty("sun.net.httpserver.nodelay", "true");
        new ListeningLoad().run();
        System.exit(0);
    }

    private void run() throws Exception {
        Path dataDir = Files.createTempDirectory("spotlink-listening-load");
        line("# /listening load run " + Instant.now());
        line("");
        line("- machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version") + ", load average before: " + loadAverage());
        line(String.format("- %d linked members sharing and playing, all in each of %d groups; Web API %d ms, "
                + "images %d ms per request; cache.playback-ttl %s (the default)", members, groups,
                latency.toMillis(), imageLatency.toMillis(), CacheConfig.DEFAULT_PLAYBACK_TTL));
        SpotlinkConfig config = TestConfigs.withPlaybackTtl(TestConfigs.config(spotify, dataDir,
                TestConfigs.freePort(), Optional.empty(),
                Optional.of(new TelegramConfig(new Secret(TOKEN), telegram.url()))),
                CacheConfig.DEFAULT_PLAYBACK_TTL);
        seed(dataDir);
        spotify.setRecording(false);
        telegram.setRecording(false);
        spotify.setObserver((account, path, nanos) -> {
            if (path.endsWith("/me/player/currently-playing")) {
                playbackCalls.incrementAndGet();
                long end = System.nanoTime();
                calls.add(new long[] {end - nanos, end});
            }
        });
        spotify.setLatency(latency);
        spotify.setImageLatency(imageLatency);
        telegram.setObserver(call -> {
            if (!call.is("sendPhoto") && !call.is("sendMessage")) {
                return; // getChatMember names the group too
            }
            CompletableFuture<FakeTelegramCall> reply = waiting.remove(call.string("chat_id"));
            if (reply != null) {
                reply.complete(call);
            }
        });
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        try (Application app = Application.start(config, Clock.systemUTC());
             TelegramTransport transport = TelegramTransport.create(config.telegram().orElseThrow(), app.core())) {
            transport.start();
            System.gc();
            long heapBefore = memory.getHeapMemoryUsage().getUsed();
            line("- heap used after start-up (after GC): " + mib(heapBefore));
            line("");
            line("| step | commands | answered with the grid | playing members counted | not known within the "
                    + "wait | Web API currently-playing calls | getChatMember calls | Spotify calls in flight at most "
                    + "| update → photo p50 / p99 (ms) |");
            line("|---|---|---|---|---|---|---|---|---|");
            step("first /listening in a group (memberships and playback unknown)", 1, 1, Duration.ZERO);
            step("again in the same group, within the playback ttl", 1, 1, Duration.ZERO);
            step("cold: playback expired (runs 6 s apart), memberships cached", runs, 1, Duration.ofSeconds(6));
            step(groups + " groups of the same members at once, playback expired", 1, groups,
                    Duration.ofSeconds(6));
            if (!telegram.specViolations().isEmpty()) {
                line("- requests the fake Bot API refused: " + telegram.specViolations());
            }
            System.gc();
            long heapAfter = memory.getHeapMemoryUsage().getUsed();
            line("");
            line("- heap used after the runs (after GC): " + mib(heapAfter) + "; max heap "
                    + mib(memory.getHeapMemoryUsage().getMax()));
        } finally {
            spotify.close();
            telegram.close();
        }
        line("- load average after: " + loadAverage());
        Files.createDirectories(reportFile.toAbsolutePath().getParent());
        Files.writeString(reportFile, String.join("\n", report) + "\n", StandardCharsets.UTF_8);
    }

    /** {@code commands} rounds of /listening, in {@code parallel} groups at once, {@code pause} before each. */
    private void step(String name, int commands, int parallel, Duration pause) throws Exception {
        int playbackBefore = playbackCalls.get();
        int lookupsBefore = telegram.members().lookups();
        calls.clear();
        List<Long> nanos = new ArrayList<>();
        int photos = 0;
        List<Integer> shown = new ArrayList<>();
        List<Integer> unknown = new ArrayList<>();
        for (int round = 0; round < commands; round++) {
            Thread.sleep(pause.toMillis());
            List<CompletableFuture<FakeTelegramCall>> replies = new ArrayList<>();
            long start = System.nanoTime();
            List<CompletableFuture<Long>> timings = new ArrayList<>();
            for (int g = 0; g < parallel; g++) {
                long group = FIRST_GROUP - g;
                CompletableFuture<FakeTelegramCall> reply = new CompletableFuture<>();
                waiting.put(Long.toString(group), reply);
                replies.add(reply);
                timings.add(reply.thenApply(call -> System.nanoTime() - start));
                telegram.pushUpdate(telegram.updates().groupMessage(group, FIRST_USER + g,
                        "/listening@" + FakeTelegram.BOT_USERNAME, "en"));
            }
            for (int g = 0; g < parallel; g++) {
                FakeTelegramCall call = replies.get(g).get(60, TimeUnit.SECONDS);
                nanos.add(timings.get(g).get());
                photos += call.is("sendPhoto") ? 1 : 0;
                String caption = String.valueOf(call.string("caption"));
                Matcher listening = LISTENING.matcher(caption);
                shown.add(listening.find() ? Integer.parseInt(listening.group(1)) : 0);
                Matcher late = UNKNOWN.matcher(caption);
                unknown.add(late.find() ? Integer.parseInt(late.group(1)) : 0);
                if (!call.is("sendPhoto")) {
                    line("- answered without the grid: " + call.string("text"));
                }
            }
        }
        Percentiles times = new Percentiles(nanos.stream().mapToLong(Long::longValue).toArray());
        line(String.format("| %s | %d | %d | %s | %s | %d | %d | %d | %.0f / %.0f |", name, commands * parallel,
                photos, range(shown), range(unknown), playbackCalls.get() - playbackBefore,
                telegram.members().lookups() - lookupsBefore, mostAtOnce(), times.ms(50), times.ms(99)));
    }

    /** "min–max" of per-command counts, or the one value. */
    private static String range(List<Integer> values) {
        int min = values.stream().mapToInt(Integer::intValue).min().orElse(0);
        int max = values.stream().mapToInt(Integer::intValue).max().orElse(0);
        return min == max ? Integer.toString(min) : min + "–" + max;
    }

    /** The most currently-playing calls that overlapped in time since the step began. */
    private int mostAtOnce() {
        List<long[]> events = new ArrayList<>();
        for (long[] call : calls) {
            events.add(new long[] {call[0], 1});
            events.add(new long[] {call[1], -1});
        }
        events.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        int now = 0;
        int most = 0;
        for (long[] event : events) {
            now += (int) event[1];
            most = Math.max(most, now);
        }
        return most;
    }

    private void seed(Path dataDir) {
        String scope = String.join(" ", LinkService.SCOPES);
        Instant now = Instant.now();
        try (StoreAccess store = StoreAccess.open(dataDir)) {
            LinkedAccountRepository accounts = store.accounts();
            for (int i = 0; i < members; i++) {
                String account = "listener-" + i;
                spotify.addUser(account, "Listener " + i);
                spotify.setPlaying(account, spotify.trackJson(String.format("4uLU6hMCjMI75M1A2t%04d", i % 50),
                        "Track " + i, List.of("Artist " + i % 20), "Album " + i % 50, 1_000 + i * 500L, 400_000,
                        true));
                FakeSpotify.Tokens tokens = spotify.issueTokens(account, TestConfigs.CLIENT_ID, scope);
                long userId = FIRST_USER + i;
                ChatUser user = new ChatUser(Platform.TELEGRAM, Long.toString(userId));
                accounts.save(new NewLink(user, account, "Listener " + i, TestConfigs.CLIENT_ID,
                        tokens.accessToken(), tokens.refreshToken(), tokens.expiresAt(), scope), now);
                for (int g = 0; g < groups; g++) {
                    telegram.members().set(FIRST_GROUP - g, userId, "member");
                }
            }
        }
    }

    private void line(String text) {
        System.out.println(text);
        report.add(text);
    }

    private static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / 1048576.0);
    }

    private static String loadAverage() {
        return String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
