package dev.spotlink.card;

import dev.spotlink.spotify.PlayableItem;
import dev.spotlink.spotify.SpotifyEntity;
import java.util.List;

/**
 * The words on a card. The renderer does no translation: callers pass localized strings.
 *
 * @param label      small heading above the title ("Now playing", "Album"), or null
 * @param title      track, episode, album... name
 * @param artists    artists (or the publisher, the owner), or null
 * @param collection album or show, or null
 * @param progress   position in the item, shown as a bar with times; null for none
 */
public record CardContent(String label, String title, String artists, String collection, Progress progress) {

    /** Where playback is: drawn as a bar with elapsed and total time. */
    public record Progress(long positionMs, long durationMs) {
        /** Position as a fraction 0..1 (0 when the duration is unknown). */
        public double fraction() {
            if (durationMs <= 0) {
                return 0;
            }
            return Math.max(0, Math.min(1, (double) positionMs / durationMs));
        }
    }

    public CardContent {
        title = title == null || title.isBlank() ? "—" : title.strip();
    }

    /** A track or episode: artists (or publisher) and album (or show); progress may be null. */
    public static CardContent of(PlayableItem item, String label, Progress progress) {
        List<String> artists = item.artists() == null ? List.of() : item.artists();
        return new CardContent(label, item.name(), artists.isEmpty() ? null : String.join(", ", artists),
                item.collection(), progress);
    }

    /** Anything {@code /share} can show: its title and subtitle (artists, owner...), no progress. */
    public static CardContent of(SpotifyEntity entity, String label) {
        return new CardContent(label, entity.title(), entity.subtitle(), null, null);
    }
}
