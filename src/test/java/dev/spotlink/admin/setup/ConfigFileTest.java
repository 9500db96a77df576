package dev.spotlink.admin.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {

    @TempDir
    Path dir;

    @Test
    void changesReplaceTheirLinesAndLeaveEverythingElse() {
        String before = "# my bot\nspotify.client-id = old\n! note\nserver.port=9000\ndiscord.token=x\n"
                + "spotify.client-id=twice\n";
        Map<String, String> changes = new LinkedHashMap<>();
        changes.put("spotify.client-id", "new");
        changes.put("discord.token", null);
        changes.put("telegram.token", "1:AA");

        String after = ConfigFile.update(before, changes);

        assertEquals("# my bot\nspotify.client-id=new\n! note\nserver.port=9000\n"
                + "# written by the Spotlink set-up page\ntelegram.token=1:AA\n", after);
    }

    @Test
    void valuesReadBackExactly() throws Exception {
        String odd = " lead\\ing\ttab = colon: #hash ü";
        Properties read = new Properties();
        read.load(new StringReader(ConfigFile.update("", Map.of("k", odd))));
        assertEquals(odd, read.getProperty("k"));
    }

    @Test
    void theFileIsWrittenForItsOwnerOnlyAndWithoutLeftovers() throws Exception {
        Path file = dir.resolve("sub/config.properties");
        ConfigFile.write(file, Map.of("spotify.client-secret", "s3cret"));
        ConfigFile.write(file, Map.of("spotify.client-id", "id"));

        assertEquals(Map.of("spotify.client-secret", "s3cret", "spotify.client-id", "id"), ConfigFile.read(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (var files = Files.list(file.getParent())) {
            assertEquals(1, files.count(), "no temp file left behind");
        }
        assertTrue(ConfigFile.read(dir.resolve("missing.properties")).isEmpty());
    }
}
