package dev.modelscout.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;
import picocli.CommandLine;

/**
 * The error writer under {@code -q/--quiet}: every note, warning, progress line and "wrote" line is dropped, and
 * only errors get through ({@link #errors}: what {@link ErrorHandler} prints). Set on each command line of the
 * parsed chain before the command runs, so a command prints as it always does and needs no test of its own.
 */
final class QuietErr extends PrintWriter {

    private final PrintWriter errors;

    private QuietErr(PrintWriter errors) {
        super(Writer.nullWriter());
        this.errors = errors;
    }

    /** With {@code --quiet}, the error writers of {@code chain} (the parsed command lines) become quiet. */
    static void applyTo(List<CommandLine> chain, boolean quiet) {
        if (!quiet) {
            return;
        }
        for (CommandLine c : chain) {
            if (!(c.getErr() instanceof QuietErr)) {
                c.setErr(new QuietErr(c.getErr()));
            }
        }
    }

    /** Where an error goes: the writer under a quiet one, else {@code err} itself. */
    static PrintWriter errors(PrintWriter err) {
        return err instanceof QuietErr q ? q.errors : err;
    }
}
