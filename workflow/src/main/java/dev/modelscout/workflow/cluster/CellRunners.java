package dev.modelscout.workflow.cluster;

import dev.modelscout.core.Device;
import dev.modelscout.engine.ExtractionListener;
import dev.modelscout.workflow.OverlapPolicy;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.Map;

/** The {@link CellRunner} of each kind of cell: the one place that maps a kind to its runner. */
public final class CellRunners {

    private CellRunners() {
    }

    /**
     * One runner per kind, computing on {@code device} (resolved on first use), logging to {@code err}, showing
     * extraction progress on {@code progress}; score cells overlap as {@code overlap} says.
     */
    public static Map<TaskKind, CellRunner> of(Device device, PrintWriter err, ExtractionListener progress,
            OverlapPolicy overlap) {
        Map<TaskKind, CellRunner> m = new EnumMap<>(TaskKind.class);
        m.put(TaskKind.SCORE, new ScoreCellRunner(device, err, progress, overlap));
        m.put(TaskKind.FINETUNE, new FineTuneCellRunner(device, err, progress));
        return m;
    }
}
