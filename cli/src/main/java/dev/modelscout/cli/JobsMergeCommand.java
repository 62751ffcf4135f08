package dev.modelscout.cli;

import dev.modelscout.workflow.cluster.Fingerprints;
import dev.modelscout.workflow.cluster.JobPlan;
import dev.modelscout.workflow.cluster.PlanFiles;
import dev.modelscout.workflow.cluster.SbatchScript;
import dev.modelscout.workflow.cluster.PlanMerge;
import dev.modelscout.workflow.cluster.TaskKind;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code modelscout jobs merge}: the rows of a plan's cells as one history-schema CSV. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Merge the results of a plan into one CSV in the history schema, one row per cell: the scores of "
                + "score cells (candidate rows, as for predict), the accuracy of fine-tuning cells (ready for "
                + "`history append`). Refused when the zoo or a dataset changed since planning, and while cells are "
                + "not done (unless --partial)."})
final class JobsMergeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions globals;

    @Option(names = "--plan", required = true, paramLabel = "PLAN", description = "The plan folder.")
    Path plan;

    @Option(names = "--out", required = true, paramLabel = "ROWS.csv", description = "The merged rows (written atomically).")
    Path out;

    @Option(names = "--partial", description = "Merge the done cells even while others are not done.")
    boolean partial;

    @Override
    public Integer call() {
        OutputPaths.require(out, "--out", ".csv");
        JobPlan p = PlanFiles.read(plan);
        PlanMerge.Merged m = PlanMerge.merge(p, new Fingerprints(), partial);
        PlanMerge.write(out, m);
        PrintWriter o = spec.commandLine().getOut();
        o.println("merged " + m.rows().size() + " of " + p.cells().size() + " cells into " + out
                + (m.notDone().isEmpty() ? "" : " (" + m.notDone().size() + " not done, left out)"));
        o.println(p.task() == TaskKind.FINETUNE
                ? "next: modelscout history append --history H.csv --jobs " + SbatchScript.word(out.toString())
                : "these are candidate rows (no accuracy): rank them with `modelscout predict --model M.json --rows " + SbatchScript.word(out.toString())
                        + "`, or fine-tune and merge a --task finetune plan for `history append`");
        o.flush();
        return 0;
    }
}
