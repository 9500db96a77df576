package dev.spotlink.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders {@code docs/configuration.md} and {@code config.example.properties} from the one key registry,
 * {@link ConfigKey} (with {@link ConfigSection}); {@code ConfigDocsTest} keeps the committed files equal to this.
 */
final class ConfigDocs {

    static final String REGENERATE = "mvn -B -q test -Dtest=ConfigDocsTest -Dspotlink.update-docs=true";

    private static final String RULE = "# " + "-".repeat(105);

    private static final String MARKDOWN_INTRO = """
            # Configuration

            <!-- Generated from src/main/java/dev/spotlink/config/ConfigKey.java; do not edit by hand.
                 Regenerate with: %s -->

            Spotlink reads one properties file plus environment variables. Everything below is generated from the
            key registry in the code, so it lists every key Spotlink knows, with its real default.

            - **The file.** `config.properties` in the working directory (where you run `java -jar spotlink.jar`),
              or the file named by `--config FILE` or the environment variable `SPOTLINK_CONFIG`. It is read as
              UTF-8. Start from [`config.example.properties`](../config.example.properties), generated from the
              same registry, or let the set-up page write it: `java -jar spotlink.jar setup` (a run with no or an
              incomplete config offers that page too).
            - **Environment variables win.** Every key can also be set as `SPOTLINK_` + the key upper-cased, with
              `.` and `-` turned into `_` (`spotify.client-id` → `SPOTLINK_SPOTIFY_CLIENT_ID`); a variable that is
              set wins over the file. Values are trimmed; an empty value counts as not set, so the default applies.
            - **Problems are reported all at once** at start, naming the file and each key. An unknown key is an
              error with a "did you mean" suggestion, so a typo never goes unnoticed.
            - **Secrets are never printed.** Keys marked *secret* are shown as `<masked>` wherever Spotlink
              echoes a value (config problems, the configuration records' text); a password inside
              `database.url` is masked as well. Prefer environment variables for secrets.

            ## All keys

            | Key | Environment variable | Default | Required | Secret |
            |---|---|---|---|---|
            """;

    private static final String PROPERTIES_INTRO = """
            # Spotlink configuration. Generated from the key registry in the code (see docs/configuration.md).
            #
            # Copy this file to config.properties (next to where you run `java -jar target/spotlink.jar`), or point
            # Spotlink at it with `--config FILE` or the environment variable SPOTLINK_CONFIG.
            #
            # Every key can also be set by an environment variable: SPOTLINK_ + the key upper-cased, with `.` and `-`
            # turned into `_` (spotify.client-id -> SPOTLINK_SPOTIFY_CLIENT_ID). The environment wins over this file.
            # Values are trimmed; an empty value counts as not set (so the default applies).
            # Unknown keys are reported as errors, so a typo never goes unnoticed.
            # This file is read as UTF-8.
            """;

    private ConfigDocs() {
    }

    /** The whole of {@code docs/configuration.md}. */
    static String markdown() {
        StringBuilder out = new StringBuilder(MARKDOWN_INTRO.formatted(REGENERATE));
        for (ConfigSection section : ConfigSection.values()) {
            for (ConfigKey key : keysOf(section)) {
                out.append("| `").append(key.key()).append("` | `").append(key.envName()).append("` | ")
                        .append(key.defaultValue().map(d -> "`" + d + "`").orElse("—")).append(" | ")
                        .append(key.required() ? "yes" : "no").append(" | ")
                        .append(key.secret() ? "yes" : "no").append(" |\n");
            }
        }
        for (ConfigSection section : ConfigSection.values()) {
            out.append("\n## ").append(section.title()).append("\n\n").append(escape(section.intro())).append('\n');
            for (ConfigKey key : keysOf(section)) {
                out.append("\n### `").append(key.key()).append("`\n\n")
                        .append("Environment: `").append(key.envName()).append("` · Default: ")
                        .append(key.defaultValue().map(d -> "`" + d + "`")
                                .orElse(key.required() ? "none" : "not set"))
                        .append(key.required() ? " · **required**" : "")
                        .append(key.secret() ? " · **secret** (never printed)" : "").append("\n\n")
                        .append(escape(key.meaning())).append('\n');
            }
        }
        return out.toString();
    }

    /** The whole of {@code config.example.properties}. */
    static String properties() {
        StringBuilder out = new StringBuilder(PROPERTIES_INTRO);
        for (ConfigSection section : ConfigSection.values()) {
            out.append('\n').append(RULE).append("\n# ").append(section.title()).append('\n')
                    .append(comment(section.intro())).append(RULE).append('\n');
            for (ConfigKey key : keysOf(section)) {
                out.append('\n').append(comment(key.meaning()));
                if (key.secret()) {
                    out.append("# Secret: never printed (shown as <masked>).\n");
                }
                out.append("# ").append(key.required() ? "Required."
                        : "Default: " + key.defaultValue().orElse("not set")).append("   Env: ")
                        .append(key.envName()).append('\n');
                boolean listed = key.required() || section.switchKey().filter(key.key()::equals).isPresent();
                out.append(listed ? "" : "#").append(key.key()).append('=')
                        .append(key.defaultValue().orElse("")).append('\n');
            }
        }
        return out.toString();
    }

    static List<ConfigKey> keysOf(ConfigSection section) {
        List<ConfigKey> keys = new ArrayList<>();
        for (ConfigKey key : ConfigKey.values()) {
            if (key.section() == section) {
                keys.add(key);
            }
        }
        return keys;
    }

    private static String comment(String text) {
        StringBuilder out = new StringBuilder();
        text.lines().forEach(line -> out.append(line.isEmpty() ? "#" : "# " + line).append('\n'));
        return out.toString();
    }

    /** Escapes {@code <} and {@code >} outside code spans, so Markdown does not take them for HTML. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder();
        boolean code = false;
        for (char c : text.toCharArray()) {
            if (c == '`') {
                code = !code;
            }
            out.append(!code && c == '<' ? "&lt;" : !code && c == '>' ? "&gt;" : String.valueOf(c));
        }
        return out.toString();
    }
}
