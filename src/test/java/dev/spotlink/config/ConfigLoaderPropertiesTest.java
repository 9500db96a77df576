package dev.spotlink.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlink.testing.Fuzz;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Properties of {@link ConfigLoader#load}: whatever the file and environment hold, it returns a config or throws
 * a {@link ConfigException} with at least one problem line naming the file; secrets never show, in problems or
 * in the printed config.
 */
class ConfigLoaderPropertiesTest {

    private static final List<String> VALUES = List.of("0", "2s", "60s", "61s", "PT0.5S", "P1D", "PT-1S", "-1",
            "99999999999999999999s", "999999999d", "1d", "10m", "8080", "65536", "true", "FALSE", "yes",
            "32MiB", "0b", "99999999999999TiB", "4GiB", "5GiB", "https://example.org", "http://127.0.0.1:8080/cb",
            "http://localhost:8080/callback", "https://bot.example.org/callback#x", "ftp://x", "jdbc:sqlite:x.db",
            "data/\u0000key", "123456789:AAEhBP0av28hZ3abcdefghijklmno", "Bot abc", "123456789012345678",
            "ws://127.0.0.1:1/", "\\u12", "\\", "=", "#", "!");

    @TempDir
    Path dir;

    private record Input(Map<String, String> file, Map<String, String> env, boolean rawFile, String secret) {
    }

    private final AtomicInteger loaded = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();

    @Test
    void anyFileAndEnvironmentGiveAConfigOrProblemLines() {
        Fuzz.forAll("config: any keys and values", 600, this::input, this::check);
        assertTrue(loaded.get() > 50 && refused.get() > 50, "both outcomes exercised: " + loaded + "/" + refused);
    }

    @Test
    void garbageFilesGiveProblemLines() {
        Fuzz.forAll("config: garbage files", 300, f -> f.anyString(), text -> {
            Path file = dir.resolve("garbage.properties");
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            if (text.length() % 3 == 0 && bytes.length > 0) {
                bytes[bytes.length / 2] = (byte) 0xC3; // now and then not valid UTF-8
            }
            Files.write(file, bytes);
            loadChecked(file, Map.of(), null);
        });
    }

    private Input input(Fuzz f) {
        String secret = "SECRET-" + f.from("ABCDEFGHJKMNPQRSTUVWXYZ23456789", 12, 12);
        Map<String, String> file = new LinkedHashMap<>();
        Map<String, String> env = new LinkedHashMap<>();
        if (f.chance(0.6)) {
            file.put("spotify.client-id", "id-" + f.from("abcdef0123456789", 8, 32));
            file.put("spotify.client-secret", secret);
            file.put("spotify.redirect-uri", "http://127.0.0.1:8080/callback");
        }
        boolean plausible = f.chance(0.4);
        int entries = f.between(0, 8);
        for (int i = 0; i < entries; i++) {
            ConfigKey key = f.oneOf(ConfigKey.values());
            String value = plausible ? plausibleValue(key, secret)
                    : key.secret() ? secret + f.oneOf("", " x", ":AAEhBP0av28hZ3abcdefghijk")
                    : f.chance(0.6) ? f.oneOf(VALUES) : f.anyString();
            if (f.chance(0.7)) {
                file.put(f.chance(0.9) ? key.key() : f.mutate(key.key()), value);
            } else {
                env.put(f.chance(0.9) ? key.envName() : "SPOTLINK_" + f.string(8), value);
            }
        }
        if (f.chance(0.2)) {
            file.put(f.string(20), f.string(20));
        }
        return new Input(file, env, f.chance(0.3), secret);
    }

    /** A value the key accepts: its default, or a well-formed one for keys without a default. */
    private static String plausibleValue(ConfigKey key, String secret) {
        return key.defaultValue().orElseGet(() -> switch (key) {
            case TELEGRAM_TOKEN -> "123456789:" + secret + "_telegram";
            case DISCORD_DEV_GUILD_ID, DISCORD_ADMIN_CHANNEL_ID -> "123456789012345678";
            case TELEGRAM_ADMIN_CHAT_ID -> "-1001234567890";
            case DISCORD_SHARD_IDS -> "0-1";
            case TELEGRAM_WEBHOOK_URL -> "https://bot.example.org";
            case SPOTIFY_REDIRECT_URI -> "https://bot.example.org/callback";
            case SPOTIFY_CLIENT_ID -> "client-id";
            case SERVER_TRUST_PROXY -> "127.0.0.1, ::1, 10.0.0.0/8";
            case COMMAND_COOLDOWN -> "2s";
            default -> secret;
        });
    }

    private void check(Input input) throws Exception {
        Path file = dir.resolve("config.properties");
        if (input.rawFile()) {
            // Written as is: backslashes, unicode escapes and line breaks in values reach the properties parser.
            StringBuilder text = new StringBuilder();
            input.file().forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
            Files.write(file, text.toString().getBytes(StandardCharsets.UTF_8)); // a lone surrogate turns into ?
        } else {
            Properties properties = new Properties();
            properties.putAll(input.file());
            StringWriter out = new StringWriter();
            properties.store(out, null);
            Files.write(file, out.toString().getBytes(StandardCharsets.UTF_8));
        }
        // A raw value ending in a backslash continues onto the next line, secret or not: that text is the admin's
        // own and may be echoed under the other key, so the secret check needs the properly escaped file.
        loadChecked(file, input.env(), input.rawFile() ? null : input.secret());
    }

    private void loadChecked(Path file, Map<String, String> env, String secret) {
        try {
            SpotlinkConfig config = ConfigLoader.load(file, env);
            String printed = ConfigPrinter.describe(config);
            if (secret != null) {
                assertFalse(printed.contains(secret), "the printed config shows a secret:\n" + printed);
            }
            assertTrue(config.command().refill().compareTo(ConfigValues.MAX_COOLDOWN) <= 0);
            loaded.incrementAndGet();
        } catch (ConfigException e) {
            assertFalse(e.problems().isEmpty(), "a ConfigException without a problem");
            for (String problem : e.problems()) {
                assertFalse(problem.isBlank(), "a blank problem line");
            }
            assertTrue(e.getMessage().contains(file.toAbsolutePath().normalize().toString()), e.getMessage());
            if (secret != null) {
                assertFalse(e.getMessage().contains(secret), "a problem shows a secret:\n" + e.getMessage());
            }
            refused.incrementAndGet();
        }
    }
}
