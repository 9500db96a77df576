package dev.spotlink.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/configuration.md} and {@code config.example.properties} are exactly what {@link ConfigDocs} renders
 * from {@link ConfigKey}: a key added in code without its docs fails the build. Run with
 * {@code -Dspotlink.update-docs=true} to rewrite both files instead.
 */
class ConfigDocsTest {

    static final Path MARKDOWN = Path.of("docs", "configuration.md");
    static final Path EXAMPLE = Path.of("config.example.properties");
    private static final Pattern PROPERTY_LINE = Pattern.compile("^#?([a-z][a-z0-9]*(?:[.-][a-z0-9]+)+)=(.*)$");

    @Test
    void configurationMarkdownIsGeneratedFromTheRegistry() throws IOException {
        checkGenerated(MARKDOWN, ConfigDocs.markdown());
    }

    @Test
    void examplePropertiesAreGeneratedFromTheRegistry() throws IOException {
        checkGenerated(EXAMPLE, ConfigDocs.properties());
    }

    @Test
    void everyKeyHasAMeaningAndSecretsHaveNoDefault() {
        for (ConfigKey key : ConfigKey.values()) {
            assertTrue(key.meaning().strip().length() >= 20, key.key() + " needs a meaning for admins in ConfigKey");
            assertFalse(key.meaning().contains("\t"), key.key() + ": no tabs in its meaning");
            assertTrue(key.meaning().lines().allMatch(line -> line.length() <= 110),
                    key.key() + ": wrap its meaning at 110 characters (it becomes comment lines)");
            if (key.secret()) {
                assertTrue(key.defaultValue().isEmpty(), key.key() + " is secret, so it may not have a default");
            }
        }
        for (ConfigSection section : ConfigSection.values()) {
            assertFalse(ConfigDocs.keysOf(section).isEmpty(), section + " has no keys");
            section.switchKey().ifPresent(switchKey -> assertEquals(section,
                    ConfigKey.byKey(switchKey).orElseThrow().section(), switchKey + " belongs to " + section));
        }
    }

    /** Read back independently of the generator: the example lists exactly the registry, with its defaults. */
    @Test
    void exampleListsEveryKnownKeyOnceWithItsDefaultAndNoSecretValue() throws IOException {
        Map<String, String> listed = new LinkedHashMap<>();
        for (String line : Files.readAllLines(EXAMPLE, StandardCharsets.UTF_8)) {
            Matcher m = PROPERTY_LINE.matcher(line);
            if (m.matches()) {
                assertTrue(ConfigKey.byKey(m.group(1)).isPresent(), "unknown key in the example: " + line);
                assertEquals(null, listed.put(m.group(1), m.group(2)), "listed twice: " + m.group(1));
            }
        }
        for (ConfigKey key : ConfigKey.values()) {
            assertTrue(listed.containsKey(key.key()), key.key() + " is missing from " + EXAMPLE);
            String value = listed.get(key.key());
            assertEquals(key.defaultValue().orElse(""), value, key.key() + " in the example");
            if (key.secret()) {
                assertEquals("", value, key.key() + " is secret: the example must not carry a value");
            }
        }
    }

    @Test
    void markdownEscapesAngleBracketsOnlyOutsideCode() {
        assertEquals("a &lt;b&gt; `<c>` d", ConfigDocs.escape("a <b> `<c>` d"));
    }

    private static void checkGenerated(Path file, String expected) throws IOException {
        if (Boolean.getBoolean("spotlink.update-docs")) {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, expected, StandardCharsets.UTF_8);
            return;
        }
        String actual = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        if (!actual.equals(expected)) {
            fail(file + " is not what the key registry (dev.spotlink.config.ConfigKey) generates; "
                    + firstDifference(actual, expected) + ". Describe the key in ConfigKey, then regenerate with: "
                    + ConfigDocs.REGENERATE);
        }
    }

    private static String firstDifference(String actual, String expected) {
        List<String> have = actual.lines().toList();
        List<String> want = expected.lines().toList();
        for (int i = 0; i < Math.max(have.size(), want.size()); i++) {
            String a = i < have.size() ? have.get(i) : "(end of file)";
            String e = i < want.size() ? want.get(i) : "(end of file)";
            if (!a.equals(e)) {
                return "first difference at line " + (i + 1) + ": expected [" + e + "] but the file has [" + a + "]";
            }
        }
        return "they differ in line endings";
    }
}
