package dev.modelscout.workflow.cluster;

/**
 * Computes one kind of cell ({@link TaskKind}): the one interface between the shard loop and the work, so
 * that score cells and fine-tuning cells run, are recorded and resumed the same way. A runner may keep
 * state across the cells of one {@code jobs run} (an opened dataset, a resolved device).
 */
@FunctionalInterface
public interface CellRunner {

    /**
     * Runs the cell; a failure is thrown (a {@code ModelScoutException} with a one-line message), not returned.
     */
    CellOutcome run(Cell cell, CellInputs inputs);

    /** The shard's cells are done (or it stopped): put back what the runner changed for them. By default nothing. */
    default void shardDone() {
    }
}
