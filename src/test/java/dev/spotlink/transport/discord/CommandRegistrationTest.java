package dev.spotlink.transport.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlink.command.Command;
import dev.spotlink.command.CommandRegistry;
import dev.spotlink.store.BotStateRepository;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commands are registered on the first start, and again only when their definition changed. */
class CommandRegistrationTest {

    private static final String DEV_GUILD = "400000000000000001";

    @TempDir
    Path dir;

    @Test
    void registersOnceAndAgainOnlyWhenTheDefinitionChanges() {
        try (DiscordHarness h = new DiscordHarness(dir)) {
            List<Command> commands = List.of(TestCommands.secret(), TestCommands.echo());
            h.start(h.registry(commands)).close();
            assertEquals(1, h.discord.commandRegistrations("global"));
            assertEquals(1, h.discord.lastIntents(), "no gateway intent beyond GUILDS (1), which JDA always sets");
            String stored = new BotStateRepository(h.database).get(CommandSync.GLOBAL_KEY).orElseThrow();

            h.start(h.registry(commands)).close();
            assertEquals(1, h.discord.commandRegistrations("global"), "unchanged restart: no second PUT");
            assertEquals(2, h.discord.identifies(), "the second start did connect");

            h.start(h.registry(List.of(TestCommands.secret(), TestCommands.echo(), TestCommands.card()))).close();
            assertEquals(2, h.discord.commandRegistrations("global"), "changed definition: registered again");
            assertEquals(3, h.discord.registeredCommands("global").size());
            assertNotEquals(stored, new BotStateRepository(h.database).get(CommandSync.GLOBAL_KEY).orElseThrow());
        }
    }

    @Test
    void devGuildGetsItsOwnRegistrationWithItsOwnHash() {
        try (DiscordHarness h = new DiscordHarness(dir)) {
            h.discord.addGuild(DEV_GUILD, "Spotlink dev");
            CommandRegistry registry = h.registry(List.of(TestCommands.secret()));
            h.start(registry, Optional.of(DEV_GUILD), DiscordTransport.Limits.DEFAULT).close();
            assertEquals(1, h.discord.commandRegistrations("global"));
            assertEquals(1, h.discord.commandRegistrations("guild:" + DEV_GUILD));
            assertEquals("secret", h.discord.registeredCommands("guild:" + DEV_GUILD).get(0).path("name").asText());
            assertTrue(new BotStateRepository(h.database).get(CommandSync.guildKey(DEV_GUILD)).isPresent());

            h.start(registry, Optional.of(DEV_GUILD), DiscordTransport.Limits.DEFAULT).close();
            assertEquals(1, h.discord.commandRegistrations("guild:" + DEV_GUILD));
        }
    }

    @Test
    void unknownDevGuildIsSkippedWithAWarningAndGlobalCommandsStillRegister() {
        try (DiscordHarness h = new DiscordHarness(dir)) {
            h.start(h.registry(List.of(TestCommands.secret())), Optional.of(DEV_GUILD),
                    DiscordTransport.Limits.DEFAULT);
            assertEquals(1, h.discord.commandRegistrations("global"));
            assertEquals(0, h.discord.commandRegistrations("guild:" + DEV_GUILD));
        }
    }

    @Test
    void aRefusedRegistrationIsRetriedAtTheNextStart() {
        try (DiscordHarness h = new DiscordHarness(dir)) {
            CommandRegistry registry = h.registry(List.of(TestCommands.secret()));
            h.discord.refuseCommandRegistrations(true);
            h.start(registry).close();
            assertEquals(0, h.discord.commandRegistrations("global"));
            assertTrue(new BotStateRepository(h.database).get(CommandSync.GLOBAL_KEY).isEmpty(),
                    "no hash stored for a registration that failed");

            h.discord.refuseCommandRegistrations(false);
            h.start(registry).close();
            assertEquals(1, h.discord.commandRegistrations("global"));
        }
    }

    @Test
    void hashCoversTheApplicationAndIsStable() {
        SlashCommands slash = new SlashCommands(new dev.spotlink.i18n.Messages());
        var specs = List.of(TestCommands.secret().spec(), TestCommands.echo().spec());
        CommandSync a = new CommandSync(null, slash.build(specs));
        CommandSync b = new CommandSync(null, slash.build(specs));
        assertEquals(a.hash("1"), b.hash("1"));
        assertEquals(64, a.hash("1").length());
        assertNotEquals(a.hash("1"), a.hash("2"), "another bot application must register its own commands");
    }
}
