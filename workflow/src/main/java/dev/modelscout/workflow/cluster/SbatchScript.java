package dev.modelscout.workflow.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code submit.sbatch}: a Slurm array job of the plan's shards. Each array task runs
 * {@code modelscout --device D jobs run --plan PLAN --shard $SLURM_ARRAY_TASK_ID --of N}.
 *
 * <p>{@code #SBATCH --chdir} names the plan folder (absolute, as planned) and the log path is relative to it
 * ({@code logs/%A_%a.out}); a plan moved elsewhere is submitted with {@code sbatch --chdir=NEW NEW/submit.sbatch}
 * (what {@code jobs submit} prints), as command-line options override {@code #SBATCH} lines. The launcher
 * and {@code MODELSCOUT_JAVA_OPTS} are the planned ones unless the submitting environment sets
 * {@code MODELSCOUT} / {@code MODELSCOUT_JAVA_OPTS} (sbatch passes the environment on by default).
 */
public final class SbatchScript {

    private SbatchScript() {
    }

    /** The script's text. */
    public static String render(JobPlan plan) {
        SlurmSettings s = plan.slurm();
        int n = plan.shards();
        List<String> l = new ArrayList<>();
        l.add("#!/bin/bash");
        l.add("# modelscout jobs plan: " + plan.cells().size() + " " + plan.task().id() + " cells ("
                + plan.datasets().size() + " datasets x " + plan.models().size() + " models) in " + n
                + " array tasks; plan " + plan.planId() + ".");
        l.add("# Submit:    sbatch " + word(plan.dir().resolve(PlanFiles.SBATCH).toString()));
        l.add("# Progress:  modelscout jobs status --plan " + word(plan.dir().toString()));
        l.add("# Resubmit the unfinished shards: the command `modelscout jobs submit --plan " + word(plan.dir().toString())
                + "` prints.");
        l.add("#SBATCH --job-name=" + jobName(plan));
        l.add("#SBATCH --array=" + arraySpec(n, s.maxRunning()));
        l.add("#SBATCH --chdir=" + plan.dir());
        l.add("#SBATCH --output=" + PlanFiles.LOGS + "/%A_%a.out");
        l.add("#SBATCH --time=" + s.time());
        l.add("#SBATCH --mem=" + s.mem());
        l.add("#SBATCH --cpus-per-task=" + s.cpusPerTask());
        if (s.gpus() > 0) {
            l.add("#SBATCH --gres=gpu:" + s.gpus());
        }
        if (s.partition() != null) {
            l.add("#SBATCH --partition=" + s.partition());
        }
        if (s.account() != null) {
            l.add("#SBATCH --account=" + s.account());
        }
        for (String e : s.extra()) {
            l.add("#SBATCH " + e);
        }
        l.add("set -euo pipefail");
        l.add("# The planned launcher and Java options, unless the submitting environment sets its own.");
        l.add("if [ -z \"${MODELSCOUT:-}\" ]; then MODELSCOUT=" + quote(s.launcher()) + "; fi");
        if (s.javaOpts() != null) {
            l.add("if [ -z \"${MODELSCOUT_JAVA_OPTS:-}\" ]; then export MODELSCOUT_JAVA_OPTS=" + quote(s.javaOpts()) + "; fi");
        }
        l.add("echo \"modelscout shard ${SLURM_ARRAY_TASK_ID} of " + n + " on $(hostname) (job "
                + "${SLURM_ARRAY_JOB_ID:-?}_${SLURM_ARRAY_TASK_ID})\" >&2");
        l.add("exec \"$MODELSCOUT\" --device " + s.device() + " jobs run --plan \"$PWD\" --shard \"$SLURM_ARRAY_TASK_ID\" --of " + n);
        return String.join("\n", l) + "\n";
    }

    /** {@code 0-(n-1)}, with {@code %K} when at most K may run at once. */
    public static String arraySpec(int n, int maxRunning) {
        return (n == 1 ? "0" : "0-" + (n - 1)) + (maxRunning > 0 ? "%" + maxRunning : "");
    }

    /** Shard indices as a Slurm {@code --array} list, runs of consecutive ones as ranges: {@code 1,3-5,9}. */
    public static String arrayList(List<Integer> shards) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < shards.size(); ) {
            int j = i;
            while (j + 1 < shards.size() && shards.get(j + 1) == shards.get(j) + 1) {
                j++;
            }
            sb.append(sb.length() == 0 ? "" : ",").append(shards.get(i));
            if (j > i) {
                sb.append('-').append(shards.get(j));
            }
            i = j + 1;
        }
        return sb.toString();
    }

    /**
     * {@code text} as one word of a POSIX shell for a line meant to be pasted: as it is when it holds only characters
     * no shell treats specially, else {@link #quote quoted} (a path with {@code $(...)} or a space stays one word).
     */
    public static String word(String text) {
        return text.matches("[A-Za-z0-9_./=:,+@%^-]+") ? text : quote(text);
    }

    /** {@code text} as one word of a POSIX shell, in single quotes. */
    public static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    private static String jobName(JobPlan plan) {
        String name = plan.dir().getFileName() == null ? "plan" : plan.dir().getFileName().toString();
        return "modelscout-" + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "_");
    }

    /** {@code sbatch --chdir=PLAN --array=LIST PLAN/submit.sbatch}, with the plan's %K limit. */
    public static String submitCommand(JobPlan p, List<Integer> shards) {
        int k = p.slurm().maxRunning();
        return "sbatch --chdir=" + quote(p.dir().toString()) + " --array=" + arrayList(shards)
                + (k > 0 ? "%" + k : "") + " " + quote(p.dir().resolve(PlanFiles.SBATCH).toString());
    }
}
