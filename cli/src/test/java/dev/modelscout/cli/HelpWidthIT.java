package dev.modelscout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The installed command (the app folder the package step made, through its launcher) reads the help's width from
 * COLUMNS as other command-line tools do, keeps it within 120 columns, and prints no JVM warning around it.
 */
class HelpWidthIT {

    private static final Path LAUNCHER = Path.of("target", "modelscout", "bin", "modelscout");

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String columns, String... args) throws Exception {
        assertTrue(Files.isExecutable(LAUNCHER), LAUNCHER.toAbsolutePath() + " (built by the package step)");
        List<String> cmd = new ArrayList<>(List.of(LAUNCHER.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("COLUMNS", columns);
        pb.environment().put("MODELSCOUT_JAVA_OPTS", "-Xmx256m");
        File err = Files.createTempFile("help", ".err").toFile();
        pb.redirectError(err);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        String e = Files.readString(err.toPath());
        err.delete();
        return new Run(exit, out, e);
    }

    @Test
    void helpFillsTheColumnsGivenUpTo120() throws Exception {
        for (String[] c : new String[][] {{"100", "100"}, {"140", "120"}}) {
            for (String command : new String[] {"train", "recommend"}) {
                Run r = run(c[0], command, "--help");
                assertEquals(0, r.exit(), r.err());
                int longest = r.out().lines().mapToInt(String::length).max().orElse(0);
                int width = Integer.parseInt(c[1]);
                assertTrue(longest <= width && longest > width - 15,
                        command + " at COLUMNS=" + c[0] + ": longest line " + longest + "\n" + r.out());
                assertEquals("", r.err(), "stderr of " + command + " --help");
            }
        }
    }

    @Test
    void helpOfAnUnknownCommandFails() throws Exception {
        Run r = run("100", "NOSUCHCOMMAND", "--help");
        assertEquals(2, r.exit(), r.out());
        assertEquals("", r.out());
        assertTrue(r.err().contains("unknown command 'NOSUCHCOMMAND'"), r.err());
    }
}
