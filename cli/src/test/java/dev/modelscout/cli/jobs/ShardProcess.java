package dev.modelscout.cli.jobs;

import dev.modelscout.recommender.HistorySchema;
import dev.modelscout.recommender.Job;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.Map;

/**
 * A separate JVM for kill tests: runs shard {@code args[1]} of {@code args[2]} of the plan {@code args[0]} with a
 * fake runner that, on cell {@code args[3]}, prints "computing ID" and then computes for a minute (until killed).
 */
public final class ShardProcess {

    private ShardProcess() {
    }

    public static void main(String[] args) {
        JobPlan plan = PlanFiles.read(Path.of(args[0]));
        CellRunner runner = (cell, in) -> {
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

    /** Starts the process and returns once it computes {@code blockCell}. */
    static Process start(JobPlan plan, int shard, int of, String blockCell) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), ShardProcess.class.getName(), plan.dir().toString(),
                Integer.toString(shard), Integer.toString(of), blockCell).redirectErrorStream(true).start();
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
