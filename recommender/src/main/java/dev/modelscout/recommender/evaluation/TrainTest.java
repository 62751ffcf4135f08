package dev.modelscout.recommender.evaluation;

import dev.modelscout.recommender.Job;
import dev.modelscout.recommender.Recommender;
import dev.modelscout.recommender.TrainingHistory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One fit on the train datasets' jobs, scored on each test dataset's. Mean and standard deviation over the
 * test datasets. At least one of the two lists is given; the other defaults to every dataset not in it.
 *
 * @param testDatasets  the datasets scored (empty: every dataset not trained on)
 * @param trainDatasets the datasets trained on, none tested (empty: every dataset not tested)
 */
public record TrainTest(List<String> testDatasets, List<String> trainDatasets, int topK) implements Protocol {

    public TrainTest {
        testDatasets = List.copyOf(testDatasets);
        trainDatasets = List.copyOf(trainDatasets);
    }

    static TrainTest of(Options o) {
        return new TrainTest(o.testDatasets(), o.trainDatasets(), o.topK());
    }

    @Override
    public Kind kind() {
        return Kind.TRAIN_TEST;
    }

    @Override
    public void check(TrainingHistory history) {
        OptionRules.requireDatasetsOf(history, "--test-datasets", testDatasets);
        OptionRules.requireDatasetsOf(history, "--train-datasets", trainDatasets);
        OptionRules.requireTwoDatasets(history, kind());
        for (String d : trainDatasets) {
            if (testDatasets.contains(d)) {
                throw OptionRules.invalid("--train-datasets", String.join(",", trainDatasets),
                        d + " is also in --test-datasets", "datasets not tested");
            }
        }
        if (testDatasets.isEmpty() && trainDatasets.isEmpty()) {
            throw OptionRules.invalid("--protocol", kind().id(), "names neither test nor train datasets",
                    "--test-datasets, --train-datasets or both");
        }
        if (trainSet(history).isEmpty()) {
            throw OptionRules.invalid("--test-datasets", String.join(",", testDatasets),
                    "every dataset of " + history.source() + " is tested, none is left to train on",
                    "some of its datasets");
        }
        if (tests(history).isEmpty()) {
            throw OptionRules.invalid("--train-datasets", String.join(",", trainDatasets),
                    "every dataset of " + history.source() + " is trained on, none is left to test",
                    "some of its datasets");
        }
    }

    @Override
    public Outcome evaluate(TrainingHistory history, FitTimer fits) {
        check(history);
        Set<String> train = trainSet(history);
        Recommender r = fits.train(history.filter(j -> train.contains(j.dataset())));
        List<DatasetScore> per = new ArrayList<>();
        for (String d : tests(history)) {
            List<Job> rows = Folds.jobsOf(history, d);
            per.add(DatasetScore.of(d, null, rows, r.predict(rows), topK));
        }
        return Outcome.over(per);
    }

    private List<String> tests(TrainingHistory history) {
        return testDatasets.isEmpty() ? others(history, trainDatasets) : testDatasets;
    }

    private Set<String> trainSet(TrainingHistory history) {
        return new HashSet<>(trainDatasets.isEmpty() ? others(history, testDatasets) : trainDatasets);
    }

    /** The datasets of {@code history} not in {@code named}, in the history's (sorted) order. */
    private static List<String> others(TrainingHistory history, List<String> named) {
        return history.datasets().stream().filter(d -> !named.contains(d)).toList();
    }
}
