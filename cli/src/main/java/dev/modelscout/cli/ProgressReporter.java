package dev.modelscout.cli;

import dev.modelscout.core.Shown;
import dev.modelscout.engine.ExtractionListener;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A feature-extraction job on the console: on a terminal one bar for the whole job ("backbone 7/20", images, speed,
 * ETA), wiped when the job is done; in a log (stderr not a terminal) at most one line per extracted backbone. With
 * {@code -v}, detail too: cache hits, and in a log the start and every tenth of each backbone. Every message is said
 * once per run: the same unreadable images heard from each backbone of a job, the same decoder warning, print once.
 * Safe to call from two threads (the extraction runs on a worker thread while the caller scores and warns): each
 * call holds the reporter.
 */
final class ProgressReporter implements ExtractionListener {

    /** How many unreadable images a warning names without {@code -v}. */
    static final int SKIPPED_SHOWN = 3;

    private final PrintWriter err;
    private final boolean bars;
    private final boolean verbose;
    private final Set<String> said = new HashSet<>();
    private final Set<String> skippedSaid = new HashSet<>();
    private final ConsoleBar console;
    private int models;
    private int imagesEach;
    private int begun;
    private boolean jobBar;
    private long jobStart;
    private long jobDone;
    private String model;
    private String label;
    private int total;
    private int done;
    private int lastDecile;
    private long startNanos;

    /**
     * @param err     where lines go (the command's error writer)
     * @param bars    draw a bar on the process's stderr (a terminal) instead of writing lines
     * @param verbose also say the detail ({@code -v})
     */
    ProgressReporter(PrintWriter err, boolean bars, boolean verbose) {
        this.err = err;
        this.console = new ConsoleBar(err);
        this.bars = bars;
        this.verbose = verbose;
    }

    /**
     * The reporter of a command: bars when its error writer is the process's stderr ({@link ShownErr}: not a test's
     * writer, not {@code --quiet}'s) and that is a terminal ({@link Terminal}); detail with {@code -v}.
     */
    static ProgressReporter forConsole(CommandSpec spec) {
        PrintWriter err = spec.commandLine().getErr();
        return new ProgressReporter(err, err instanceof ShownErr && Terminal.barsOnStderr(),
                GlobalOptions.of(spec).verbose());
    }

    @Override
    public synchronized void planned(int models, int images) {
        this.models = models;
        this.imagesEach = images;
        this.begun = 0;
        if (bars && models > 0) {
            jobStart = System.nanoTime();
            jobDone = 0;
            openBar("backbone 0/" + models, models * (long) images, "");
            jobBar = true;
        }
    }

    @Override
    public synchronized void cached(String modelId, Path dir) {
        boolean inJob = inJob();
        begun++;
        if (verbose) {
            say("model " + modelId + ": features cached in " + dir + " are up to date; not extracting again");
        }
        if (console.bar() != null && jobBar && inJob) {
            jobDone += imagesEach;
            nextBackbone(modelId + " (cached)");
            closeJobIfDone();
        }
    }

    @Override
    public synchronized void started(String modelId, int images) {
        boolean inJob = inJob();
        if (inJob) {
            begun++;
        }
        model = modelId;
        label = inJob ? position(modelId) : modelId;
        total = images;
        done = 0;
        lastDecile = 0;
        startNanos = System.nanoTime();
        if (bars) {
            if (console.bar() != null && jobBar && inJob) {
                nextBackbone(modelId);
            } else {
                closeBar();
                openBar("features", images, modelId); // one backbone outside a planned job (a fine-tune's, a probe)
                jobBar = false;
            }
        } else if (verbose) {
            err.println(label + ": extracting features of " + images + " images");
            err.flush();
        }
    }

    @Override
    public synchronized void advanced(int images) {
        done += images;
        ProgressBar bar = console.bar();
        if (bar != null) {
            if (jobBar) {
                jobDone += images;
            }
            bar.stepBy(images);
            return;
        }
        if (!verbose || bars) {
            return;
        }
        int decile = total == 0 ? 10 : (int) (10L * done / total);
        if (decile > lastDecile && done < total) {
            lastDecile = decile;
            double s = (System.nanoTime() - startNanos) / 1e9;
            err.printf(Locale.ROOT, "%s: %d/%d images (%d%%, %.1f images/s)%n", label, done, total, 100L * done / total,
                    done / s);
            err.flush();
        }
    }

