package dev.modelscout.workflow.select;

import dev.modelscout.core.IoErrors;
import dev.modelscout.core.ModelScoutException;
import dev.modelscout.core.Sha256;
import dev.modelscout.workflow.cluster.CellOptions;
import dev.modelscout.workflow.finetune.FineTuneSettings;
import dev.modelscout.workflow.cluster.Fingerprints;
import dev.modelscout.workflow.cluster.JobPlan;
import dev.modelscout.workflow.cluster.PlanFiles;
import dev.modelscout.workflow.cluster.PlanMerge;
import dev.modelscout.workflow.cluster.PlanStatus;
import dev.modelscout.workflow.cluster.Planner;
import dev.modelscout.workflow.cluster.SbatchScript;
import dev.modelscout.workflow.cluster.SlurmSettings;
import dev.modelscout.workflow.cluster.TaskKind;
import dev.modelscout.recommender.HistoryAppender;
import dev.modelscout.workflow.BuildInfo;
import dev.modelscout.recommender.OnDuplicate;
import dev.modelscout.scoring.Scores;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code select --executor slurm}: a round's fine-tunes as a {@code jobs} fine-tuning plan (one cell per backbone,
 * in {@code DIR/plans/round-N-<hash of the backbones>}), submitted with sbatch, waited for (the plan's status
 * every few seconds, the Slurm job through squeue), merged, and the rows appended to the history under its lock.
 * Resumable as the plan is: run again, the cells that were done are not recomputed and only the unfinished shards
 * are submitted.
 */
public final class SelectSlurm {

    /** The Slurm side: the sbatch settings of every task. */
    public record Settings(String time, String mem, int cpus, boolean gpu, String partition, String account, Duration poll) {
    }

    private static final Pattern SUBMITTED = Pattern.compile("Submitted batch job (\\d+)");

    private SelectSlurm() {
    }

    /** Fine-tunes {@code models} on the cluster and appends their jobs to the history. */
    static void fineTune(SelectRun.Request r, Settings s, List<String> models, int round, List<String> scoreNames,
                         PrintWriter o) {
        Path dir = r.outDir().toAbsolutePath().resolve("plans").resolve("round-" + round + "-"
                + Sha256.hex(String.join("\n", models).getBytes(StandardCharsets.UTF_8)).substring(0, 8));
        Fingerprints fingerprints = new Fingerprints();
        JobPlan plan;
        if (PlanFiles.exists(dir)) {
            plan = PlanFiles.read(dir);
        } else {
            Scores.Options d = Scores.Options.defaults();
            FineTuneSettings ft = new FineTuneSettings(r.options().epochs(), r.options().learningRate(),
                    r.options().batchSize(), r.options().momentum(), r.options().weightDecay(), r.options().seed(), false,
                    r.valFraction(), null);
            CellOptions options = new CellOptions(scoreNames, d.parcPcaDims(), d.gbcPcaDims(), r.perClass(), 0, 32,
                    r.options().threads(), false, ft);
            String env = System.getenv("MODELSCOUT_JAVA_OPTS");
            SlurmSettings slurm = new SlurmSettings(s.time(), s.mem(), s.cpus(), s.gpu() ? 1 : 0, s.partition(),
                    s.account(), 0, List.of(), BuildInfo.launcher(),
                    env == null || env.isBlank() ? null : env, s.gpu() ? "cuda" : "cpu");
            String version = BuildInfo.versionOr(null);
            plan = Planner.plan(new Planner.Request(dir, r.zoo().toAbsolutePath(),
                    List.of(new Planner.DatasetSpec(r.datasetId(), r.images().toAbsolutePath())),
                    models, TaskKind.FINETUNE, options, null, null, Planner.DEFAULT_MAX_SHARDS, slurm,
                    version == null ? "development build" : version), fingerprints);
        }
        PlanStatus.Report status = PlanStatus.of(plan);
        if (status.count(PlanStatus.State.DONE) < plan.cells().size()) {
            List<Integer> shards = status.unfinishedShards();
            String job = submit(plan, shards, o);
            waitFor(plan, job, s.poll(), o);
        }
        PlanMerge.Merged merged = PlanMerge.merge(plan, fingerprints, false);
        HistoryAppender.append(r.history(), "select round " + round + " (" + plan.dir() + ")", PlanMerge.csv(merged),
                OnDuplicate.ERROR, false, m -> { });
    }

    private static String submit(JobPlan plan, List<Integer> shards, PrintWriter o) {
        List<String> cmd = new ArrayList<>(List.of("sbatch"));
        if (shards.size() < plan.shards()) {
            cmd.add("--array=" + SbatchScript.arrayList(shards));
        }
        cmd.add(plan.dir().resolve(PlanFiles.SBATCH).toString());
        String out = run(cmd);
        Matcher m = SUBMITTED.matcher(out);
        if (!m.find()) {
            throw new ModelScoutException("sbatch did not say which job it submitted: " + out.strip());
        }
        o.println("submitted Slurm job " + m.group(1) + " (" + String.join(" ", cmd) + ")");
        o.flush();
        return m.group(1);
    }

    private static void waitFor(JobPlan plan, String job, Duration poll, PrintWriter o) {
        while (true) {
            PlanStatus.Report status = PlanStatus.of(plan);
            if (status.count(PlanStatus.State.DONE) == plan.cells().size()) {
                return;
            }
            if (status.count(PlanStatus.State.FAILED) > 0) {
                throw new ModelScoutException(plan.dir() + ": " + status.count(PlanStatus.State.FAILED)
                        + " fine-tuning cell(s) failed: " + status.in(PlanStatus.State.FAILED).get(0).note()
                        + " (modelscout jobs status --plan " + plan.dir() + ")");
            }
            if (run(List.of("squeue", "-h", "-j", job)).isBlank()) {
                // The job left the queue; a last look at the plan, then it is over.
                if (PlanStatus.of(plan).count(PlanStatus.State.DONE) == plan.cells().size()) {
                    return;
                }
                throw new ModelScoutException("Slurm job " + job + " ended with cells of " + plan.dir()
                        + " unfinished; run select again to resubmit them");
            }
            try {
                Thread.sleep(poll.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ModelScoutException("interrupted while waiting for Slurm job " + job);
            }
        }
    }

    private static String run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int rc = p.waitFor();
            if (rc != 0 && !cmd.get(0).equals("squeue")) {
                throw new ModelScoutException(String.join(" ", cmd) + " failed (exit " + rc + "): " + out.strip());
            }
            return rc != 0 ? "" : out;
        } catch (IOException e) {
            throw new ModelScoutException(cmd.get(0) + ": cannot run: " + IoErrors.reason(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelScoutException("interrupted while running " + cmd.get(0));
        }
    }

}
