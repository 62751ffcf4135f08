package dev.modelscout.recommender;

import java.util.List;

/**
 * What {@link HistoryAppender} did.
 *
 * @param history        the history as now on disk (read with the append's duplicate policy)
 * @param appended       rows written to the history file
 * @param skipped        new jobs left out because the pair was already there ({@link OnDuplicate#FIRST})
 * @param replaced       jobs of the history removed because a new job replaced them ({@link OnDuplicate#REPLACE})
 * @param droppedColumns columns of the new jobs' file that the history's header lacks (their cells were not
 *                       written), in the order of that file
 * @param created        the history file did not exist (or was empty) and was created
 */
public record AppendResult(TrainingHistory history, int appended, int skipped, int replaced, List<String> droppedColumns,
        boolean created) {

    public AppendResult {
        droppedColumns = List.copyOf(droppedColumns);
    }
}