    @Override
    public synchronized void finished(String modelId) {
        double s = (System.nanoTime() - startNanos) / 1e9;
        if (bars) {
            if (jobBar) {
                closeJobIfDone();
            } else {
                closeBar();
            }
            return;
        }
        err.printf(Locale.ROOT, "%s: features of %d images in %.1f s (%.0f images/s)%n", label, done, s,
                s > 0 ? done / s : 0.0);
        err.flush();
    }

    /** Each distinct message once per run, above the bar when one is drawn. */
    @Override
    public synchronized void warn(String message) {
        if (said.add(message)) {
            say(message);
        }
    }

    /**
     * Unreadable images, once per run: every backbone of a job hears the same files, and only files not said before
     * are said; without {@code -v} the first {@value #SKIPPED_SHOWN} are named.
     */
    @Override
    public synchronized void skipped(String modelId, List<String> files) {
        List<String> fresh = files.stream().filter(skippedSaid::add).toList();
        if (fresh.isEmpty()) {
            return;
        }
        say(skippedLine(fresh, verbose));
    }

    /** "warning: skipped 5 unreadable image(s): a.png: why; b.png: why; c.png: why; and 2 more (-v names them)". */
    static String skippedLine(List<String> files, boolean all) {
        int shown = all ? files.size() : Math.min(SKIPPED_SHOWN, files.size());
        String more = shown < files.size() ? "; and " + (files.size() - shown) + " more (-v names them)" : "";
        return "warning: skipped " + files.size() + " unreadable image(s): " + String.join("; ", files.subList(0, shown))
                + more;
    }

    /** Whether a backbone now beginning belongs to the planned job (not one after it, as a probe's). */
    private boolean inJob() {
        return models > 0 && begun < models;
    }

    /** "backbone 7/20 mobilenet-s-emoji". */
    private String position(String modelId) {
        return "backbone " + begun + "/" + models + " " + modelId;
    }

    /**
     * The job's bar, redrawn for the next backbone: its position first ("backbone 7/20", so a narrow terminal
     * clips the model's name, not the count), the images done so far in the job and the time since it began (so
     * the ETA is the job's), the model's name last.
     */
    private void nextBackbone(String what) {
        long max = models * (long) imagesEach;
        java.time.Duration elapsed = java.time.Duration.ofNanos(System.nanoTime() - jobStart);
        console.open(builder("backbone " + begun + "/" + models, max).startsFrom(jobDone, elapsed)).setExtraMessage(what);
    }

    private void openBar(String task, long max, String message) {
        console.open(builder(task, max)).setExtraMessage(message);
    }

    private ProgressBarBuilder builder(String task, long max) {
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setUnit(" img", 1)
                .setStyle(ProgressBarStyle.ASCII);
    }

    private void closeJobIfDone() {
        if (begun >= models) {
            closeBar();
            jobBar = false;
        }
    }

    private void closeBar() {
        console.close();
    }

    /** A line on a clean line: the bar's line is wiped first, and redrawn at its next tick. */
    private void say(String message) {
        console.say(message);
    }

    /**
     * Progress lines of a long step (e.g. {@code train}'s inner fits) on {@code err}, at most one every
     * {@code everyMillis} ms (the latest); the first line is printed at once. Safe to call from several threads.
     */
    static java.util.function.Consumer<String> throttled(PrintWriter err, long everyMillis) {
        long[] last = {Long.MIN_VALUE};
        return l -> {
            synchronized (last) {
                long now = System.nanoTime() / 1_000_000;
                if (last[0] != Long.MIN_VALUE && now - last[0] < everyMillis) {
                    return;
                }
                last[0] = now;
                err.println(Shown.line(l));
                err.flush();
            }
        };
    }
}
