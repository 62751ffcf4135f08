package dev.modelscout.cli;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * The one wording every command uses for a file or folder it wrote: {@code wrote PATH}, or {@code wrote PATH (what)}
 * where the path alone does not say what it holds; on stderr with the other diagnostics (stdout carries results
 * only), so {@code --quiet} drops it.
 */
final class Wrote {

    private Wrote() {
    }

    /** "wrote PATH". */
    static void say(PrintWriter err, Path path) {
        err.println(line(path, null));
        err.flush();
    }

    /** "wrote PATH (what)". */
    static void say(PrintWriter err, Path path, String what) {
        err.println(line(path, what));
        err.flush();
    }

    static String line(Path path, String what) {
        return "wrote " + path + (what == null ? "" : " (" + what + ")");
    }
}
