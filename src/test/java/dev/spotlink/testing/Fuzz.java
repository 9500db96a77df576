package dev.spotlink.testing;

import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Seeded random inputs for property and fuzz tests, on plain JUnit. Every run uses the same seed (so CI is
 * repeatable); {@code -Dfuzz.seed=N} explores others. A failing try names the property, the seed, the try and
 * the input (escaped), so it can be replayed and turned into an example test.
 */
public final class Fuzz {

    /** The seed of every property unless {@code -Dfuzz.seed} says otherwise. */
    public static final long DEFAULT_SEED = 20_260_501L;

    /** A check of one input; anything it throws fails the property. */
    @FunctionalInterface
    public interface Check<T> {
        void check(T input) throws Exception;
    }

    // Characters that parsers trip over: separators, escapes, quotes, markup, controls, odd spaces, a BOM.
    private static final String AWKWARD = ":/?#@%&=+;,. \t\n\r\\'\"<>[]{}()|*!$~`^-_0123456789"
            + "\u0000\u0007\u001b\u007f\u00a0\u2028\u2029\u200b\ufeff\ufffd";
    private static final String ASCII;
    private static final List<String> SAMPLES = List.of("é", "ß", "я", "Ж", "中", "日本", "🎵", "👩‍🎤", "\ud83c",
            "\udfb5", "\u0301", "\u202e", "İ", "ı", "ﬁ");

    static {
        StringBuilder ascii = new StringBuilder();
        for (char c = 0x20; c < 0x7f; c++) {
            ascii.append(c);
        }
        ASCII = ascii.toString();
    }

    private final Random random;

    public Fuzz(long seed) {
        this.random = new Random(seed);
    }

    /** The seed for a property: {@code -Dfuzz.seed} or {@link #DEFAULT_SEED}, mixed with the property's name. */
    public static long seed(String property) {
        return Long.getLong("fuzz.seed", DEFAULT_SEED) * 31 + property.hashCode();
    }

    /** Runs {@code check} on {@code tries} generated inputs; the first failure stops it, naming its input. */
    public static <T> void forAll(String property, int tries, Function<Fuzz, T> generator, Check<T> check) {
        long seed = seed(property);
        Fuzz fuzz = new Fuzz(seed);
        for (int i = 0; i < tries; i++) {
            T input = generator.apply(fuzz);
            try {
                check.check(input);
            } catch (Throwable failure) {
                throw new AssertionError("property '" + property + "' failed on try " + i + " (seed " + seed
                        + ") for input " + describe(input) + ": " + failure, failure);
            }
        }
    }

    public int between(int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    public boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    public <T> T oneOf(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    @SafeVarargs
    public final <T> T oneOf(T... values) {
        return values[random.nextInt(values.length)];
    }

    /** {@code min..max} characters drawn from {@code alphabet}. */
    public String from(String alphabet, int min, int max) {
        int length = between(min, max);
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    /**
     * Any text up to {@code maxLength} chars: plain ASCII, awkward punctuation and controls, letters of other
     * scripts, emoji, lone surrogates, arbitrary BMP chars; now and then empty or blank.
     */
    public String string(int maxLength) {
        if (chance(0.05)) {
            return oneOf("", " ", "\t\n", "\u0000");
        }
        int length = between(1, maxLength);
        StringBuilder out = new StringBuilder(length);
        while (out.length() < length) {
            switch (random.nextInt(5)) {
                case 0, 1 -> out.append(ASCII.charAt(random.nextInt(ASCII.length())));
                case 2 -> out.append(AWKWARD.charAt(random.nextInt(AWKWARD.length())));
                case 3 -> out.append(oneOf(SAMPLES));
                default -> out.append((char) random.nextInt(0x10000));
            }
        }
        return out.toString();
    }

    /** Mostly short text, sometimes long (10k to 200k chars) to find limits that are missing. */
    public String anyString() {
        return chance(0.03) ? from(oneOf(ASCII, AWKWARD, "a"), 10_000, 200_000) : string(oneOf(8, 40, 300));
    }

    /** {@code text} with a few random characters inserted, deleted or replaced: near-misses of valid input. */
    public String mutate(String text) {
        StringBuilder out = new StringBuilder(text);
        int edits = between(1, 3);
        for (int i = 0; i < edits; i++) {
            int at = out.length() == 0 ? 0 : random.nextInt(out.length());
            String insert = chance(0.5) ? String.valueOf(AWKWARD.charAt(random.nextInt(AWKWARD.length())))
                    : string(2);
            switch (random.nextInt(3)) {
                case 0 -> out.insert(at, insert);
                case 1 -> {
                    if (out.length() > 0) {
                        out.deleteCharAt(at);
                    }
                }
                default -> {
                    if (out.length() > 0) {
                        out.replace(at, at + 1, insert);
                    }
                }
            }
        }
        return out.toString();
    }

    /** A readable, bounded rendering of an input for failure messages. */
    public static String describe(Object input) {
        String text = String.valueOf(input);
        StringBuilder out = new StringBuilder("\"");
        int shown = Math.min(text.length(), 300);
        for (int i = 0; i < shown; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && !Character.isLetterOrDigit(c))) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
        if (text.length() > shown) {
            out.append("... (").append(text.length()).append(" chars)");
        }
        return out.toString();
    }
}
