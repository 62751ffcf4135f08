package dev.modelscout.cli;

import dev.modelscout.cli.jobs.CellRunner;
import dev.modelscout.cli.jobs.JobsException;
import dev.modelscout.cli.jobs.TaskKind;
import dev.modelscout.core.Device;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.Map;

/** The {@link CellRunner} of each kind of cell: the one place that says which kinds this build can run. */
final class JobRunners {

    /** Why fine-tuning cells cannot run in this build, or null when they can. */
    static final String FINETUNE_MISSING = null;

    private JobRunners() {
    }

    /** Fails with a one-line error when this build cannot run cells of {@code kind}. */
    static void requireSupported(TaskKind kind) {
        if (kind == TaskKind.FINETUNE && FINETUNE_MISSING != null) {
            throw new JobsException(FINETUNE_MISSING);
        }
    }

    /** One runner per kind, computing on {@code device} (resolved on first use), logging to {@code err}. */
    static Map<TaskKind, CellRunner> of(Device device, PrintWriter err) {
        Map<TaskKind, CellRunner> m = new EnumMap<>(TaskKind.class);
        m.put(TaskKind.SCORE, new ScoreCellRunner(device, err));
        m.put(TaskKind.FINETUNE, new FineTuneCellRunner(device, err));
        return m;
    }
}
