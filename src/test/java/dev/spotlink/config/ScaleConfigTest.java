package dev.spotlink.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keys for more than one process: {@code discord.shards}, {@code discord.shard-ids}, {@code telegram.*}. */
class ScaleConfigTest {

    private static final String BASE = ConfigLoaderTest.REQUIRED
            + "discord.token=discord-token-value\ntelegram.token=123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ_-\n";

    @TempDir
    Path dir;

    private SpotlinkConfig load(String extra, Map<String, String> env) throws Exception {
        Path file = dir.resolve("config.properties");
        Files.writeString(file, BASE + extra, StandardCharsets.UTF_8);
        return ConfigLoader.load(file, env);
    }

    private List<String> problems(String extra) throws IOException {
        Path file = dir.resolve("config.properties");
        Files.writeString(file, BASE + extra, StandardCharsets.UTF_8);
        return assertThrows(ConfigException.class, () -> ConfigLoader.load(file, Map.of())).problems();
    }

    @Test
    void defaultsAreAutoShardsAllInThisProcessAndPolling() throws Exception {
        SpotlinkConfig c = load("", Map.of());

        assertEquals(DiscordShards.AUTO, c.discord().orElseThrow().shards());
        assertEquals(Optional.empty(), c.telegram().orElseThrow().webhook());
        String printed = ConfigPrinter.describe(c);
        assertTrue(printed.contains("discord.shards = auto"), printed);
        assertTrue(printed.contains("discord.shard-ids = (all)"), printed);
        assertTrue(printed.contains("telegram.mode = polling"), printed);
    }

    @Test
    void shardRangesAndListsAreParsedSortedAndDistinct() throws Exception {
        SpotlinkConfig c = load("discord.shards=12\ndiscord.shard-ids=8, 0-3,2\n", Map.of());

        assertEquals(new DiscordShards(OptionalInt.of(12), Optional.of(List.of(0, 1, 2, 3, 8))),
                c.discord().orElseThrow().shards());
        assertTrue(ConfigPrinter.describe(c).contains("discord.shard-ids = 0,1,2,3,8"));
    }

    @Test
    void environmentSetsWebhookModeAndTheSecretStaysMasked() throws Exception {
        SpotlinkConfig c = load("", Map.of(
                "SPOTLINK_TELEGRAM_MODE", "Webhook",
                "SPOTLINK_TELEGRAM_WEBHOOK_URL", "https://bot.example.org/",
                "SPOTLINK_TELEGRAM_WEBHOOK_SECRET", "s3cret_Value-x",
                "SPOTLINK_DISCORD_SHARDS", "2"));

        TelegramWebhook webhook = c.telegram().orElseThrow().webhook().orElseThrow();
        assertEquals(URI.create("https://bot.example.org"), webhook.publicUrl());
        assertEquals("s3cret_Value-x", webhook.secret().orElseThrow().reveal());
        assertEquals(OptionalInt.of(2), c.discord().orElseThrow().shards().total());
        String printed = ConfigPrinter.describe(c);
        assertFalse(printed.contains("s3cret_Value-x"), printed);
        assertTrue(printed.contains("telegram.webhook-secret = <masked>"), printed);
    }

    @Test
    void everyBadValueIsReportedAtOnceWithoutEchoingTheSecret() throws Exception {
        List<String> problems = problems("""
                discord.shards=many
                discord.shard-ids=3-1
                telegram.mode=push
                telegram.webhook-url=http://bot.example.org
                telegram.webhook-secret=has spaces and é
                """);

        assertEquals(5, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("must be `auto`"), problems.get(0));
        assertTrue(problems.stream().anyMatch(p -> p.contains("runs backwards")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("`polling` or `webhook`")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("must use https")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("`telegram.webhook-secret`: must be 1 to 256")),
                problems.toString());
        assertFalse(String.join("\n", problems).contains("has spaces"));
    }

    @Test
    void shardIdsNeedAFixedTotalThatContainsThem() throws Exception {
        assertTrue(problems("discord.shard-ids=0-1\n").get(0).contains("needs a fixed `discord.shards` count"));
        String outside = problems("discord.shards=2\ndiscord.shard-ids=1-2\n").get(0);
        assertTrue(outside.contains("shard 2 does not exist with discord.shards=2"), outside);
        assertTrue(problems("discord.shards=0\n").get(0).contains("between 1 and"));
        assertTrue(problems("discord.shard-ids=0,,1\ndiscord.shards=4\n").get(0).contains("separated by commas"));
    }

    @Test
    void webhookModeNeedsItsPublicUrl() throws Exception {
        List<String> problems = problems("telegram.mode=webhook\n");
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("`telegram.webhook-url` is required when telegram.mode=webhook"),
                problems.get(0));
        assertTrue(problems("telegram.mode=webhook\ntelegram.webhook-url=https://x.org/?a=1\n").get(0)
                .contains("must not contain a query"));
        // loopback http is for a local Bot API server (and the tests)
        assertEquals(URI.create("http://127.0.0.1:8443/tg"), load("telegram.mode=webhook\n"
                + "telegram.webhook-url=http://127.0.0.1:8443/tg\n", Map.of())
                .telegram().orElseThrow().webhook().orElseThrow().publicUrl());
    }
}
