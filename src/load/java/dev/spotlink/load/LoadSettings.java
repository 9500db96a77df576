package dev.spotlink.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The driver's knobs, all system properties ({@code -Dload.x=...} on the Maven command line), so a run on a quiet
 * machine can be longer or larger than the default one.
 *
 * @param accounts     linked accounts seeded into the database ({@code load.accounts}, 10000)
 * @param tracks       distinct tracks they listen to, i.e. covers and codes to cache ({@code load.tracks}, 200)
 * @param apiLatency   fake Web API and accounts service latency ({@code load.api-latency-ms}, 80)
 * @param imageLatency fake cover and codes host latency ({@code load.image-latency-ms}, 40)
 * @param users        concurrent users per throughput step ({@code load.users}, 50,200,1000)
 * @param step         measured time per step ({@code load.seconds}, 15)
 * @param warmup       warm-up before the steps ({@code load.warmup-seconds}, 10)
 * @param callbacks    OAuth callbacks completed against the jar ({@code load.callbacks}, 2000)
 * @param startups     start-ups of the jar timed ({@code load.startups}, 3)
 * @param jar          the shaded jar ({@code load.jar}, target/spotlink.jar)
 * @param report       where the results go, Markdown ({@code load.report}, target/load-report.md)
 * @param jarJvmArgs   extra JVM options for the jar, space-separated ({@code load.jar-jvm-args}, none), e.g. a
 *                     flight recording
 * @param browsers     concurrent browsers completing callbacks ({@code load.browsers}, 100)
 * @param cds          also time start-ups with an AppCDS archive made by a training run ({@code load.cds}, true)
 * @param pacedInterval mean time between one paced user's commands ({@code load.paced-interval-ms}, 1000): the
 *                     paced step runs 200 such users, 200 commands per second in all
 */
record LoadSettings(int accounts, int tracks, Duration apiLatency, Duration imageLatency, List<Integer> users,
                    Duration step, Duration warmup, int callbacks, int startups, Path jar, Path report,
                    List<String> jarJvmArgs, int browsers, boolean cds, Duration pacedInterval) {

    static LoadSettings fromSystemProperties() {
        return new LoadSettings(
                intProperty("load.accounts", 10_000),
                intProperty("load.tracks", 200),
                Duration.ofMillis(intProperty("load.api-latency-ms", 80)),
                Duration.ofMillis(intProperty("load.image-latency-ms", 40)),
                Arrays.stream(System.getProperty("load.users", "50,200,1000").split(","))
                        .map(String::trim).map(Integer::parseInt).toList(),
                Duration.ofSeconds(intProperty("load.seconds", 15)),
                Duration.ofSeconds(intProperty("load.warmup-seconds", 10)),
                intProperty("load.callbacks", 2000),
                intProperty("load.startups", 3),
                Path.of(System.getProperty("load.jar", "target/spotlink.jar")),
                Path.of(System.getProperty("load.report", "target/load-report.md")),
                Arrays.stream(System.getProperty("load.jar-jvm-args", "").trim().split("\\s+"))
                        .filter(a -> !a.isEmpty()).toList(),
                intProperty("load.browsers", 100),
                Boolean.parseBoolean(System.getProperty("load.cds", "true")),
                Duration.ofMillis(Math.max(1, intProperty("load.paced-interval-ms", 1000))));
    }

    private static int intProperty(String name, int fallback) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        int parsed = Integer.parseInt(value.trim());
        if (parsed < 0) {
            throw new IllegalArgumentException(name + " must not be negative: " + value);
        }
        return parsed;
    }
}
