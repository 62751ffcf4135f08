package dev.modelscout.cli;

import dev.modelscout.core.InvalidOptionException;
import dev.modelscout.workflow.cluster.CellRunners;
import dev.modelscout.workflow.cluster.Fingerprints;
import dev.modelscout.workflow.cluster.JobPlan;
import dev.modelscout.workflow.cluster.JobsException;
import dev.modelscout.workflow.cluster.PlanFiles;
import dev.modelscout.workflow.cluster.SbatchScript;
import dev.modelscout.workflow.cluster.ShardRunner;
import dev.modelscout.workflow.cluster.TaskIdentity;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code modelscout jobs run}: computes the cells of one shard of a plan, skipping finished ones. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Compute the cells of shard I of N of a plan, in order: features (shared cache), then scores or "
                + "a fine-tuning run; each cell's result goes atomically to PLAN/results/CELL.json. Finished cells are "
                + "skipped, so a rerun resumes; a killed task loses at most the cell it was on.",
            "",
            "Without --shard the index comes from SLURM_ARRAY_TASK_ID (a Slurm array) or JOB_COMPLETION_INDEX (a "
                + "Kubernetes indexed Job). Exit 1 when a cell failed (the others still ran)."})
final class JobsRunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions globals;

    @Mixin
    DeviceOption device;

    @Mixin
    ScoringDeviceOption scoringDevice;

    @Option(names = "--plan", required = true, paramLabel = "PLAN", description = "The plan folder.")
    Path plan;

    @Option(names = "--shard", paramLabel = "I", description = "0-based shard index. Default: $SLURM_ARRAY_TASK_ID, else $JOB_COMPLETION_INDEX.")
    Integer shard;

    @Option(names = "--of", paramLabel = "N", description = "Number of shards the cells are cut into. Default: the plan's.")
    Integer of;

    @Option(names = "--skip-failed", description = "Leave cells that failed before as they are (default: compute them again).")
    boolean skipFailed;

    @Override
    public Integer call() {
        JobPlan p = PlanFiles.read(plan);
        Integer i = shard != null ? shard : TaskIdentity.shardFromEnvironment(System.getenv());
        if (i == null) {
            throw new ParameterException(spec.commandLine(), "--shard I is required outside a Slurm array task "
                    + "(SLURM_ARRAY_TASK_ID) or a Kubernetes indexed Job (JOB_COMPLETION_INDEX)");
        }
        int n = of != null ? of : p.shards();
        if (n < 1 || n > p.cells().size()) {
            throw new InvalidOptionException("--of " + n + ": out of range (allowed: 1 to " + p.cells().size()
                    + ", the plan's cells)");
        }
        if (i < 0 || i >= n) {
            throw new InvalidOptionException("--shard " + i + ": out of range (allowed: 0 to " + (n - 1) + ")");
        }
        PrintWriter err = spec.commandLine().getErr();
        GlobalOptions g = GlobalOptions.of(spec);
        ShardRunner.Summary s = new ShardRunner(p, CellRunners.of(g.device(), err, ProgressReporter.forConsole(spec), g.overlap()), new Fingerprints(), System.getenv(),
                line -> {
                    err.println(line);
                    err.flush();
                }, g.verbose()).run(i, n, !skipFailed);
        PrintWriter o = spec.commandLine().getOut();
        o.printf("shard %d of %d: %d cells: %d computed, %d failed, %d done earlier, %d skipped%n", i, n, s.cells(),
                s.computed(), s.failed(), s.alreadyDone(), s.skipped());
        o.flush();
        if (s.failed() > 0) {
            throw new JobsException(s.failed() + " of " + s.cells() + " cells of shard " + i + " failed; see "
                    + "`modelscout jobs status --plan " + SbatchScript.word(plan.toString()) + "`");
        }
        return 0;
    }
}
