package dev.spotlink.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Reads the config file and {@code SPOTLINK_*} environment overrides, validates everything at once and returns
 * the immutable {@link SpotlinkConfig}.
 */
public final class ConfigLoader {

    /** The config file used when neither {@code --config} nor {@code SPOTLINK_CONFIG} names one. */
    public static final String DEFAULT_FILE = "config.properties";
    public static final String CONFIG_OPTION = "--config";
    private static final int MAX_KEY_ECHO = 120;

    private ConfigLoader() {
    }

    /**
     * Loads {@code file} (UTF-8 properties; a missing file counts as empty), then applies {@code env}: for every
     * key, a non-blank {@link ConfigKey#envName()} variable wins over the file. Other {@code SPOTLINK_*} variables
     * are ignored.
     *
     * @throws ConfigException listing every problem, with the file's absolute path
     */
    public static SpotlinkConfig load(Path file, Map<String, String> env) throws ConfigException {
        Path path = file.toAbsolutePath().normalize();
        List<String> problems = new ArrayList<>();
        boolean fileMissing = Files.notExists(path);
        Map<ConfigKey, ConfigBinder.Raw> values = new EnumMap<>(ConfigKey.class);
        List<String> unknownKeys = new ArrayList<>();
        if (!fileMissing) {
            readFile(path, problems).forEach((key, value) -> {
                Optional<ConfigKey> known = ConfigKey.byKey(key);
                if (known.isEmpty()) {
                    unknownKeys.add(unknownKey(key));
                } else if (!value.isBlank()) {
                    values.put(known.get(), new ConfigBinder.Raw(value.strip(), null));
                }
            });
        }
        boolean envUsed = false;
        for (ConfigKey key : ConfigKey.values()) {
            String value = env.get(key.envName());
            if (value != null && !value.isBlank()) {
                values.put(key, new ConfigBinder.Raw(value.strip(), key.envName()));
                envUsed = true;
            }
        }
        ConfigBinder binder = new ConfigBinder(values);
        Optional<SpotlinkConfig> config = binder.bind(path);
        problems.addAll(binder.problems());
        problems.addAll(unknownKeys);
        if (!problems.isEmpty() || config.isEmpty()) {
            throw new ConfigException(path, problems, fileMissing, fileMissing && !envUsed);
        }
        return config.get();
    }

    /**
     * The config file to read: the last {@code --config FILE} (or {@code --config=FILE}) in {@code args}, else env
     * {@code SPOTLINK_CONFIG}, else {@code ./config.properties}; absolute and normalized.
     *
     * @throws IllegalArgumentException when {@code --config} has no file name after it
     */
    public static Path resolveConfigPath(String[] args, Map<String, String> env) {
        String chosen = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(CONFIG_OPTION)) {
                if (i + 1 >= args.length || args[i + 1].isBlank()) {
                    throw new IllegalArgumentException(CONFIG_OPTION + " needs a file name");
                }
                chosen = args[++i];
            } else if (args[i].startsWith(CONFIG_OPTION + "=")) {
                chosen = args[i].substring(CONFIG_OPTION.length() + 1);
            }
        }
        if (chosen == null || chosen.isBlank()) {
            String fromEnv = env.get(ConfigKey.CONFIG_PATH_ENV);
            chosen = fromEnv == null || fromEnv.isBlank() ? DEFAULT_FILE : fromEnv.strip();
        }
        return Path.of(chosen).toAbsolutePath().normalize();
    }

    /** {@code args} without any {@code --config FILE} / {@code --config=FILE}, for the caller's own parsing. */
    public static String[] argsWithoutConfigOption(String[] args) {
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(CONFIG_OPTION)) {
                i++;
            } else if (!args[i].startsWith(CONFIG_OPTION + "=")) {
                rest.add(args[i]);
            }
        }
        return rest.toArray(String[]::new);
    }

    /** The file's entries in file order; read failures and duplicate keys become problems. */
    private static Map<String, String> readFile(Path path, List<String> problems) {
        if (Files.isDirectory(path)) {
            problems.add("the config path is a directory, not a file");
            return Map.of();
        }
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            problems.add("the file is not valid UTF-8 text; save it as UTF-8");
            return Map.of();
        } catch (IOException e) {
            problems.add("the file cannot be read: " + e);
            return Map.of();
        }
        // Editors on Windows may prepend a byte-order mark, which Properties would glue onto the first key.
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        RecordingProperties properties = new RecordingProperties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            problems.add("the file is not a valid properties file: " + e.getMessage());
            return Map.of();
        }
        for (String key : properties.duplicates) {
            problems.add("`" + key + "` is set more than once in the file; only the last value would count");
        }
        return properties.entries;
    }

    private static String unknownKey(String key) {
        // A pasted blob is not worth echoing in full: the start is enough to find it in the file.
        String shown = key.length() > MAX_KEY_ECHO ? key.substring(0, MAX_KEY_ECHO) + "..." : key;
        String problem = "unknown key `" + shown + "`";
        return KeySuggestions.suggest(key).map(s -> problem + ": did you mean `" + s + "`?")
                .orElse(problem + " (see config.example.properties for the valid keys)");
    }

    /** Keeps file order and notices keys written twice, which plain {@link Properties} silently merges. */
    private static final class RecordingProperties extends Properties {
        private static final long serialVersionUID = 1L;
        private final transient Map<String, String> entries = new LinkedHashMap<>();
        private final transient Set<String> duplicates = new LinkedHashSet<>();

        @Override
        public synchronized Object put(Object key, Object value) {
            if (entries.put((String) key, (String) value) != null) {
                duplicates.add((String) key);
            }
            return super.put(key, value);
        }
    }
}
