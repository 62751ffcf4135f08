package dev.modelscout.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code modelscout jobs}: sweeps of (dataset, backbone) cells as array jobs. Only lists its subcommands. */
@Command(name = "jobs", mixinStandardHelpOptions = true,
        description = {"Run a sweep of (dataset, backbone) cells (scores or fine-tuning runs) as an array job: plan it "
                + "once, run its shards anywhere (Slurm, a Kubernetes indexed Job, a shell loop), follow it, resume it "
                + "after failures and merge its results into one history-schema CSV. See docs/cluster.md."},
        subcommands = {JobsPlanCommand.class, JobsRunCommand.class, JobsStatusCommand.class, JobsSubmitCommand.class,
            JobsMergeCommand.class})
final class JobsCommand {

    @Mixin
    GlobalOptions globals;
}
