package dev.modelscout.workflow.cluster;

import dev.modelscout.core.ModelScoutException;
import dev.modelscout.recommender.HistoryCsv;
import dev.modelscout.recommender.HistorySchema;
import dev.modelscout.recommender.Job;
import dev.modelscout.workflow.overlap.Prefetcher;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One cell a {@link ShardRunner} has claimed (its lock is held), from its marker to its result. {@link #begin}
 * writes the marker, checks the cell's dataset and model against the plan and sets up its work: on the shard's
 * thread, or for a {@link StagedCellRunner} with its first step started ahead on a {@link Prefetcher};
 * {@link #ready} takes what was prepared; {@link #finish} computes the rest, writes the result atomically, removes
 * the marker and releases the lock. A failure anywhere becomes the cell's recorded one-line error. A cell the shard
 * leaves unfinished is {@link #abandon}ed.
 */
final class CellRun {

    private final JobPlan plan;
    private final Cell cell;
    private final CellLock lock;
    private final RunningCells running;
    private final Map<String, String> launch;
    private final Instant started = Instant.now();
    private final long t0 = System.nanoTime();
    private String datasetPrint;
    private String modelPrint;
    private Supplier<CellOutcome> work;
    private Prefetcher.Ahead<Supplier<CellOutcome>> ahead;

    CellRun(JobPlan plan, Cell cell, CellLock lock, RunningCells running, Map<String, String> launch) {
        this.plan = plan;
        this.cell = cell;
        this.lock = lock;
        this.running = running;
        this.launch = launch;
    }

    Cell cell() {
        return cell;
    }

    /** Takes what was prepared ahead, if anything; a failure there is this cell's, thrown by its work. */
    void ready() {
        if (ahead != null) {
            Prefetcher.Ahead<Supplier<CellOutcome>> a = ahead;
            ahead = null;
            try {
                work = a.take();
            } catch (RuntimeException | Error e) {
                work = () -> rethrow(e);
            }
        }
    }

    /**
     * Writes the cell's marker, checks its inputs against the plan and sets up its work: on this thread, or its
     * first step started on {@code ahead} (a {@link StagedCellRunner}); a failure becomes the cell's, thrown by
     * its work.
     */
    void begin(Fingerprints fingerprints, Map<TaskKind, CellRunner> runners, Prefetcher prefetcher,
            Consumer<String> log) {
        Map<String, Object> marker = new LinkedHashMap<>();
        marker.put("cell", cell.index());
        marker.put("id", cell.id());
        marker.put("host", TaskIdentity.host());
        marker.put("pid", ProcessHandle.current().pid());
        marker.put("launch", launch);
        marker.put("started", ShardRunner.time(started));
        running.begin(cell, marker);
        log.accept(cell.id() + ": " + cell.task().id() + " " + cell.model() + " on " + cell.dataset());
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
            CellInputs in = new CellInputs(plan.zooPath(), images, dataset, plan.cacheDir(dataset.id()),
                    "jobs:" + plan.dir().getFileName() + "/" + cell.id());
            work = () -> runner.run(cell, in);
            if (prefetcher != null && runner instanceof StagedCellRunner<?> staged) {
                ahead = prefetcher.start("the first step of cell " + cell.id(), stages(staged, cell, in));
            }
        } catch (RuntimeException e) {
            work = () -> {
                throw e;
            };
        }
    }

    private static <P> Supplier<Supplier<CellOutcome>> stages(StagedCellRunner<P> r, Cell cell, CellInputs in) {
        return () -> {
            P prepared = r.prepare(cell, in);
            return () -> r.finish(cell, in, prepared);
        };
    }

    /** Computes the rest of the begun cell, writes its result, removes its marker and releases its lock. */
    CellResult finish(Consumer<String> log, boolean verbose) {
        String host = TaskIdentity.host();
        long pid = ProcessHandle.current().pid();
        String source = "jobs:" + plan.dir().getFileName() + "/" + cell.id();
        CellResult r;
        try {
            CellOutcome o = work.get();
            Map<String, Double> timings = new LinkedHashMap<>(o.timings());
            timings.put("total_s", ShardRunner.seconds(t0));
            Job row = o.row().cell(HistorySchema.SOURCE).isEmpty() ? o.row().withCell(HistorySchema.SOURCE, source)
                    : o.row();
            r = new CellResult(plan.planId(), cell.index(), cell.id(), cell.dataset(), cell.model(), cell.task(),
                    CellResult.Status.DONE, null, o.scores(), o.accuracy(), HistoryCsv.cells(row), timings,
                    o.device(), host, pid, launch, ShardRunner.time(started), ShardRunner.time(Instant.now()), datasetPrint,
                    modelPrint, PlanJson.JSON.valueToTree(o.details()));
            log.accept(cell.id() + ": done in " + String.format(java.util.Locale.ROOT, "%.1f s", ShardRunner.seconds(t0)));
        } catch (ModelScoutException e) {
            r = failed(log, ShardRunner.oneLine(e.getMessage()));
        } catch (OutOfMemoryError e) {
            r = failed(log, "out of memory (" + ShardRunner.oneLine(e.getMessage()) + "): give the JVM more heap "
                    + "(-Xmx in MODELSCOUT_JAVA_OPTS) and the task more memory (--mem)");
        } catch (RuntimeException e) {
            if (verbose) {
                StringWriter sw = new StringWriter();
                e.printStackTrace(new PrintWriter(sw));
                log.accept(sw.toString().strip());
            }
            r = failed(log, "internal error: " + e.getClass().getSimpleName() + ": " + ShardRunner.oneLine(e.getMessage()));
        }
        ResultFiles.write(plan, cell, r);
        running.finished(cell);
        lock.close();
        return r;
    }

    /** Leaves the cell unfinished (the shard stops on an error): its lock released, its marker left (interrupted). */
    void abandon() {
        running.left(cell);
        lock.close();
    }

    private CellResult failed(Consumer<String> log, String error) {
        log.accept(cell.id() + ": failed: " + error);
        return new CellResult(plan.planId(), cell.index(), cell.id(), cell.dataset(), cell.model(), cell.task(),
                CellResult.Status.FAILED, error, Map.of(), Double.NaN, Map.of(), Map.of("total_s", ShardRunner.seconds(t0)), null,
                TaskIdentity.host(), ProcessHandle.current().pid(), launch, ShardRunner.time(started), ShardRunner.time(Instant.now()),
                datasetPrint, modelPrint, PlanJson.JSON.createObjectNode());
    }

    private static CellOutcome rethrow(Throwable e) {
        if (e instanceof RuntimeException r) {
            throw r;
        }
        if (e instanceof Error r) {
            throw r;
        }
        throw new IllegalStateException(e);
    }

}
