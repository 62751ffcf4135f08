package dev.modelscout.workflow.cluster;

import dev.modelscout.workflow.overlap.Prefetcher;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs the cells of one shard of a plan, in order: for each, unless its result says it is done, take its lock,
 * write its marker, check that its dataset and model are those planned, compute it with the {@link CellRunner}
 * of its kind, write its result atomically, remove the marker. So a rerun skips finished cells, a killed task
 * loses at most the cells it was on (their markers stay; no result file, or only a whole one, exists), and two
 * tasks never compute one cell at once. A failed cell is recorded with its one-line error and the shard goes on;
 * failed cells are computed again on the next run unless told otherwise.
 *
 * <p>Cells of a {@link StagedCellRunner} (score cells) overlap: once a cell's features are ready, the next cell is
 * claimed (lock, re-check, marker, input checks, as above) and its features are made on a worker thread
 * ({@link Prefetcher}) while the current cell is scored. So at most two cells are in flight; a failure of the next
 * cell's features is recorded as that cell's, after the current cell's result was written; and if the shard stops
 * on an error, the cell ahead is stopped and its lock released. The runner says whether its cells overlap
 * ({@link StagedCellRunner#overlap}).
 */
public final class ShardRunner {

    /** How often a running cell's marker is touched (for file systems without locks, see {@link PlanStatus}). */
    static final Duration HEARTBEAT = Duration.ofSeconds(30);

    /** The name of the thread that prepares the next cell. */
    static final String PREFETCH_THREAD = "modelscout-cell-features";

    /**
     * What one run did.
     *
     * @param cells       cells in the shard
     * @param computed    cells computed now (failed ones included)
     * @param failed      of those, the ones that failed
     * @param alreadyDone cells skipped because their result says done
     * @param skipped     cells skipped because another task holds them, or failed ones not retried
     */
    public record Summary(int cells, int computed, int failed, int alreadyDone, int skipped) {
    }

    /** Counts of one run, as it goes. */
    private static final class Tally {
        int computed;
        int failed;
        int done;
        int skipped;
    }

    private final JobPlan plan;
    private final Map<TaskKind, CellRunner> runners;
    private final Fingerprints fingerprints;
    private final Map<String, String> env;
    private final Consumer<String> log;
    private final boolean verbose;
    private final RunningCells running;

    /**
     * @param runners one per kind of cell the plan holds
     * @param env     the environment (for the Slurm and Kubernetes ids recorded with each cell)
     * @param log     progress lines
     * @param verbose add stack traces of internal errors to the log
     */
    public ShardRunner(JobPlan plan, Map<TaskKind, CellRunner> runners, Fingerprints fingerprints,
            Map<String, String> env, Consumer<String> log, boolean verbose) {
        this.plan = plan;
        this.runners = Map.copyOf(runners);
        this.fingerprints = fingerprints;
        this.env = Map.copyOf(env);
        this.log = log;
        this.verbose = verbose;
        this.running = new RunningCells(plan);
    }

    /** Runs shard {@code shard} (0-based) of {@code of}; {@code retryFailed}: compute failed cells again. */
    public Summary run(int shard, int of, boolean retryFailed) {
        List<Cell> cells = Sharding.cells(plan.cells(), shard, of);
        log.accept("plan " + plan.dir() + ": shard " + shard + " of " + of + ": " + cells.size() + " cell"
                + (cells.size() == 1 ? "" : "s") + " (" + cells.get(0).id()
                + (cells.size() > 1 ? " .. " + cells.get(cells.size() - 1).id() : "") + ")");
        Thread hook = new Thread(() -> running.stopped(log), "modelscout-jobs-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        Thread heartbeat = heartbeat();
        Tally t = new Tally();
        boolean possible = cells.size() > 1
                && cells.stream().allMatch(c -> runners.get(c.task()) instanceof StagedCellRunner);
        boolean overlap = possible;
        for (CellRunner r : cells.stream().map(c -> runners.get(c.task())).distinct().toList()) {
            if (r instanceof StagedCellRunner<?> staged) {
                overlap = staged.overlap(possible) && overlap;
            }
        }
        List<CellRun> open = new ArrayList<>();
        try (Prefetcher ahead = overlap ? new Prefetcher(PREFETCH_THREAD) : null) {
            Iterator<Cell> it = cells.iterator();
            CellRun cur = claimNext(it, retryFailed, t, ahead, open);
            while (cur != null) {
                cur.ready();
                CellRun next = null;
                RuntimeException claimFailure = null;
                if (ahead != null) {
                    try {
                        next = claimNext(it, retryFailed, t, ahead, open);
                    } catch (RuntimeException e) {
                        claimFailure = e;
                    }
                }
                CellResult r = cur.finish(log, verbose);
                open.remove(cur);
                t.computed++;
                t.failed += r.done() ? 0 : 1;
                if (claimFailure != null) {
                    throw claimFailure;
                }
                cur = ahead != null ? next : claimNext(it, retryFailed, t, null, open);
            }
        } finally {
            for (CellRun f : open) {
                f.abandon();
            }
            cells.stream().map(c -> runners.get(c.task())).distinct().forEach(CellRunner::shardDone);
            heartbeat.interrupt();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down; the hook runs
            }
        }
        Summary s = new Summary(cells.size(), t.computed, t.failed, t.done, t.skipped);
        log.accept("shard " + shard + " of " + of + ": " + t.computed + " computed (" + t.failed + " failed), " + t.done
                + " done earlier, " + t.skipped + " skipped");
        return s;
    }

    /**
     * The next cell of {@code it} to compute, claimed (lock held, added to {@code open}) and begun; or null when
     * none is left. Cells done, failed and not retried, or locked by another task are skipped and counted.
     */
    private CellRun claimNext(Iterator<Cell> it, boolean retryFailed, Tally t, Prefetcher ahead, List<CellRun> open) {
        while (it.hasNext()) {
            Cell cell = it.next();
            ResultFiles.Read before = ResultFiles.read(plan, cell);
            if (before instanceof ResultFiles.Valid v && v.result().done()) {
                t.done++;
                log.accept(cell.id() + ": done earlier; skipped");
                continue;
            }
            if (before instanceof ResultFiles.Valid v && !retryFailed) {
                t.skipped++;
                log.accept(cell.id() + ": failed earlier (" + v.result().error() + "); skipped (--skip-failed)");
                continue;
            }
            if (before instanceof ResultFiles.Unreadable u) {
                log.accept(cell.id() + ": " + u.reason() + "; not a finished result, computing the cell again");
            }
            Optional<CellLock> lock = CellLock.tryAcquire(ResultFiles.lockFile(plan, cell), Duration.ofSeconds(2));
            if (lock.isEmpty()) {
                t.skipped++;
                log.accept(cell.id() + ": being computed by another task (its lock is held); skipped");
                continue;
            }
            CellRun f = new CellRun(plan, cell, lock.get(), running, TaskIdentity.launch(env));
            open.add(f);
            if (ResultFiles.read(plan, cell) instanceof ResultFiles.Valid v && v.result().done()) {
                t.done++;
                log.accept(cell.id() + ": done by another task meanwhile; skipped");
                open.remove(f);
                f.abandon();
                continue;
            }
            f.begin(fingerprints, runners, ahead, log);
            return f;
        }
        return null;
    }

    private Thread heartbeat() {
        Thread t = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(HEARTBEAT.toMillis());
                    running.touch();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "modelscout-jobs-heartbeat");
        t.setDaemon(true);
        t.start();
        return t;
    }

    static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    static String time(Instant t) {
        return t.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    static String oneLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        String s = message.strip();
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
