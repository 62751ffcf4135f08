package dev.modelscout.workflow.cluster;

import java.util.List;

/**
 * What {@code submit.sbatch} asks Slurm for, and how its tasks start {@code modelscout}.
 *
 * @param time        {@code --time} of each array task (Slurm's format: {@code HH:MM:SS}, {@code D-HH:MM:SS})
 * @param mem         {@code --mem} of each task ({@code 16G})
 * @param cpusPerTask {@code --cpus-per-task}
 * @param gpus        GPUs per task ({@code --gres=gpu:N}); 0 = none
 * @param partition   {@code --partition}, or null
 * @param account     {@code --account}, or null
 * @param maxRunning  at most this many tasks at once ({@code --array=0-N%K}); 0 = no limit
 * @param extra       more {@code #SBATCH} options, each as given ({@code --constraint=a100})
 * @param launcher    the {@code modelscout} launcher the tasks run ({@code MODELSCOUT} overrides it)
 * @param javaOpts    {@code MODELSCOUT_JAVA_OPTS} for the tasks, or null for the launcher's default
 * @param device      the {@code --device} the tasks pass ({@code auto}, {@code cpu}, {@code cuda}, ...)
 */
public record SlurmSettings(String time, String mem, int cpusPerTask, int gpus, String partition, String account,
                            int maxRunning, List<String> extra, String launcher, String javaOpts, String device) {

    public SlurmSettings {
        extra = List.copyOf(extra);
    }
}
