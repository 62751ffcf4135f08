package dev.modelscout.cli;

import dev.modelscout.engine.ExtractionListener;
import java.io.PrintStream;
import java.io.PrintWriter;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows extraction progress: a progress bar on stderr when it is a terminal, otherwise a plain line
 * every 10% (for logs). Warnings go to the command's error writer either way. Safe to call from two threads
 * (the extraction runs on a worker thread while the caller scores and warns): each call holds the reporter.
 */
final class ProgressReporter implements ExtractionListener {

    private final PrintWriter err;
    private final boolean terminal;
    private ProgressBar bar;
    private String model;
    private int total;
    private int done;
    private int lastDecile;
    private long startNanos;

    ProgressReporter(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    /** A terminal when the JVM has a console (stdin and stdout are both a tty). */
    static ProgressReporter forConsole(PrintWriter err) {
        return new ProgressReporter(err, System.console() != null);
    }

    @Override
    public synchronized void started(String modelId, int images) {
        model = modelId;
        total = images;
        done = 0;
        lastDecile = 0;
        startNanos = System.nanoTime();
        if (terminal) {
            bar = new ProgressBarBuilder().setTaskName(modelId).setInitialMax(images).setUnit(" img", 1)
                    .setStyle(ProgressBarStyle.ASCII).showSpeed()
                    .setConsumer(new ConsoleProgressBarConsumer(new PrintStream(System.err, true))).build();
        } else {
            err.println(modelId + ": extracting features of " + images + " images");
            err.flush();
        }
    }

    @Override
    public synchronized void advanced(int images) {
        done += images;
        if (bar != null) {
            bar.stepBy(images);
            return;
        }
        int decile = total == 0 ? 10 : (int) (10L * done / total);
        if (decile > lastDecile && done < total) {
            lastDecile = decile;
            double s = (System.nanoTime() - startNanos) / 1e9;
            err.printf("%s: %d/%d images (%d%%, %.1f images/s)%n", model, done, total, 100L * done / total, done / s);
            err.flush();
        }
    }

    @Override
    public synchronized void finished(String modelId) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        double s = (System.nanoTime() - startNanos) / 1e9;
        if (!terminal) {
            err.printf("%s: done, %d images in %.1f s%n", modelId, done, s);
            err.flush();
        }
    }

    @Override
    public synchronized void warn(String message) {
        if (bar != null) {
            bar.pause();
        }
        err.println(dev.modelscout.core.Shown.line(message));
        err.flush();
        if (bar != null) {
            bar.resume();
        }
    }

    /**
     * Progress lines of a long step (e.g. {@code train}'s inner fits) on {@code err}, at most one every
     * {@code everyMillis} ms (the latest); the first line is printed at once. Safe to call from several threads.
     */
    static java.util.function.Consumer<String> throttled(PrintWriter err, long everyMillis) {
        long[] last = {Long.MIN_VALUE};
        return line -> {
            synchronized (last) {
                long now = System.nanoTime() / 1_000_000;
                if (last[0] != Long.MIN_VALUE && now - last[0] < everyMillis) {
                    return;
                }
                last[0] = now;
                err.println(dev.modelscout.core.Shown.line(line));
                err.flush();
            }
        };
    }
}
