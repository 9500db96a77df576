package dev.spotlink.i18n;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Every user-facing text, from the {@code i18n/messages} bundles (English base, Russian). Unsupported locales
 * fall back to English, never to the JVM's default locale, so a server in Germany still answers in English.
 * Texts are {@link MessageFormat} patterns: a literal apostrophe is written {@code ''}.
 */
public final class Messages {

    /** Locales with a bundle; the first is the fallback. */
    public static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.forLanguageTag("ru"));

    /** Core texts, then each transport's own texts (kept apart so each part owns its file). */
    private static final List<String> BUNDLES = List.of("i18n.messages", "i18n.discord", "i18n.telegram", "i18n.setup");
    private static final ResourceBundle.Control NO_DEFAULT_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    /** The supported locale matching a language tag ({@code ru}, {@code ru-RU}, {@code en-GB}), else English. */
    public Locale resolve(String languageTag) {
        if (languageTag == null || languageTag.isBlank()) {
            return Locale.ENGLISH;
        }
        return resolve(Locale.forLanguageTag(languageTag.trim().replace('_', '-')));
    }

    /** The supported locale with the same language, else English. */
    public Locale resolve(Locale locale) {
        if (locale != null) {
            for (Locale supported : SUPPORTED) {
                if (supported.getLanguage().equals(locale.getLanguage())) {
                    return supported;
                }
            }
        }
        return Locale.ENGLISH;
    }

    /** The text for {@code key} in {@code locale}, with {@code args} filled in. */
    public String get(Locale locale, String key, Object... args) {
        Locale resolved = resolve(locale);
        for (String name : BUNDLES) {
            ResourceBundle bundle = bundle(name, resolved);
            if (bundle != null && bundle.containsKey(key)) {
                return new MessageFormat(bundle.getString(key), resolved).format(args);
            }
        }
        // A missing text is a bug, but the user still deserves an answer rather than a crash.
        return key;
    }

    /** True when {@code key} exists in the base bundle (tests use it to keep bundles complete). */
    public boolean has(String key) {
        return BUNDLES.stream().map(name -> bundle(name, Locale.ENGLISH))
                .anyMatch(bundle -> bundle != null && bundle.containsKey(key));
    }

    private static ResourceBundle bundle(String name, Locale locale) {
        try {
            return ResourceBundle.getBundle(name, locale, NO_DEFAULT_FALLBACK);
        } catch (MissingResourceException e) {
            return null; // a transport's bundle is absent when that transport is not built in
        }
    }
}
