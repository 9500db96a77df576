package dev.spotlink.admin.setup;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the config file as plain key/value text and writes changed values back into it: the admin's comments,
 * order and other keys stay as they were. Writing is atomic (a temp file beside it, then a move) and the result
 * is readable by its owner only (POSIX mode 0600), since it holds the client secret and bot tokens.
 */
final class ConfigFile {

    /** {@code key = value} lines; continuation lines of a multi-line value are not expected in Spotlink's keys. */
    private static final Pattern ENTRY = Pattern.compile("^\\s*([^\\s#!=:][^=:\\s]*)\\s*[=:\\s]");

    private ConfigFile() {
    }

    /** The file's non-blank values; empty when the file does not exist. */
    static Map<String, String> read(Path file) throws IOException {
        if (Files.notExists(file)) {
            return Map.of();
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        Properties properties = new Properties();
        properties.load(new StringReader(text));
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : properties.stringPropertyNames()) {
            String value = properties.getProperty(key).strip();
            if (!value.isEmpty()) {
                values.put(key, value);
            }
        }
        return values;
    }

    /**
     * Sets each key of {@code changes} in {@code file}: a non-null value replaces the key's line (or is appended),
     * null removes the key. Other lines are kept byte for byte.
     */
    static void write(Path file, Map<String, String> changes) throws IOException {
        String before = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        Files.createDirectories(file.toAbsolutePath().getParent());
        writeAtomically(file, update(before, changes));
    }

    /** {@code text} with {@code changes} applied (see {@link #write}). */
    static String update(String text, Map<String, String> changes) {
        List<String> lines = new ArrayList<>(text.isEmpty() ? List.of() : List.of(text.split("\r?\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        Set<String> written = new HashSet<>();
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            Matcher m = ENTRY.matcher(line + " ");
            String key = m.find() ? m.group(1) : null;
            if (key == null || !changes.containsKey(key)) {
                out.add(line);
            } else if (changes.get(key) != null && written.add(key)) {
                out.add(key + "=" + escape(changes.get(key)));
            }
            // a key set twice keeps only its first place; a removed key loses every line
        }
        boolean header = false;
        for (Map.Entry<String, String> change : changes.entrySet()) {
            if (change.getValue() != null && !written.contains(change.getKey())) {
                if (!header) {
                    out.add("# written by the Spotlink set-up page");
                    header = true;
                }
                out.add(change.getKey() + "=" + escape(change.getValue()));
            }
        }
        return String.join("\n", out) + "\n";
    }

    /** Escapes a value the way {@link Properties#load} reads it back (leading blanks, backslashes, controls). */
    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\f' -> out.append("\\f");
                case ' ' -> out.append(i == 0 ? "\\ " : " ");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path temp;
        try {
            temp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            temp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp"); // not a POSIX file system
        }
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
