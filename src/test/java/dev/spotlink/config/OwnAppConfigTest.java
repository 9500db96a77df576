package dev.spotlink.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code link.own-app}, {@code discord.admin-channel-id}, {@code telegram.admin-chat-id}. */
class OwnAppConfigTest {

    private static final String PLATFORMS = """
            discord.token=discord-token-value
            telegram.token=123456789:AAEhBP0av28hZ3defghijklmnop
            """;

    @TempDir
    Path dir;

    private SpotlinkConfig load(String extra, Map<String, String> env) throws Exception {
        return ConfigLoaderTest.loadWithRequired(dir, extra, env);
    }

    @Test
    void ownAppsAreOnByDefaultAndCanBeSwitchedOffAlsoByEnvironment() throws Exception {
        assertTrue(load("", Map.of()).link().ownApp());
        assertFalse(load("link.own-app=false\n", Map.of()).link().ownApp());
        assertFalse(load("", Map.of("SPOTLINK_LINK_OWN_APP", "FALSE")).link().ownApp());
        assertTrue(ConfigPrinter.lines(load("", Map.of())).contains("link.own-app = true"));
    }

    @Test
    void extendedQuotaIsOffByDefault() throws Exception {
        assertFalse(load("", Map.of()).link().extendedQuota());
        assertTrue(load("spotify.extended-quota=true\n", Map.of()).link().extendedQuota());
        assertTrue(load("", Map.of("SPOTLINK_SPOTIFY_EXTENDED_QUOTA", "true")).link().extendedQuota());
        ConfigException e = assertThrows(ConfigException.class, () -> load("spotify.extended-quota=maybe\n",
                Map.of()));
        assertTrue(e.problems().get(0).startsWith("`spotify.extended-quota` = \"maybe\""), e.getMessage());
    }

    @Test
    void adminChannelsAreOptionalAndRead() throws Exception {
        SpotlinkConfig none = load(PLATFORMS, Map.of());
        assertEquals(Optional.empty(), none.discord().orElseThrow().adminChannelId());
        assertEquals(Optional.empty(), none.telegram().orElseThrow().adminChatId());

        SpotlinkConfig set = load(PLATFORMS + "discord.admin-channel-id=123456789012345678\n",
                Map.of("SPOTLINK_TELEGRAM_ADMIN_CHAT_ID", "-1001234567890"));
        assertEquals(Optional.of("123456789012345678"), set.discord().orElseThrow().adminChannelId());
        assertEquals(Optional.of(-1001234567890L), set.telegram().orElseThrow().adminChatId());
        assertTrue(ConfigPrinter.lines(set).contains("telegram.admin-chat-id = -1001234567890"));
        assertEquals(Optional.of(42L), load(PLATFORMS + "telegram.admin-chat-id=42\n", Map.of())
                .telegram().orElseThrow().adminChatId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "1", "on"})
    void ownAppTakesOnlyTrueOrFalse(String value) {
        ConfigException e = assertThrows(ConfigException.class, () -> load("link.own-app=" + value + "\n",
                Map.of()));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).startsWith("`link.own-app` = \"" + value + "\""), e.getMessage());
    }

    @Test
    void badAdminChannelsAreReportedTogether() {
        ConfigException e = assertThrows(ConfigException.class, () -> load(PLATFORMS
                + "discord.admin-channel-id=#general\ntelegram.admin-chat-id=@mygroup\n", Map.of()));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).contains("Copy Channel ID"), e.getMessage());
        assertTrue(e.problems().get(1).contains("not @username"), e.getMessage());
        for (String bad : new String[] {"0", "-0", "12.5", "99999999999999999", "1e5"}) {
            ConfigException chat = assertThrows(ConfigException.class,
                    () -> load(PLATFORMS + "telegram.admin-chat-id=" + bad + "\n", Map.of()));
            assertTrue(chat.problems().get(0).startsWith("`telegram.admin-chat-id`"), bad);
        }
    }
}
