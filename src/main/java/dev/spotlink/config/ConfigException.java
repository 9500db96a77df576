package dev.spotlink.config;

import java.nio.file.Path;
import java.util.List;

/**
 * The configuration cannot be used. Carries every problem found (never just the first) and the absolute path of
 * the config file, so one message tells the admin everything to fix. Messages never contain secret values.
 */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final Path configFile;
    private final List<String> problems;
    private final boolean fileMissing;
    private final boolean firstRun;

    ConfigException(Path configFile, List<String> problems, boolean fileMissing, boolean firstRun) {
        super(render(configFile, problems, fileMissing));
        this.configFile = configFile;
        this.problems = List.copyOf(problems);
        this.fileMissing = fileMissing;
        this.firstRun = firstRun;
    }

    /** Absolute, normalized path of the config file that was (or would have been) read. */
    public Path configFile() {
        return configFile;
    }

    /** One line per problem, each naming its key (and env variable when the value came from the environment). */
    public List<String> problems() {
        return problems;
    }

    public boolean fileMissing() {
        return fileMissing;
    }

    /**
     * True when the config file does not exist and no {@code SPOTLINK_*} variable set any key: nobody has
     * configured anything yet, so {@link #firstRunGuide()} helps more than the list of missing keys.
     */
    public boolean isFirstRun() {
        return firstRun;
    }

    /** The short plain-text set-up guide for {@link #isFirstRun() a first run}. */
    public String firstRunGuide() {
        return FirstRunGuide.text(configFile);
    }

    private static String render(Path configFile, List<String> problems, boolean fileMissing) {
        StringBuilder sb = new StringBuilder("Configuration problems in ").append(configFile).append(':');
        for (String problem : problems) {
            sb.append(System.lineSeparator()).append("  - ").append(problem);
        }
        if (fileMissing) {
            sb.append(System.lineSeparator())
                    .append("  (the file does not exist, so only SPOTLINK_* environment variables were read; ")
                    .append("see config.example.properties)");
        }
        return sb.toString();
    }
}
