package dev.modelscout.cli;

import java.io.PrintWriter;

/**
 * The one wording of a deprecated option's note: an old name still works, says once on stderr what it now means
 * and which name to write instead (as git, kubectl and gh do), and is hidden from the help.
 */
final class Deprecations {

    private Deprecations() {
    }

    /** "note: --seed is deprecated here; it is --fm-seed (the FM's initialisation seed), which to write instead". */
    static void note(PrintWriter err, String old, String now, String meaning) {
        err.println("note: " + old + " is deprecated; here it means " + now + " (" + meaning + "); write " + now
                + " instead");
        err.flush();
    }
}
