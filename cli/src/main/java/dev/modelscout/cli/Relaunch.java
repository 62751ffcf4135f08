package dev.modelscout.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How to start this modelscout again, for work it hands to child processes ({@code select --parallel}'s
 * fine-tunes): the launcher it was started by ({@code bin/modelscout}, which sets {@code modelscout.home}), else
 * this JVM's java with its class path, the launcher's offline switches and the entry point that built the command
 * line (a development run, the tests), which registers itself ({@link #entryPoint}).
 */
final class Relaunch {

    private static volatile String entryPoint;

    private Relaunch() {
    }

    /** The class whose {@code main} runs modelscout; told by that class when it builds the command line. */
    static void entryPoint(Class<?> main) {
        entryPoint = main.getName();
    }

    static List<String> command() {
        String home = System.getProperty("modelscout.home");
        if (home != null) {
            Path bin = Path.of(home, "bin", "modelscout");
            if (Files.isExecutable(bin)) {
                return List.of(bin.toString());
            }
        }
        if (entryPoint == null) {
            throw new IllegalStateException("no entry point registered to start modelscout again");
        }
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Dai.djl.offline=true",
                "-DOPT_OUT_TRACKING=true", "-cp", System.getProperty("java.class.path"), entryPoint);
    }
}
