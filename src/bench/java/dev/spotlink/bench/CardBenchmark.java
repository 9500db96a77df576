package dev.spotlink.bench;

import dev.spotlink.card.CardContent;
import dev.spotlink.card.CardImage;
import dev.spotlink.card.CardRenderer;
import dev.spotlink.card.Cards;
import dev.spotlink.card.ShareStyle;
import dev.spotlink.image.ImageCache;
import dev.spotlink.image.ImageFetcher;
import dev.spotlink.image.ImageUnavailableException;
import dev.spotlink.image.Images;
import dev.spotlink.spotify.CodeStyle;
import dev.spotlink.spotify.HttpClients;
import dev.spotlink.spotify.SpotifyCodesClient;
import dev.spotlink.spotify.SpotifyUri;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import okhttp3.OkHttpClient;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Card rendering and image-cache hits, as {@code /nowplaying} pays for them. Sample-time mode, so JMH reports
 * percentiles (p0.50, p0.99). Inputs look like Spotify's: a 640 px JPEG cover with photo-like noise (~190 KiB)
 * and a 576 x 144 PNG code mask. Run: {@code mvn -B -Pbench test-compile exec:exec} (see BENCHMARKS.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@Fork(value = 1, jvmArgsAppend = {"-Djava.awt.headless=true", "-Xmx512m"})
public class CardBenchmark {

    static final SpotifyUri TRACK = new SpotifyUri(SpotifyUri.Type.TRACK, "4uLU6hMCjMI75M1A2tKUQC");
    static final String COVER_URL = "https://i.scdn.co/image/ab67616d0000b273e319baafd16e84f0408af2a0";
    static final CardContent CONTENT = new CardContent("Now playing", "Bohemian Rhapsody - Remastered 2011",
            "Queen", "A Night At The Opera (2011 Remaster)", new CardContent.Progress(62_000, 354_000));

    CardRenderer renderer;
    byte[] cover;
    byte[] codeMask;
    ImageCache cache;
    Images images;
    Cards cards;
    Cards cardsWithTemplates;
    long position;

    @Setup(Level.Trial)
    public void setUp() throws IOException, ImageUnavailableException {
        renderer = new CardRenderer();
        cover = jpeg(cover(640));
        CodeStyle maskStyle = CardRenderer.codeMaskStyle(640);
        codeMask = png(codeMask(maskStyle.size()));
        cache = ImageCache.inMemory(32L << 20);
        cache.get("code spotify:track:x", () -> codeMask);
        // A warm cache in front of clients that would fail: every image comes from memory, nothing from the net.
        OkHttpClient http = HttpClients.create();
        SpotifyCodesClient codes = new SpotifyCodesClient(http, "http://127.0.0.1:9");
        ImageCache warm = ImageCache.inMemory(32L << 20);
        images = new Images(warm, new ImageFetcher(http), codes);
        warm.get("cover " + COVER_URL, () -> cover);
        warm.get("code " + codes.url(TRACK, maskStyle), () -> codeMask);
        cards = new Cards(images, renderer, 0); // no drawn-card cache: every card drawn in full
        cardsWithTemplates = new Cards(images, renderer, 32L << 20);
        cardsWithTemplates.card(CONTENT, COVER_URL, TRACK, ShareStyle.Options.defaultCard());
        System.out.printf("%ncover %d bytes, code mask %d bytes, card %d bytes%n", cover.length, codeMask.length,
                renderer.render(CONTENT, Optional.of(cover), Optional.of(codeMask), ShareStyle.Options.defaultCard())
                        .length);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        images.close();
    }

    /** Decode cover and code, pick colours, draw, encode PNG: the whole render of a 640 px card. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public byte[] render640() {
        return renderer.render(CONTENT, Optional.of(cover), Optional.of(codeMask), ShareStyle.Options.defaultCard());
    }

    /**
     * What a command pays with warm image caches for a card not drawn before: both images from memory (via the
     * fetch pool), then the whole render.
     */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public CardImage cardWithCachedImages() {
        return cards.card(CONTENT, COVER_URL, TRACK, ShareStyle.Options.defaultCard());
    }

    /**
     * The same card again at another position, as the next {@code /nowplaying} of someone playing the track: the
     * drawn card is cached, so only the progress bar's rows are drawn and compressed.
     */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public CardImage cardWithCachedTemplate() {
        position = (position + 1_000) % 354_000;
        CardContent content = new CardContent(CONTENT.label(), CONTENT.title(), CONTENT.artists(),
                CONTENT.collection(), new CardContent.Progress(position, 354_000));
        return cardsWithTemplates.card(content, COVER_URL, TRACK, ShareStyle.Options.defaultCard());
    }

    /** One cache hit: the lookup a cached code or cover costs. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public byte[] cacheHit() throws ImageUnavailableException {
        return cache.get("code spotify:track:x", () -> {
            throw new IllegalStateException("must be a hit");
        });
    }

    /** Album-art-like: gradient, shapes and per-pixel noise so the JPEG is as costly to decode as a photo. */
    static BufferedImage cover(int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, new Color(0x8e2de2), size, size, new Color(0x4a00e0)));
        g.fillRect(0, 0, size, size);
        g.setColor(new Color(0xf5af19));
        g.fill(new Ellipse2D.Float(size * 0.2f, size * 0.2f, size * 0.6f, size * 0.6f));
        g.dispose();
        Random random = new Random(42);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int p = image.getRGB(x, y);
                int n = random.nextInt(41) - 20;
                int r = clamp(((p >> 16) & 0xff) + n);
                int gr = clamp(((p >> 8) & 0xff) + n);
                int b = clamp((p & 0xff) + n);
                image.setRGB(x, y, r << 16 | gr << 8 | b);
            }
        }
        return image;
    }

    /** White logo and 23 bars on black, as the codes service draws a code. */
    static BufferedImage codeMask(int width) {
        int height = width / 4;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        float logo = height * 0.6f;
        float margin = height * 0.2f;
        g.fill(new Ellipse2D.Float(margin, (height - logo) / 2, logo, logo));
        float start = margin * 2 + logo;
        float pitch = (width - start - margin) / 23;
        for (int i = 0; i < 23; i++) {
            float barHeight = logo * ((i * 5 + 3) % 8 + 1) / 8;
            g.fill(new RoundRectangle2D.Float(start + i * pitch, (height - barHeight) / 2, pitch * 0.55f, barHeight,
                    pitch * 0.55f, pitch * 0.55f));
        }
        g.dispose();
        return image;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    private static byte[] jpeg(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
