package dev.modelscout.workflow.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Who runs a cell: the host, the process and the scheduler's ids from the environment. */
public final class TaskIdentity {

    /** The environment variables recorded with each cell, when set. */
    static final List<String> VARIABLES = List.of("SLURM_JOB_ID", "SLURM_ARRAY_JOB_ID", "SLURM_ARRAY_TASK_ID",
            "SLURM_JOB_NODELIST", "JOB_COMPLETION_INDEX", "HOSTNAME");

    private TaskIdentity() {
    }

    /** This host's name. */
    public static String host() {
        try {
            String h = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            if (!h.isEmpty()) {
                return h;
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        String h = System.getenv("HOSTNAME");
        return h == null || h.isBlank() ? "localhost" : h;
    }

    /** The scheduler's ids of this task, from {@code env}. */
    public static Map<String, String> launch(Map<String, String> env) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String v : VARIABLES) {
            String s = env.get(v);
            if (s != null && !s.isBlank() && !v.equals("HOSTNAME")) {
                m.put(v.toLowerCase(java.util.Locale.ROOT), s);
            }
        }
        return m;
    }

    /**
     * The shard index the scheduler gives this task: {@code SLURM_ARRAY_TASK_ID} (a Slurm array), else
     * {@code JOB_COMPLETION_INDEX} (a Kubernetes indexed Job); null when neither is set.
     *
     * @throws dev.modelscout.core.InvalidOptionException when the variable is not a number
     */
    public static Integer shardFromEnvironment(Map<String, String> env) {
        for (String v : List.of("SLURM_ARRAY_TASK_ID", "JOB_COMPLETION_INDEX")) {
            String s = env.get(v);
            if (s != null && !s.isBlank()) {
                try {
                    return Integer.parseInt(s.strip());
                } catch (NumberFormatException e) {
                    throw new dev.modelscout.core.InvalidOptionException(v + "=" + s + ": not a shard index");
                }
            }
        }
        return null;
    }
}
