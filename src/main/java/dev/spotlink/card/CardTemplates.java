package dev.spotlink.card;

import dev.spotlink.spotify.SpotifyUri;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Recently drawn cards without their progress bars ({@link CardTemplate}), least recently used dropped first once
 * they hold more than the bound. Drawing a card (decoding the cover, picking colours, laying out text, compressing)
 * costs 10–20 ms of CPU; finishing a kept one costs only its progress bar's rows. Thread-safe.
 */
public final class CardTemplates {

    /**
     * Everything a template depends on: the words (the progress only by being there: it moves the text), the
     * images by where they came from (null when there was none), and the style, which with the cover fixes the
     * colours.
     */
    record Key(String label, String title, String artists, String collection, boolean progress, String coverUrl,
               SpotifyUri code, ShareStyle.Options options) {

        static Key of(CardContent content, String coverUrl, SpotifyUri code, ShareStyle.Options options) {
            return new Key(content.label(), content.title(), content.artists(), content.collection(),
                    content.progress() != null, coverUrl, code, options);
        }
    }

    /**
     * @param hits    lookups that found a template
     * @param misses  lookups that did not (the card was drawn in full)
     * @param entries templates held
     * @param bytes   memory they take
     */
    public record Stats(long hits, long misses, int entries, long bytes) {
    }

    private final long maxBytes;
    private final Object lock = new Object();
    /** Access-ordered: iteration starts at the least recently used. Guarded by {@link #lock}. */
    private final LinkedHashMap<Key, CardTemplate> entries = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    /** @param maxBytes most memory the templates may take; 0 keeps none */
    CardTemplates(long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must not be negative: " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /** The template for {@code key}, or null. */
    CardTemplate get(Key key) {
        CardTemplate found;
        synchronized (lock) {
            found = entries.get(key);
        }
        (found == null ? misses : hits).increment();
        return found;
    }

    /** Keeps {@code template} unless it alone is over the bound; drops the least recently used beyond it. */
    void put(Key key, CardTemplate template) {
        long size = template.bytes();
        if (size > maxBytes) {
            return;
        }
        synchronized (lock) {
            CardTemplate replaced = entries.put(key, template);
            bytes += size - (replaced == null ? 0 : replaced.bytes());
            Iterator<Map.Entry<Key, CardTemplate>> oldest = entries.entrySet().iterator();
            while (bytes > maxBytes && oldest.hasNext()) {
                bytes -= oldest.next().getValue().bytes();
                oldest.remove();
            }
        }
    }

    Stats stats() {
        synchronized (lock) {
            return new Stats(hits.sum(), misses.sum(), entries.size(), bytes);
        }
    }
}
