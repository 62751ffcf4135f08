package dev.modelscout.recommender.evaluation;

import dev.modelscout.recommender.TrainingHistory;
import java.util.ArrayList;
import java.util.List;

/**
 * Each test dataset in turn: train on every other dataset's jobs, score the held-out dataset's. Mean and
 * standard deviation over the test datasets.
 *
 * @param testDatasets the datasets held out in turn (empty: every dataset)
 */
public record LeaveOneDatasetOut(List<String> testDatasets, int topK) implements Protocol {

    public LeaveOneDatasetOut {
        testDatasets = List.copyOf(testDatasets);
    }

    static LeaveOneDatasetOut of(Options o) {
        return new LeaveOneDatasetOut(o.testDatasets(), o.topK());
    }

    @Override
    public Kind kind() {
        return Kind.LEAVE_ONE_DATASET_OUT;
    }

    @Override
    public void check(TrainingHistory history) {
        OptionRules.requireDatasetsOf(history, "--test-datasets", testDatasets);
        OptionRules.requireTwoDatasets(history, kind());
    }

    @Override
    public Outcome evaluate(TrainingHistory history, FitTimer fits) {
        check(history);
        List<DatasetScore> per = new ArrayList<>();
        for (String d : Folds.tests(history, testDatasets)) {
            per.add(Folds.holdOut(history, fits, Folds.allBut(history, d), d, null, topK));
        }
        return Outcome.over(per);
    }
}
