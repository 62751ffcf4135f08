package dev.modelscout.workflow.cluster;

/**
 * A {@link CellRunner} whose work is two steps, so that consecutive cells of a shard overlap: {@link #prepare}
 * (a score cell's features: extracted, GPU or CPU, or read from the cache) runs on a worker thread while the cell
 * before is finished, and {@link #finish} (its scores and row, ND4J on the CPU) runs on the shard's thread. The
 * {@link ShardRunner} holds a cell's lock and marker before its {@code prepare} starts and writes its result after
 * {@code finish}, so each cell is claimed, recorded and resumed as before; at most two cells are in flight (one
 * prepared ahead, one finishing). Fine-tuning cells are GPU-heavy in both steps and stay plain {@link CellRunner}s.
 *
 * @param <P> what {@code prepare} hands to {@code finish} (the features)
 */
public interface StagedCellRunner<P> extends CellRunner {

    /**
     * Asked once, before a shard's cells run, whether {@link #prepare} shall run ahead on a worker thread beside
     * {@link #finish}; {@code possible} says whether the shard can (two or more cells of staged runners). The answer
     * is what happens, so the runner may set its steps up for it (share the cores). By default {@code possible}.
     */
    default boolean overlap(boolean possible) {
        return possible;
    }

    /** The first step (may run on a worker thread, one cell at a time); a failure is thrown, as by {@link #run}. */
    P prepare(Cell cell, CellInputs inputs);

    /** The second step, on the shard's thread, with what {@link #prepare} made for this cell. */
    CellOutcome finish(Cell cell, CellInputs inputs, P prepared);

    /** Both steps, one after the other, on the calling thread. */
    @Override
    default CellOutcome run(Cell cell, CellInputs inputs) {
        return finish(cell, inputs, prepare(cell, inputs));
    }
}
