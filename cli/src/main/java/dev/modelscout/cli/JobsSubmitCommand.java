package dev.modelscout.cli;

import dev.modelscout.workflow.cluster.JobPlan;
import dev.modelscout.workflow.cluster.PlanFiles;
import dev.modelscout.workflow.cluster.PlanStatus;
import dev.modelscout.workflow.cluster.SbatchScript;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code modelscout jobs submit}: prints the sbatch command that submits a plan's unfinished shards. */
@Command(name = "submit", mixinStandardHelpOptions = true,
        description = {"Print the sbatch command that submits the plan's shards that are not finished and not running "
                + "(every shard with --all), e.g. `sbatch --chdir=PLAN --array=1,3 PLAN/submit.sbatch`; run it, or pipe "
                + "it to sh. Nothing is printed on stdout when no shard is left to submit."})
final class JobsSubmitCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions globals;

    @Option(names = "--plan", required = true, paramLabel = "PLAN", description = "The plan folder.")
    Path plan;

    @Option(names = "--all", description = "Every shard, finished or not (finished cells are skipped by the tasks anyway).")
    boolean all;

    @Override
    public Integer call() {
        JobPlan p = PlanFiles.read(plan);
        PrintWriter err = spec.commandLine().getErr();
        List<Integer> shards;
        if (all) {
            shards = IntStream.range(0, p.shards()).boxed().toList();
        } else {
            PlanStatus.Report r = PlanStatus.of(p);
            shards = r.unfinishedShards();
            if (shards.isEmpty()) {
                err.println(r.runningShards().isEmpty() ? "nothing to submit: every cell of " + plan + " is done"
                        : "nothing to submit: the unfinished cells are running (shards "
                        + SbatchScript.arrayList(r.runningShards()) + ")");
                err.flush();
                return 0;
            }
            err.println(shards.size() + " of " + p.shards() + " shards have unfinished cells; to submit them:");
            err.flush();
        }
        PrintWriter o = spec.commandLine().getOut();
        o.println(SbatchScript.submitCommand(p, shards));
        o.flush();
        return 0;
    }
}
