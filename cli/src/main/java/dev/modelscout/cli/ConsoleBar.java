package dev.modelscout.cli;

import dev.modelscout.core.Shown;
import java.io.PrintWriter;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * At most one progress bar on the console at a time, drawn on the process's stderr ({@link BarLine}), and the
 * messages printed above it: a message wipes the bar's line first, and the bar is redrawn at its next tick. Shared by
 * the features job's progress ({@link ProgressReporter}) and a fine-tuning's ({@link FineTuneProgress}).
 */
final class ConsoleBar {

    private final PrintWriter err;
    private BarLine line;
    private ProgressBar bar;

    ConsoleBar(PrintWriter err) {
        this.err = err;
    }

    /** Closes the bar drawn now, if any, and draws the one {@code builder} makes. */
    ProgressBar open(ProgressBarBuilder builder) {
        close();
        line = new BarLine(System.err);
        bar = builder.setConsumer(line).build();
        return bar;
    }

    /** The bar drawn now, or null. */
    ProgressBar bar() {
        return bar;
    }

    /** Closes (and wipes) the bar drawn now, if any. */
    void close() {
        if (bar != null) {
            bar.close();
            bar = null;
            line = null;
        }
    }

    /** {@code message} on a clean line (escaped as every message is: {@link Shown#line}). */
    void say(String message) {
        if (line != null) {
            line.wipe();
        }
        err.println(Shown.line(message));
        err.flush();
    }
}
