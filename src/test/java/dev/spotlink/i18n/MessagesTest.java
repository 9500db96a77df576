package dev.spotlink.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlink.spotify.SpotifyUri;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MessagesTest {

    private static final Pattern KEY_LITERAL = Pattern.compile(
            "\"((?:command|option|help|link|unlink|nowplaying|button|share|error|page|console|privacy|card|setup)\\.[a-z0-9.-]+)\"");
    private final Messages messages = new Messages();

    @Test
    void everyBundleHasTheSameKeysInEveryLanguage() throws IOException {
        for (String bundle : List.of("messages", "discord", "telegram", "setup")) {
            Properties english = load("/i18n/" + bundle + ".properties");
            Properties russian = load("/i18n/" + bundle + "_ru.properties");
            if (english == null && russian == null) {
                continue; // that transport has no texts of its own
            }
            assertEquals(new TreeSet<>(english.stringPropertyNames()), new TreeSet<>(russian.stringPropertyNames()),
                    bundle + ": English and Russian must have the same keys");
        }
    }

    @Test
    void everyKeyTheCodeUsesExists() throws IOException {
        Set<String> missing = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.toString().contains("/config/")) // config key names look alike
                    .toList()) {
                Matcher m = KEY_LITERAL.matcher(Files.readString(file));
                while (m.find()) {
                    if (!m.group(1).endsWith(".") && !messages.has(m.group(1))) {
                        missing.add(m.group(1) + " (" + file.getFileName() + ")");
                    }
                }
            }
        }
        for (SpotifyUri.Type type : SpotifyUri.Type.values()) {
            if (!messages.has("share.type." + type.path())) {
                missing.add("share.type." + type.path());
            }
        }
        assertTrue(missing.isEmpty(), "missing texts: " + missing);
    }

    @Test
    void russianIsChosenByLanguageAndEverythingElseFallsBackToEnglish() {
        assertEquals("Connect Spotify", messages.get(Locale.ENGLISH, "link.button"));
        assertEquals("Подключить Spotify", messages.get(Locale.forLanguageTag("ru-RU"), "link.button"));
        assertEquals("Connect Spotify", messages.get(Locale.GERMAN, "link.button"));
        assertEquals(Locale.forLanguageTag("ru"), messages.resolve("ru_RU"));
        assertEquals(Locale.ENGLISH, messages.resolve("pt-BR"));
        assertEquals(Locale.ENGLISH, messages.resolve((String) null));
    }

    @Test
    void argumentsAreFilledInAndApostrophesSurvive() {
        assertEquals("Linked as Alice on Spotify. Try /nowplaying!",
                messages.get(Locale.ENGLISH, "link.confirmed", "Alice"));
        assertTrue(messages.get(Locale.ENGLISH, "unlink.done", "https://x").contains("Spotify's side"));
    }

    private static Properties load(String resource) throws IOException {
        try (InputStream in = MessagesTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return properties;
        }
    }
}
