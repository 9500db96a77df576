package dev.spotlink.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real {@code java -jar target/spotlink.jar}, as the Docker image starts it, against the fakes: time to ready
 * (health UP with both transports CONNECTED), resident set size and heap after a full GC.
 */
final class JarProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern HEAP_USED = Pattern.compile("total (\\d+)K, used (\\d+)K");
    private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");

    private final Process process;
    private final int port;
    private final long startedNanos;
    private final Instant startedAt;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private JarProcess(Process process, int port, long startedNanos, Instant startedAt, Path log) {
        this.process = process;
        this.port = port;
        this.startedNanos = startedNanos;
        this.startedAt = startedAt;
        this.log = log;
    }

    static JarProcess start(Path jar, Path config, int port, Path log, List<String> jvmArgs) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.addAll(jvmArgs);
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString(), "--config", config.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(config.getParent().toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(name -> name.startsWith("SPOTLINK_"));
        long start = System.nanoTime();
        Instant startedAt = Instant.now();
        return new JarProcess(builder.start(), port, start, startedAt, log);
    }

    /** Polls {@code /health} every 5 ms; the time from process start until both transports are connected. */
    Duration awaitReady() throws InterruptedException {
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = startedNanos + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the bot exited with " + process.exitValue() + " while starting");
            }
            try {
                HttpResponse<String> answer = http.send(health, HttpResponse.BodyHandlers.ofString());
                String body = answer.body();
                if (answer.statusCode() == 200 && body.contains("\"discord\":\"CONNECTED\"")
                        && body.contains("\"telegram\":\"CONNECTED\"")) {
                    return Duration.ofNanos(System.nanoTime() - startedNanos);
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("not ready within " + READY_TIMEOUT);
    }

    /** The milestones of this start-up from the bot's log (each run should have a log of its own). */
    String timeline() {
        return StartupTimeline.of(log, startedAt);
    }

    /** Resident set size in MiB, from {@code /proc}. */
    double rssMiB() {
        try {
            Matcher m = RSS.matcher(Files.readString(Path.of("/proc", Long.toString(process.pid()), "status")));
            return m.find() ? Long.parseLong(m.group(1)) / 1024.0 : Double.NaN;
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    /** Runs a full GC in the process ({@code jcmd GC.run}) and returns the heap then in use, in MiB. */
    double heapAfterGcMiB() {
        jcmd("GC.run");
        Matcher m = HEAP_USED.matcher(jcmd("GC.heap_info"));
        return m.find() ? Long.parseLong(m.group(2)) / 1024.0 : Double.NaN;
    }

    private String jcmd(String what) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), what)
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor(30, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** SIGTERM, as {@code docker stop} sends; the bot drains and exits. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
