package dev.spotlink.card;

import dev.spotlink.image.CoverAndCode;
import dev.spotlink.image.Images;
import dev.spotlink.spotify.CodeStyle;
import dev.spotlink.spotify.SpotifyUri;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * What commands call: fetch the images (cover and code in parallel, cached) and render a card, or fetch a
 * code-only image in the asked style. Never throws for upstream trouble: a missing cover gives the placeholder,
 * a missing code a card without one ({@link CardImage#hasCode()} false).
 *
 * <p>Rendering is CPU work (decode, colours, drawing, PNG): at most one card per core is rendered at once, while
 * fetching images stays unbounded. More renders than cores add no throughput, only memory (a card's raster is about
 * 1 MB) and GC pressure — under load that pressure ended in OutOfMemoryError on Java 17, whose zlib calls hold the
 * GC locker (see BENCHMARKS.md).
 */
public final class Cards {

    private final Images images;
    private final CardRenderer renderer;
    private final Semaphore rendering;

    /** At most one render per available processor. */
    public Cards(Images images, CardRenderer renderer) {
        this(images, renderer, new Semaphore(Runtime.getRuntime().availableProcessors(), true));
    }

    /** @param rendering permits for rendering at once (fair: first come, first rendered) */
    Cards(Images images, CardRenderer renderer, Semaphore rendering) {
        this.images = Objects.requireNonNull(images, "images");
        this.renderer = Objects.requireNonNull(renderer, "renderer");
        this.rendering = Objects.requireNonNull(rendering, "rendering");
    }

    /**
     * A PNG card.
     *
     * @param coverUrl cover art URL, or null (placeholder)
     * @param codeUri  what the code encodes, or null for none (local files)
     * @param options  {@link ShareStyle.Options} with mode {@code CARD} (the mode itself is not checked)
     */
    public CardImage card(CardContent content, String coverUrl, SpotifyUri codeUri, ShareStyle.Options options) {
        CodeStyle mask = CardRenderer.codeMaskStyle(options.size());
        CoverAndCode fetched = images.coverAndCode(coverUrl, codeUri, mask);
        return rendered(() -> {
            Optional<BufferedImage> cover = fetched.cover().flatMap(bytes -> renderer.coverFor(bytes, options.size()));
            Optional<BufferedImage> code = fetched.code().flatMap(renderer::decode);
            Color auto = options.background().isPresent() ? null : cover.map(renderer::dominantColor).orElse(null);
            CardColors colors = options.colors(auto);
            BufferedImage card = renderer.draw(content, cover.orElse(null), code.orElse(null), colors,
                    options.size());
            return new CardImage(Raster.png(card), "image/png", fileName("card", codeUri), code.isPresent(),
                    cover.isPresent());
        });
    }

    private <T> T rendered(Supplier<T> work) {
        // Uninterruptibly: a render takes milliseconds, and a command half-answered on interrupt helps nobody.
        rendering.acquireUninterruptibly();
        try {
            return work.get();
        } finally {
            rendering.release();
        }
    }

    /**
     * The codes service's image in the asked style. With {@code background:auto} the background is the cover's
     * dominant colour (so the cover is fetched first, from the cache when it can), black when there is none.
     *
     * @param coverUrl cover art URL for {@code auto}, or null
     * @return empty when the codes service fails
     */
    public Optional<CardImage> code(SpotifyUri uri, String coverUrl, ShareStyle.Options options) {
        Color auto = null;
        if (options.needsCoverColour()) {
            Optional<byte[]> cover = images.cover(coverUrl);
            auto = rendered(() -> cover.flatMap(renderer::decode).map(renderer::dominantColor).orElse(null));
        }
        CodeStyle style = options.codeStyle(auto);
        return images.code(uri, style).map(bytes -> new CardImage(bytes, style.mimeType(),
                fileName("code", uri).replaceFirst("\\.png$", "." + style.format().name().toLowerCase(Locale.ROOT)),
                true, false));
    }

    private static String fileName(String kind, SpotifyUri uri) {
        if (uri == null) {
            return "spotlink-" + kind + ".png";
        }
        return "spotlink-" + kind + "-" + uri.type().path() + "-" + uri.id().replaceAll("[^A-Za-z0-9_-]", "_")
                + ".png";
    }
}
