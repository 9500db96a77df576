package dev.spotlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MainCommandLineTest {

    @Test
    void setupModeAndItsHost() {
        Main.CommandLine plain = Main.CommandLine.parse(new String[0]);
        assertFalse(plain.setup());
        assertEquals("127.0.0.1", plain.setupHost(), "this machine only unless the admin says otherwise");

        Main.CommandLine setup = Main.CommandLine.parse(new String[] {"setup", "--host", "0.0.0.0", "--config",
                "x.properties"});
        assertTrue(setup.setup());
        assertEquals("0.0.0.0", setup.setupHost());
        assertEquals(2, setup.configArgs().length);
    }

    @Test
    void badSetupArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Main.CommandLine.parse(new String[] {"setup", "--host"}));
        assertThrows(IllegalArgumentException.class, () -> Main.CommandLine.parse(new String[] {"setup", "console"}));
        assertThrows(IllegalArgumentException.class,
                () -> Main.CommandLine.parse(new String[] {"rotate-key", "setup"}));
    }
}
