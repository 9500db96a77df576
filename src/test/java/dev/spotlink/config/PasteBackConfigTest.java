package dev.spotlink.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code link.paste-back}: auto follows the redirect URI; on and off are what they say. */
class PasteBackConfigTest {

    private static final String LOOPBACK = "SPOTLINK_SPOTIFY_REDIRECT_URI";

    @TempDir
    Path dir;

    private SpotlinkConfig load(String extra, Map<String, String> env) throws Exception {
        return ConfigLoaderTest.loadWithRequired(dir, extra, env);
    }

    @Test
    void autoIsOnExactlyForALoopbackRedirectUri() throws Exception {
        assertFalse(load("", Map.of()).link().pasteBack(), "https://bot.example.org/callback");
        assertTrue(load("", Map.of(LOOPBACK, "http://127.0.0.1:8080/callback")).link().pasteBack());
        assertTrue(load("", Map.of(LOOPBACK, "http://[::1]:8080/callback")).link().pasteBack());
        assertTrue(load("link.paste-back=AUTO\n", Map.of(LOOPBACK, "http://127.0.0.1:9/callback")).link()
                .pasteBack());
        assertTrue(ConfigPrinter.lines(load("", Map.of(LOOPBACK, "http://127.0.0.1:8080/callback")))
                .contains("link.paste-back = on"));
        assertTrue(ConfigPrinter.lines(load("", Map.of())).contains("link.paste-back = off"));
    }

    @Test
    void onAndOffOverrideTheRedirectUri() throws Exception {
        assertTrue(load("link.paste-back=on\n", Map.of()).link().pasteBack());
        assertFalse(load("link.paste-back=off\n", Map.of(LOOPBACK, "http://127.0.0.1:8080/callback")).link()
                .pasteBack());
        assertFalse(load("", Map.of("SPOTLINK_LINK_PASTE_BACK", "Off", LOOPBACK, "http://127.0.0.1:8080/callback"))
                .link().pasteBack());
    }

    @Test
    void localhostCountsAsLoopbackWhereverAUriMayNameIt() {
        assertTrue(PasteBackMode.isLoopback(URI.create("http://localhost:8080/callback")));
        assertTrue(PasteBackMode.isLoopback(URI.create("http://127.0.0.1/callback")));
        assertFalse(PasteBackMode.isLoopback(URI.create("https://bot.example.org/callback")));
        assertFalse(PasteBackMode.isLoopback(URI.create("https://127.0.0.1.example.org/callback")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "yes", "loopback"})
    void otherValuesAreAProblemNamingTheChoices(String value) {
        ConfigException e = assertThrows(ConfigException.class, () -> load("link.paste-back=" + value + "\n",
                Map.of()));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).startsWith("`link.paste-back` = \"" + value + "\""), e.getMessage());
        assertTrue(e.problems().get(0).contains("auto, on or off"), e.getMessage());
    }
}
