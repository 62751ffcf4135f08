package dev.modelscout.cli;

import dev.modelscout.cli.jobs.CellRunner;
import dev.modelscout.cli.jobs.TaskKind;
import dev.modelscout.core.Device;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.Map;

/** The {@link CellRunner} of each kind of cell: the one place that maps a kind to its runner. */
final class JobRunners {

    private JobRunners() {
    }

    /** One runner per kind, computing on {@code device} (resolved on first use), logging to {@code err}. */
    static Map<TaskKind, CellRunner> of(Device device, PrintWriter err) {
        Map<TaskKind, CellRunner> m = new EnumMap<>(TaskKind.class);
        m.put(TaskKind.SCORE, new ScoreCellRunner(device, err));
        m.put(TaskKind.FINETUNE, new FineTuneCellRunner(device, err));
        return m;
    }
}
