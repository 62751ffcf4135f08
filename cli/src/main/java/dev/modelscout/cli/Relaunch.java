package dev.modelscout.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How to start this modelscout again, for work it hands to child processes ({@code select --parallel}'s
 * fine-tunes): the launcher it was started by ({@code bin/modelscout}, which sets {@code modelscout.home}), else
 * this JVM's java with its class path and the launcher's offline switches (a development run, the tests).
 */
final class Relaunch {

    /** The main class, as the launcher script names it. */
    static final String MAIN = "dev.modelscout.cli.Main";

    private Relaunch() {
    }

    static List<String> command() {
        String home = System.getProperty("modelscout.home");
        if (home != null) {
            Path bin = Path.of(home, "bin", "modelscout");
            if (Files.isExecutable(bin)) {
                return List.of(bin.toString());
            }
        }
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Dai.djl.offline=true",
                "-DOPT_OUT_TRACKING=true", "-cp", System.getProperty("java.class.path"), MAIN);
    }
}
