package dev.modelscout.workflow.cluster;

import dev.modelscout.recommender.HistorySchema;
import dev.modelscout.recommender.Job;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A separate JVM for kill tests: runs shard {@code args[1]} of {@code args[2]} of the plan {@code args[0]} with a
 * fake runner that, on cell {@code args[3]}, prints "computing ID" and then computes for a minute (until killed).
 * With {@code args[4] = staged} the runner is a {@link StagedCellRunner} whose cells overlap, and it prints
 * "computing ID" once the next cell's first step is done as well (two cells in flight).
 */
public final class ShardProcess {

    private ShardProcess() {
    }

    public static void main(String[] args) {
        JobPlan plan = PlanFiles.read(Path.of(args[0]));
        CellRunner runner = args.length > 4 && args[4].equals("staged") ? staged(plan, args[3]) : (cell, in) -> {
            if (cell.id().equals(args[3])) {
                System.out.println("computing " + cell.id());
                System.out.flush();
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            double v = cell.index() + 0.5;
            Job row = new Job(in.source(), cell.index() + 1, cell.dataset(), cell.model(), Double.NaN, Map.of(),
                    Map.of(HistorySchema.scoreColumn("logme"), v));
            return new CellOutcome(Map.of("logme", v), Double.NaN, row, Map.of(), "cpu", Map.of());
        };
        new ShardRunner(plan, Map.of(TaskKind.SCORE, runner), new Fingerprints(), Map.of("SLURM_ARRAY_JOB_ID", "9",
                "SLURM_ARRAY_TASK_ID", args[1]), line -> { }, false).run(Integer.parseInt(args[1]), Integer.parseInt(args[2]), true);
    }

    private static StagedCellRunner<String> staged(JobPlan plan, String blockCell) {
        java.util.concurrent.CountDownLatch nextPrepared = new java.util.concurrent.CountDownLatch(1);
        List<String> ids = plan.cells().stream().map(Cell::id).toList();
        String next = ids.get(ids.indexOf(blockCell) + 1);
        return new StagedCellRunner<>() {
            @Override
            public String prepare(Cell cell, CellInputs in) {
                if (cell.id().equals(next)) {
                    nextPrepared.countDown();
                }
                return cell.id();
            }

            @Override
            public CellOutcome finish(Cell cell, CellInputs in, String prepared) {
                if (cell.id().equals(blockCell)) {
                    try {
                        nextPrepared.await();
                        System.out.println("computing " + cell.id());
                        System.out.flush();
                        Thread.sleep(60_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                Job row = new Job(in.source(), cell.index() + 1, cell.dataset(), cell.model(), Double.NaN, Map.of(),
                        Map.of(HistorySchema.scoreColumn("logme"), cell.index() + 0.5));
                return new CellOutcome(Map.of("logme", cell.index() + 0.5), Double.NaN, row, Map.of(), "cpu", Map.of());
            }
        };
    }

    /** Starts the process and returns once it computes {@code blockCell}. */
    static Process start(JobPlan plan, int shard, int of, String blockCell) throws Exception {
        return start(plan, shard, of, blockCell, "plain");
    }

    /** As {@link #start(JobPlan, int, int, String)}, with a {@code plain} or {@code staged} runner. */
    static Process start(JobPlan plan, int shard, int of, String blockCell, String runner) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), ShardProcess.class.getName(), plan.dir().toString(),
                Integer.toString(shard), Integer.toString(of), blockCell, runner).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.equals("computing " + blockCell)) {
                return p;
            }
        }
        throw new IllegalStateException("shard process ended before computing " + blockCell + " (exit " + p.waitFor() + ")");
    }
}
