package dev.spotlink.metrics;

import dev.spotlink.command.Command;
import dev.spotlink.config.MetricsConfig;
import dev.spotlink.config.SpotifyConfig;
import dev.spotlink.card.Cards;
import dev.spotlink.image.CacheStats;
import dev.spotlink.image.Images;
import dev.spotlink.spotify.RateLimitGate;
import dev.spotlink.spotify.Sleeper;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import okhttp3.OkHttpClient;

/**
 * The opt-in metrics ({@code metrics.enabled}): a Prometheus registry and the decorators that feed it. Nothing
 * in the core knows about it; {@code Application} wraps what it wires (the HTTP client, the commands, the
 * rate-limit sleeper) and binds gauges to what already keeps counts (the image cache). Disabled, every method
 * hands its argument back unchanged and nothing is recorded.
 */
public final class Metrics {

    private final PrometheusMeterRegistry registry;
    private final MetricsConfig config;

    private Metrics(PrometheusMeterRegistry registry, MetricsConfig config) {
        this.registry = registry;
        this.config = config;
    }

    /** A registry with JVM memory, thread, CPU and uptime meters when enabled; {@link #disabled()} otherwise. */
    public static Metrics create(MetricsConfig config) {
        if (!config.enabled()) {
            return disabled();
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return new Metrics(registry, config);
    }

    /** Nothing recorded, no {@code /metrics}. */
    public static Metrics disabled() {
        return new Metrics(null, MetricsConfig.DISABLED);
    }

    public boolean enabled() {
        return registry != null;
    }

    /** The bearer token {@code /metrics} requires, if any. */
    public Optional<String> token() {
        return config.token().map(secret -> secret.reveal());
    }

    /** The registry (tests, and extra meters); empty when disabled. */
    public Optional<MeterRegistry> registry() {
        return Optional.ofNullable(registry);
    }

    /** Everything in Prometheus text format (version 0.0.4). */
    public String scrape() {
        if (registry == null) {
            throw new IllegalStateException("metrics are disabled");
        }
        return registry.scrape();
    }

    /** The client with an interceptor timing each Spotify call by endpoint and status and counting refreshes. */
    public OkHttpClient instrument(OkHttpClient http, SpotifyConfig spotify) {
        if (registry == null) {
            return http;
        }
        return http.newBuilder().addInterceptor(new SpotifyCallMetrics(registry, new SpotifyEndpoints(spotify)))
                .build();
    }

    /** Each command decorated with a latency histogram by name and outcome. */
    public List<Command> timed(List<Command> commands) {
        if (registry == null) {
            return commands;
        }
        return commands.stream().<Command>map(c -> new TimedCommand(c, registry)).toList();
    }

    /** {@code sleeper}, timing every rate-limit wait of the named gate. */
    public Sleeper rateLimitWaits(String gate, Sleeper sleeper) {
        Objects.requireNonNull(sleeper, "sleeper");
        if (registry == null) {
            return sleeper;
        }
        Timer waits = Timer.builder("spotlink.rate_limit.waits")
                .description("Waits before a Spotify call because a 429 paused its gate")
                .tag("gate", gate)
                .register(registry);
        return duration -> {
            long start = System.nanoTime();
            try {
                sleeper.sleep(duration);
            } finally {
                waits.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
            }
        };
    }

    /** A gauge of the pause still ahead of the gate (0 when open). */
    public void bindRateLimitGate(String gate, RateLimitGate rateLimitGate) {
        if (registry == null) {
            return;
        }
        Gauge.builder("spotlink.rate_limit.pause", rateLimitGate,
                        g -> g.remaining().map(d -> d.toMillis() / 1000.0).orElse(0.0))
                .description("Seconds left of the pause a Spotify 429 imposed on this gate")
                .baseUnit("seconds")
                .tag("gate", gate)
                .register(registry);
    }

    /** Counters and gauges over the image cache's own statistics (hits, misses, size). */
    public void bindImageCache(Images images) {
        if (registry == null) {
            return;
        }
        lookups(images, "memory_hit", CacheStats::hits);
        lookups(images, "disk_hit", CacheStats::diskHits);
        lookups(images, "miss", CacheStats::misses);
        lookups(images, "joined", CacheStats::joined);
        lookups(images, "failure", CacheStats::failures);
        FunctionCounter.builder("spotlink.image_cache.evictions", images, i -> i.stats().evictions())
                .description("Images evicted from the memory cache").register(registry);
        Gauge.builder("spotlink.image_cache.size", images, i -> i.stats().bytes())
                .description("Bytes held by the memory image cache").baseUnit("bytes").register(registry);
        Gauge.builder("spotlink.image_cache.entries", images, i -> i.stats().entries())
                .description("Images held by the memory image cache").register(registry);
        Gauge.builder("spotlink.image_cache.hit_ratio", images, Metrics::hitRatio)
                .description("Share of image lookups served from a cache (memory or disk) since start")
                .register(registry);
    }

    /** Counters and gauges over the drawn-card cache (see {@code CardTemplates}). */
    public void bindCardTemplates(Cards cards) {
        if (registry == null) {
            return;
        }
        FunctionCounter.builder("spotlink.card_cache.lookups", cards, c -> c.templateStats().hits())
                .description("Card renders by whether the card's unchanging part was cached (hit: only the progress"
                        + " bar drawn)")
                .tag("result", "hit").register(registry);
        FunctionCounter.builder("spotlink.card_cache.lookups", cards, c -> c.templateStats().misses())
                .description("Card renders by whether the card's unchanging part was cached (hit: only the progress"
                        + " bar drawn)")
                .tag("result", "miss").register(registry);
        Gauge.builder("spotlink.card_cache.size", cards, c -> c.templateStats().bytes())
                .description("Bytes held by the drawn-card cache").baseUnit("bytes").register(registry);
        Gauge.builder("spotlink.card_cache.entries", cards, c -> c.templateStats().entries())
                .description("Cards held by the drawn-card cache").register(registry);
    }

    private void lookups(Images images, String result, ToDoubleFunction<CacheStats> count) {
        FunctionCounter.builder("spotlink.image_cache.lookups", images, i -> count.applyAsDouble(i.stats()))
                .description("Image cache lookups (covers and Spotify codes) by result")
                .tag("result", result)
                .register(registry);
    }

    private static double hitRatio(Images images) {
        CacheStats s = images.stats();
        double hits = s.hits() + s.diskHits() + s.joined();
        double all = hits + s.misses();
        return all == 0 ? 0 : hits / all;
    }
}
