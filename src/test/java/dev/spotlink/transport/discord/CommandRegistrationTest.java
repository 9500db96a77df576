package dev.spotlink.transport.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandRegistrationTest {

    @TempDir
    Path dir;

    @Test
    void registersOnFirstStart() {
        try (DiscordHarness h = new DiscordHarness(dir)) {
            h.start(h.registry(List.of(TestCommands.secret())));
            assertEquals(1, h.discord.commandRegistrations("global"));
            System.out.println(h.discord.registeredCommands("global").toPrettyString());
        }
    }
}
