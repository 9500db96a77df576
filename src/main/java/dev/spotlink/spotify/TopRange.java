package dev.spotlink.spotify;

import java.util.Locale;
import java.util.Optional;

/** The periods Spotify computes top items over, by the names users type ({@code 4w}, {@code 6m}, {@code all}). */
public enum TopRange {
    WEEKS_4("4w", "short_term"),
    MONTHS_6("6m", "medium_term"),
    ALL("all", "long_term");

    private final String shortName;
    private final String apiValue;

    TopRange(String shortName, String apiValue) {
        this.shortName = shortName;
        this.apiValue = apiValue;
    }

    /** What users type and read. */
    public String shortName() {
        return shortName;
    }

    /** Spotify's {@code time_range} value. */
    public String apiValue() {
        return apiValue;
    }

    public static Optional<TopRange> parse(String shortName) {
        String wanted = shortName.strip().toLowerCase(Locale.ROOT);
        for (TopRange range : values()) {
            if (range.shortName.equals(wanted)) {
                return Optional.of(range);
            }
        }
        return Optional.empty();
    }
}
