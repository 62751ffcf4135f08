package dev.modelscout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The command line's own layering, read from its sources (the build's enforcer rule sees modules, not classes):
 * nothing but the launchers name {@code Main} (the command's own, and {@link DistFiles}, the build's, which writes the
 * man pages and the completion script from it), and no command reaches into another command (a parent command
 * only lists its subcommands' classes). Defaults and helpers two commands share live with the thing they describe
 * (a module below, or the console helpers here).
 */
class CliLayeringTest {

    private static final Path SOURCES = Path.of("src", "main", "java", "dev", "modelscout", "cli");
    private static final Pattern MAIN = Pattern.compile("\\bMain\\b");
    private static final java.util.Set<String> LAUNCHERS = java.util.Set.of("Main.java", "DistFiles.java");
    private static final Pattern COMMAND_MEMBER = Pattern.compile("\\b(\\w+Command)\\.(?!class\\b)(\\w+)");

    @Test
    void onlyTheLauncherNamesMain() throws IOException {
        Map<String, String> code = sources();
        List<String> offenders = new ArrayList<>();
        code.forEach((name, text) -> {
            if (!LAUNCHERS.contains(name) && MAIN.matcher(text).find()) {
                offenders.add(name);
            }
        });
        assertTrue(code.containsKey("Main.java"), "no sources under " + SOURCES.toAbsolutePath());
        assertEquals(List.of(), offenders, "files below Main that name it");
    }

    @Test
    void noCommandCallsAnotherCommand() throws IOException {
        List<String> calls = new ArrayList<>();
        sources().forEach((name, text) -> {
            String self = name.substring(0, name.length() - ".java".length());
            Matcher m = COMMAND_MEMBER.matcher(text);
            while (m.find()) {
                if (!m.group(1).equals(self)) {
                    calls.add(name + " -> " + m.group(1) + "." + m.group(2));
                }
            }
        });
        assertEquals(List.of(), calls, "commands reaching into other commands");
    }

    /** Each main source of the cli package, by file name, without comments (a Javadoc may name anything). */
    private static Map<String, String> sources() throws IOException {
        Map<String, String> code = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = Files.readString(f).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "");
                code.put(f.getFileName().toString(), text);
            }
        }
        return code;
    }
}
