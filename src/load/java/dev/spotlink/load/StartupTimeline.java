package dev.spotlink.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a start-up's time went, read off the bot's own log lines (logback's default pattern, local time): the
 * offset of each milestone from the process start.
 */
final class StartupTimeline {

    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    private static final Map<String, String> MILESTONES = new LinkedHashMap<>();

    static {
        MILESTONES.put("Opened database", "database open, migrated");
        MILESTONES.put("Callback server listening", "callback server listening");
        MILESTONES.put("Login Successful", "Discord login (REST)");
        MILESTONES.put("Discord transport started", "Discord transport started");
        MILESTONES.put("Finished Loading", "Discord gateway READY");
        MILESTONES.put("Telegram: polling", "Telegram polling");
    }

    private StartupTimeline() {
    }

    /** "database open, migrated 812 ms · callback server listening 1430 ms · ..." for the log of one run. */
    static String of(Path log, Instant processStart) {
        List<String> lines;
        try {
            lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> milestone : MILESTONES.entrySet()) {
            for (String line : lines) {
                if (line.contains(milestone.getKey()) && line.length() > 23) {
                    try {
                        Instant at = LocalDateTime.parse(line.substring(0, 23), LOG_TIME)
                                .atZone(ZoneId.systemDefault()).toInstant();
                        if (out.length() > 0) {
                            out.append(" · ");
                        }
                        out.append(milestone.getValue()).append(' ')
                                .append(at.toEpochMilli() - processStart.toEpochMilli()).append(" ms");
                    } catch (DateTimeParseException notALogLine) {
                        continue;
                    }
                    break;
                }
            }
        }
        return out.toString();
    }
}
