package dev.spotlink.config;

import java.util.Locale;
import java.util.Optional;

/** Finds the known key a misspelt one was probably meant to be. */
final class KeySuggestions {

    private static final int MAX_TYPO_LENGTH = 100;

    private KeySuggestions() {
    }

    /** The closest known key, only when it is close enough to be a plausible typo. */
    static Optional<String> suggest(String unknown) {
        String typed = unknown.strip().toLowerCase(Locale.ROOT);
        for (ConfigKey k : ConfigKey.values()) {
            // The env-variable spelling written into the file, or the key without its section.
            if (k.envName().equalsIgnoreCase(typed) || k.key().endsWith("." + typed)) {
                return Optional.of(k.key());
            }
        }
        if (typed.length() > MAX_TYPO_LENGTH) {
            return Optional.empty(); // no typo of a known key is that long; spares an O(n*m) distance on a blob
        }
        ConfigKey best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (ConfigKey k : ConfigKey.values()) {
            int d = distance(typed, k.key());
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        int allowed = Math.max(2, Math.min(4, best.key().length() / 4));
        return bestDistance <= allowed ? Optional.of(best.key()) : Optional.empty();
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
