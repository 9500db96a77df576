package dev.spotlink.card;

import dev.spotlink.image.CoverAndCode;
import dev.spotlink.image.Images;
import dev.spotlink.spotify.CodeStyle;
import dev.spotlink.spotify.SpotifyUri;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
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

    /** Cover colours remembered: about 100 bytes each. */
    private static final int COVER_COLOURS = 4096;

    private final Images images;
    private final CardRenderer renderer;
    private final Semaphore rendering;
    private final CardTemplates templates;
    /** Cover URL → dominant colour, least recently used dropped first. Guarded by itself. */
    private final Map<String, Color> coverColours = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Color> eldest) {
            return size() > COVER_COLOURS;
        }
    };

    /**
     * At most one render per available processor.
     *
     * @param templateBytes most memory the drawn parts of recent cards may take (0: every card drawn in full)
     */
    public Cards(Images images, CardRenderer renderer, long templateBytes) {
        this(images, renderer, new Semaphore(Runtime.getRuntime().availableProcessors(), true),
                new CardTemplates(templateBytes));
    }

    /** @param rendering permits for rendering at once (fair: first come, first rendered) */
    Cards(Images images, CardRenderer renderer, Semaphore rendering, CardTemplates templates) {
        this.images = Objects.requireNonNull(images, "images");
        this.renderer = Objects.requireNonNull(renderer, "renderer");
        this.rendering = Objects.requireNonNull(rendering, "rendering");
        this.templates = Objects.requireNonNull(templates, "templates");
    }

    /**
     * A PNG card. Everything but the progress bar comes from {@link CardTemplates} when the same card (same words,
     * images and style) was drawn recently: then only the bar's rows are drawn and compressed.
     *
     * @param coverUrl cover art URL, or null (placeholder)
     * @param codeUri  what the code encodes, or null for none (local files)
     * @param options  {@link ShareStyle.Options} with mode {@code CARD} (the mode itself is not checked)
     */
    public CardImage card(CardContent content, String coverUrl, SpotifyUri codeUri, ShareStyle.Options options) {
        CodeStyle mask = CardRenderer.codeMaskStyle(options.size());
        CoverAndCode fetched = images.coverAndCode(coverUrl, codeUri, mask);
        CardTemplates.Key key = CardTemplates.Key.of(content, fetched.cover().isPresent() ? coverUrl : null,
                fetched.code().isPresent() ? codeUri : null, options);
        return rendered(() -> {
            CardTemplate template = templates.get(key);
            boolean hasCover;
            if (template == null) {
                Optional<BufferedImage> cover = fetched.cover().flatMap(bytes -> renderer.coverFor(bytes,
                        options.size()));
                Optional<BufferedImage> code = fetched.code().flatMap(renderer::decode);
                Color auto = options.background().isPresent() ? null : cover.map(renderer::dominantColor).orElse(null);
                template = renderer.template(content, cover.orElse(null), code.orElse(null), options.colors(auto),
                        options.size());
                hasCover = cover.isPresent();
                // Only cards whose images decoded are kept: the key says "with cover", "with code".
                if (hasCover == fetched.cover().isPresent() && template.withCode() == fetched.code().isPresent()) {
                    templates.put(key, template);
                }
            } else {
                hasCover = fetched.cover().isPresent();
            }
            return new CardImage(renderer.png(template, content.progress()), "image/png", fileName("card", codeUri),
                    template.withCode(), hasCover);
        });
    }

    /** How the card template cache is doing, for metrics. */
    public CardTemplates.Stats templateStats() {
        return templates.stats();
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
        Color auto = options.needsCoverColour() ? coverColour(coverUrl) : null;
        CodeStyle style = options.codeStyle(auto);
        return images.code(uri, style).map(bytes -> new CardImage(bytes, style.mimeType(),
                fileName("code", uri).replaceFirst("\\.png$", "." + style.format().name().toLowerCase(Locale.ROOT)),
                true, false));
    }

    /**
     * The cover's dominant colour, or null without a cover. Remembered per cover URL (a URL of Spotify's image
     * host always serves the same picture): decoding the cover and picking its colour cost more CPU than all the
     * rest of a code-only {@code /share}.
     */
    private Color coverColour(String coverUrl) {
        if (coverUrl == null) {
            return null;
        }
        synchronized (coverColours) {
            Color known = coverColours.get(coverUrl);
            if (known != null) {
                return known;
            }
        }
        Optional<byte[]> cover = images.cover(coverUrl);
        Color colour = rendered(() -> cover.flatMap(renderer::decode).map(renderer::dominantColor).orElse(null));
        if (colour != null) { // an unavailable or undecodable cover is tried again next time
            synchronized (coverColours) {
                coverColours.put(coverUrl, colour);
            }
        }
        return colour;
    }

    private static String fileName(String kind, SpotifyUri uri) {
        if (uri == null) {
            return "spotlink-" + kind + ".png";
        }
        return "spotlink-" + kind + "-" + uri.type().path() + "-" + uri.id().replaceAll("[^A-Za-z0-9_-]", "_")
                + ".png";
    }
}
