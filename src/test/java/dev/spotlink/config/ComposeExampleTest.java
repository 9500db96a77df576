package dev.spotlink.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The docker-compose example in {@code docs/} must stay in step with the loader: every {@code SPOTLINK_*} variable
 * it sets is a real key, and each Spotlink service's environment loads without a problem.
 */
class ComposeExampleTest {

    private static final Path COMPOSE = Path.of("docs/docker-compose.scale.yml");
    private static final Pattern SETTING = Pattern.compile("^\\s+(SPOTLINK_[A-Z0-9_]+):\\s*\"?(.*?)\"?\\s*$");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z_]+)[^}]*}");
    /** What an admin would put in the .env file beside the compose file. */
    private static final Map<String, String> DOT_ENV = Map.of(
            "PUBLIC_HOST", "bot.example.org",
            "SPOTIFY_CLIENT_ID", "0123456789abcdef0123456789abcdef",
            "SPOTIFY_CLIENT_SECRET", "fedcba9876543210fedcba9876543210",
            "POSTGRES_PASSWORD", "pg-password",
            "DISCORD_TOKEN", "MTIzNDU2Nzg5MDEyMzQ1Njc4.GAbcde.abcdefghijklmnopqrstuvwxyz0123456789AB",
            "TELEGRAM_TOKEN", "123456789:AAEhBP0av28hZ3abcdefghijklmnopqrstu",
            "TELEGRAM_WEBHOOK_SECRET", "webhook_secret-123");

    @Test
    void everySpotlinkServiceLoadsAndSplitsTheShards() throws Exception {
        Map<String, String> shared = new HashMap<>();
        List<Map<String, String>> services = new ArrayList<>();
        for (String line : Files.readAllLines(COMPOSE)) {
            Matcher m = SETTING.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String name = m.group(1);
            assertTrue(Arrays.stream(ConfigKey.values()).anyMatch(k -> k.envName().equals(name)),
                    name + " is not the variable of any config key");
            String value = substitute(m.group(2));
            if (name.equals(ConfigKey.DISCORD_SHARD_IDS.envName())) {
                Map<String, String> service = new HashMap<>(shared);
                service.put(name, value);
                services.add(service);
            } else {
                shared.put(name, value);
            }
        }
        assertEquals(2, services.size(), "two Spotlink processes, each with its own shard ids");

        List<Integer> shardsSeen = new ArrayList<>();
        for (Map<String, String> env : services) {
            SpotlinkConfig config = ConfigLoader.load(Path.of("target/no-such-config.properties"), env);
            assertTrue(config.database().url().startsWith("jdbc:postgresql://"), config.database().url());
            assertEquals(OptionalInt.of(4), config.discord().orElseThrow().shards().total());
            shardsSeen.addAll(config.discord().orElseThrow().shards().ids().orElseThrow());
            assertTrue(config.telegram().orElseThrow().webhook().isPresent(), "webhook mode");
        }
        assertEquals(List.of(0, 1, 2, 3), shardsSeen.stream().sorted().toList(), "every shard runs exactly once");
    }

    private static String substitute(String value) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String sample = DOT_ENV.get(m.group(1));
            assertTrue(sample != null, "the compose file uses ${" + m.group(1)
                    + "}, which the .env list in docs/scale.md lacks");
            m.appendReplacement(out, Matcher.quoteReplacement(sample));
        }
        return m.appendTail(out).toString();
    }
}
