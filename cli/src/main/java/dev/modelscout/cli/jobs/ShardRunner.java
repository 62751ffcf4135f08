package dev.modelscout.cli.jobs;

import dev.modelscout.core.ModelScoutException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs the cells of one shard of a plan, in order: for each, unless its result says it is done, take its lock,
 * write its marker, check that its dataset and model are those planned, compute it with the {@link CellRunner}
 * of its kind, write its result atomically, remove the marker. So a rerun skips finished cells, a killed task
 * loses at most the cell it was on (its marker stays; no result file, or only a whole one, exists), and two
 * tasks never compute one cell at once. A failed cell is recorded with its one-line error and the shard goes on;
 * failed cells are computed again on the next run unless told otherwise.
 */
public final class ShardRunner {

    /** How often a running cell's marker is touched (for file systems without locks, see {@link PlanStatus}). */
    static final Duration HEARTBEAT = Duration.ofSeconds(30);

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

    private final JobPlan plan;
    private final Map<TaskKind, CellRunner> runners;
    private final Fingerprints fingerprints;
    private final Map<String, String> env;
    private final Consumer<String> log;
    private final boolean verbose;
    private final Object current = new Object();
    private Cell running;
    private Map<String, Object> runningMarker;

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
    }

    /** Runs shard {@code shard} (0-based) of {@code of}; {@code retryFailed}: compute failed cells again. */
    public Summary run(int shard, int of, boolean retryFailed) {
        List<Cell> cells = Sharding.cells(plan.cells(), shard, of);
        log.accept("plan " + plan.dir() + ": shard " + shard + " of " + of + ": " + cells.size() + " cell"
                + (cells.size() == 1 ? "" : "s") + " (" + cells.get(0).id()
                + (cells.size() > 1 ? " .. " + cells.get(cells.size() - 1).id() : "") + ")");
        Thread hook = new Thread(this::stopped, "modelscout-jobs-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        Thread heartbeat = heartbeat();
        int computed = 0;
        int failed = 0;
        int done = 0;
        int skipped = 0;
        try {
            for (Cell cell : cells) {
                ResultFiles.Read before = ResultFiles.read(plan, cell);
                if (before instanceof ResultFiles.Valid v && v.result().done()) {
                    done++;
                    log.accept(cell.id() + ": done earlier; skipped");
                    continue;
                }
                if (before instanceof ResultFiles.Valid v && !retryFailed) {
                    skipped++;
                    log.accept(cell.id() + ": failed earlier (" + v.result().error() + "); skipped (--skip-failed)");
                    continue;
                }
                if (before instanceof ResultFiles.Unreadable u) {
                    log.accept(cell.id() + ": " + u.reason() + "; not a finished result, computing the cell again");
                }
                Optional<CellLock> lock = CellLock.tryAcquire(ResultFiles.lockFile(plan, cell), Duration.ofSeconds(2));
                if (lock.isEmpty()) {
                    skipped++;
                    log.accept(cell.id() + ": being computed by another task (its lock is held); skipped");
                    continue;
                }
                try (CellLock held = lock.get()) {
                    if (ResultFiles.read(plan, cell) instanceof ResultFiles.Valid v && v.result().done()) {
                        done++;
                        log.accept(cell.id() + ": done by another task meanwhile; skipped");
                        continue;
                    }
                    CellResult r = compute(cell);
                    computed++;
                    if (!r.done()) {
                        failed++;
                    }
                }
            }
        } finally {
            heartbeat.interrupt();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down; the hook runs
            }
        }
        Summary s = new Summary(cells.size(), computed, failed, done, skipped);
        log.accept("shard " + shard + " of " + of + ": " + computed + " computed (" + failed + " failed), " + done
                + " done earlier, " + skipped + " skipped");
        return s;
    }

    private CellResult compute(Cell cell) {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        String host = TaskIdentity.host();
        long pid = ProcessHandle.current().pid();
        Map<String, String> launch = TaskIdentity.launch(env);
        Map<String, Object> marker = new LinkedHashMap<>();
        marker.put("cell", cell.index());
        marker.put("id", cell.id());
        marker.put("host", host);
        marker.put("pid", pid);
        marker.put("launch", launch);
        marker.put("started", time(started));
        synchronized (current) {
            ResultFiles.writeMarker(plan, cell, marker);
            running = cell;
            runningMarker = marker;
        }
        log.accept(cell.id() + ": " + cell.task().id() + " " + cell.model() + " on " + cell.dataset());
        String source = "jobs:" + plan.dir().getFileName() + "/" + cell.id();
        String datasetPrint = null;
        String modelPrint = null;
        CellResult r;
        try {
            PlanDataset dataset = plan.dataset(cell.dataset());
            Path images = plan.resolve(dataset.path());
            datasetPrint = fingerprints.datasetFingerprint(images);
            if (!datasetPrint.equals(dataset.fingerprint())) {
                throw new JobsException("dataset " + dataset.id() + " (" + images + ") changed since planning (an image "
                        + "was added, removed, moved or modified); make a new plan");
            }
            modelPrint = fingerprints.modelFingerprint(plan.zooPath(), cell.model());
            if (!modelPrint.equals(plan.model(cell.model()).fingerprint())) {
                throw new JobsException("model " + cell.model() + " of " + plan.zooPath() + " changed since planning "
                        + "(its catalog entry or weights); make a new plan");
            }
            CellRunner runner = runners.get(cell.task());
            if (runner == null) {
                throw new JobsException(cell.task().id() + " cells cannot run here: no runner for them");
            }
            CellOutcome o = runner.run(cell, new CellInputs(plan.zooPath(), images, dataset,
                    plan.cacheDir(dataset.id()), source));
            Map<String, Double> timings = new LinkedHashMap<>(o.timings());
            timings.put("total_s", seconds(t0));
            r = new CellResult(plan.planId(), cell.index(), cell.id(), cell.dataset(), cell.model(), cell.task(),
                    CellResult.Status.DONE, null, o.scores(), o.accuracy(), HistoryRow.cells(o.row(), source), timings,
                    o.device(), host, pid, launch, time(started), time(Instant.now()), datasetPrint, modelPrint,
                    PlanJson.JSON.valueToTree(o.details()));
            log.accept(cell.id() + ": done in " + String.format(java.util.Locale.ROOT, "%.1f s", seconds(t0)));
        } catch (ModelScoutException e) {
            r = failed(cell, oneLine(e.getMessage()), t0, started, host, pid, launch, datasetPrint, modelPrint);
        } catch (OutOfMemoryError e) {
            r = failed(cell, "out of memory (" + oneLine(e.getMessage()) + "): give the JVM more heap "
                    + "(-Xmx in MODELSCOUT_JAVA_OPTS) and the task more memory (--mem)", t0, started, host, pid, launch,
                    datasetPrint, modelPrint);
        } catch (RuntimeException e) {
            if (verbose) {
                StringWriter sw = new StringWriter();
                e.printStackTrace(new PrintWriter(sw));
                log.accept(sw.toString().strip());
            }
            r = failed(cell, "internal error: " + e.getClass().getSimpleName() + ": " + oneLine(e.getMessage()), t0,
                    started, host, pid, launch, datasetPrint, modelPrint);
        }
        ResultFiles.write(plan, cell, r);
        synchronized (current) {
            running = null;
            runningMarker = null;
            ResultFiles.deleteMarker(plan, cell);
        }
        return r;
    }

    private CellResult failed(Cell cell, String error, long t0, Instant started, String host, long pid,
            Map<String, String> launch, String datasetPrint, String modelPrint) {
        log.accept(cell.id() + ": failed: " + error);
        return new CellResult(plan.planId(), cell.index(), cell.id(), cell.dataset(), cell.model(), cell.task(),
                CellResult.Status.FAILED, error, Map.of(), Double.NaN, Map.of(), Map.of("total_s", seconds(t0)), null,
                host, pid, launch, time(started), time(Instant.now()), datasetPrint, modelPrint,
                PlanJson.JSON.createObjectNode());
    }

    /** The shutdown hook: a task stopped by a signal (scancel, a time limit) says which cell it leaves unfinished. */
    private void stopped() {
        synchronized (current) {
            if (running == null) {
                return;
            }
            Map<String, Object> m = new LinkedHashMap<>(runningMarker);
            m.put("stopped", time(Instant.now()));
            m.put("reason", "the process was stopped (a signal: scancel, a time limit, Ctrl-C) while computing the cell");
            try {
                ResultFiles.writeMarker(plan, running, m);
            } catch (RuntimeException e) {
                // the marker of the start stays; status reports the cell as interrupted either way
            }
            log.accept(running.id() + ": stopped before it finished; the next run of its shard computes it again");
        }
    }

    private Thread heartbeat() {
        Thread t = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(HEARTBEAT.toMillis());
                    synchronized (current) {
                        if (running != null) {
                            try {
                                Files.setLastModifiedTime(ResultFiles.marker(plan, running), FileTime.from(Instant.now()));
                            } catch (IOException e) {
                                // a missed beat only matters where the file system has no locks
                            }
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "modelscout-jobs-heartbeat");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static double seconds(long t0) {
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
