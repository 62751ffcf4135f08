package dev.modelscout.cli;

import dev.modelscout.workflow.cluster.JobPlan;
import dev.modelscout.workflow.cluster.PlanFiles;
import dev.modelscout.workflow.cluster.PlanMerge;
import dev.modelscout.workflow.cluster.PlanStatus;
import dev.modelscout.workflow.cluster.SbatchScript;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code modelscout jobs status}: done / running / failed / pending cells of a plan. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Where a plan stands, from its files (no scheduler is asked): done, running, failed (with each "
                + "failed cell's one-line error) and pending cells, those interrupted by a killed task, and the command "
                + "that resubmits the unfinished shards."})
final class JobsStatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions globals;

    @Option(names = "--plan", required = true, paramLabel = "PLAN", description = "The plan folder.")
    Path plan;

    /** table: the summary for people; csv / json: one row per cell on stdout (the summary on stderr). */
    @Mixin
    TableOptions table;

    @Override
    public Integer call() {
        table.format();
        JobPlan p = PlanFiles.read(plan);
        PlanStatus.Report r = PlanStatus.of(p);
        PrintWriter o = table.machine() ? spec.commandLine().getErr() : spec.commandLine().getOut();
        if (table.machine()) {
            Table t = Table.of(Table.text("cell", Table.KEEP), Table.text("dataset", Table.KEEP),
                    Table.text("model", Table.KEEP), Table.integer("shard", Table.KEEP), Table.text("state", Table.KEEP),
                    Table.text("interrupted", Table.KEEP), Table.text("note", Table.KEEP));
            for (PlanStatus.CellStatus c : r.cells()) {
                t.row(c.cell().id(), c.cell().dataset(), c.cell().model(), c.shard(),
                        c.state().name().toLowerCase(java.util.Locale.ROOT), c.interrupted(), c.note());
            }
            table.print(t, spec.commandLine().getOut(), spec.commandLine().getErr());
        }
        o.printf("plan %s: %d %s cells (%d datasets x %d models) in %d shards%n", p.dir(), p.cells().size(), p.task().id(),
                p.datasets().size(), p.models().size(), p.shards());
        int interrupted = r.interrupted().size();
        o.printf("done %d, running %d, failed %d, pending %d%s%n", r.count(PlanStatus.State.DONE),
                r.count(PlanStatus.State.RUNNING), r.count(PlanStatus.State.FAILED), r.count(PlanStatus.State.PENDING),
                interrupted > 0 ? " (" + interrupted + " interrupted)" : "");
        list(o, "failed:", r.in(PlanStatus.State.FAILED));
        list(o, "interrupted (its task was stopped or killed; the next run of its shard computes it again):",
                r.interrupted());
        list(o, "running:", r.in(PlanStatus.State.RUNNING));
        List<PlanStatus.CellStatus> unread = r.in(PlanStatus.State.PENDING).stream()
                .filter(c -> !c.interrupted() && c.note() != null).toList();
        list(o, "pending with a result file that is not a finished result (computed again):", unread);
        List<Integer> open = r.unfinishedShards();
        if (!open.isEmpty()) {
            o.println("unfinished shards: " + SbatchScript.arrayList(open)
                    + (r.runningShards().isEmpty() ? "" : " (running: " + SbatchScript.arrayList(r.runningShards()) + ")"));
            o.println("resubmit: " + SbatchScript.submitCommand(p, open));
        } else if (r.count(PlanStatus.State.DONE) == p.cells().size()) {
            String refused = PlanMerge.refusal(p);
            o.println(refused == null
                    ? "all cells done: modelscout jobs merge --plan " + SbatchScript.word(plan.toString()) + " --out rows.csv"
                    : "all cells done, but a merge would be refused: " + refused);
        }
        o.flush();
        return 0;
    }

    private static void list(PrintWriter o, String title, List<PlanStatus.CellStatus> cells) {
        if (cells.isEmpty()) {
            return;
        }
        o.println(title);
        for (PlanStatus.CellStatus c : cells) {
            o.println("  " + c.cell().id() + " (shard " + c.shard() + ")" + (c.note() == null || c.note().isEmpty() ? ""
                    : ": " + c.note()));
        }
    }
}
