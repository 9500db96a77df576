package dev.spotlink.command;

import dev.spotlink.i18n.Messages;
import dev.spotlink.spotify.PlayableItem;
import java.util.Locale;

/** Shared text pieces of a track or episode: artists line, progress bar, durations. */
public final class PlaybackFormatter {

    private static final int BAR_WIDTH = 16;

    private final Messages messages;

    public PlaybackFormatter(Messages messages) {
        this.messages = messages;
    }

    /** "Artist A, Artist B · Album" (or the show for an episode), each part only when known. */
    public String subtitle(PlayableItem item, Locale locale) {
        StringBuilder line = new StringBuilder();
        if (!item.artists().isEmpty()) {
            line.append(String.join(", ", item.artists()));
        }
        if (item.collection() != null && !item.collection().isBlank()) {
            if (line.length() > 0) {
                line.append(" · ");
            }
            line.append(item.collection());
        }
        return line.length() > 0 ? line.toString() : messages.get(locale, "nowplaying.unknown-artist");
    }

    /** {@code ▶ 1:02 ━━━━━●────────── 3:45}; paused shows ⏸. */
    public String progress(long progressMs, long durationMs, boolean playing) {
        long duration = Math.max(0, durationMs);
        long position = Math.max(0, Math.min(progressMs, duration));
        int filled = duration == 0 ? 0 : (int) Math.round((double) position / duration * (BAR_WIDTH - 1));
        StringBuilder bar = new StringBuilder(playing ? "▶ " : "⏸ ").append(clock(position)).append(' ');
        for (int i = 0; i < BAR_WIDTH; i++) {
            bar.append(i < filled ? '━' : i == filled ? '●' : '─');
        }
        return bar.append(' ').append(clock(duration)).toString();
    }

    /** m:ss or h:mm:ss. */
    public static String clock(long millis) {
        long totalSeconds = Math.max(0, millis) / 1000;
        long hours = totalSeconds / 3600;
        long minutes = totalSeconds % 3600 / 60;
        long seconds = totalSeconds % 60;
        return hours > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", hours, minutes, seconds)
                : String.format(Locale.ROOT, "%d:%02d", minutes, seconds);
    }
}
