package dev.modelscout.recommender;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link HistoryAppender} did. The history itself is not held in memory: counts describe it as now on disk.
 *
 * @param history        the history file
 * @param jobs           the jobs it now holds: distinct (dataset, model) pairs, as read with a duplicate policy
 * @param datasets       distinct datasets in it
 * @param models         distinct models in it
 * @param appended       rows written to the history file
 * @param skipped        new jobs left out because the pair was already there ({@link OnDuplicate#FIRST})
 * @param replaced       jobs of the history removed because a new job replaced them ({@link OnDuplicate#REPLACE})
 * @param droppedColumns columns of the new jobs' file that the history's header lacks (their cells were not
 *                       written), in the order of that file
 * @param created        the history file did not exist (or was empty) and was created
 */
public record AppendResult(Path history, int jobs, int datasets, int models, int appended, int skipped, int replaced,
        List<String> droppedColumns, boolean created) {

    public AppendResult {
        droppedColumns = List.copyOf(droppedColumns);
    }
}
