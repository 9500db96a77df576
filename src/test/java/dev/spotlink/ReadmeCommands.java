package dev.spotlink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The commands a user types from the README and the guides in {@code docs/}: every line of their {@code sh}
 * code blocks, with {@code \} continuations joined, comments and {@code export} lines dropped and {@code &&}
 * chains split, each as written there.
 */
final class ReadmeCommands {

    private static final Pattern SHELL_BLOCK = Pattern.compile("```(?:sh|bash|shell)\\n(.*?)```", Pattern.DOTALL);

    private ReadmeCommands() {
    }

    /** The commands of {@code README.md} and {@code docs/*.md} under {@code projectDir}, in order. */
    static List<String> all(Path projectDir) {
        List<Path> files = new ArrayList<>(List.of(projectDir.resolve("README.md")));
        try (Stream<Path> docs = Files.list(projectDir.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> commands = new ArrayList<>();
        for (Path file : files) {
            commands.addAll(of(read(file)));
        }
        return commands;
    }

    /** The commands of one Markdown text. */
    static List<String> of(String markdown) {
        List<String> commands = new ArrayList<>();
        Matcher block = SHELL_BLOCK.matcher(markdown);
        while (block.find()) {
            String joined = block.group(1).replaceAll("\\\\\\n\\s*", " ");
            for (String line : joined.split("\\n")) {
                String command = stripComment(line).strip().replaceAll("\\s+", " ");
                if (command.isEmpty() || command.startsWith("export ")) {
                    continue;
                }
                Arrays.stream(command.split(" && ")).map(String::strip).forEach(commands::add);
            }
        }
        return commands;
    }

    /** The first command that starts with {@code prefix}; fails when the docs have none. */
    static String starting(List<String> commands, String prefix) {
        return commands.stream().filter(c -> c.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no README command starts with `" + prefix + "`"));
    }

    /** A command's words (the docs' commands quote nothing that has spaces). */
    static List<String> words(String command) {
        return List.of(command.split(" "));
    }

    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        while (hash >= 0) {
            if (hash == 0 || Character.isWhitespace(line.charAt(hash - 1))) {
                return line.substring(0, hash);
            }
            hash = line.indexOf('#', hash + 1);
        }
        return line;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
