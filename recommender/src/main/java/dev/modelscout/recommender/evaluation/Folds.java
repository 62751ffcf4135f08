package dev.modelscout.recommender.evaluation;

import dev.modelscout.recommender.Job;
import dev.modelscout.recommender.Recommender;
import dev.modelscout.recommender.TrainingHistory;
import java.util.List;

/** What the dataset protocols share: which datasets are tested, and one held-out dataset's fold. */
final class Folds {

    private Folds() {
    }

    /** The datasets named, or (none named) every dataset of the history. */
    static List<String> tests(TrainingHistory history, List<String> named) {
        return named.isEmpty() ? history.datasets() : named;
    }

    static List<Job> jobsOf(TrainingHistory history, String dataset) {
        return history.filter(j -> j.dataset().equals(dataset)).jobs();
    }

    /** Every job of {@code history} but those of {@code dataset}. */
    static List<Job> allBut(TrainingHistory history, String dataset) {
        return history.filter(j -> !j.dataset().equals(dataset)).jobs();
    }

    /** Trains on {@code trainJobs}, scores every job of {@code testDataset}. */
    static DatasetScore holdOut(TrainingHistory history, FitTimer fits, List<Job> trainJobs, String testDataset,
                                Integer split, int topK) {
        Recommender r = fits.train(history.withJobs(trainJobs));
        List<Job> rows = jobsOf(history, testDataset);
        return DatasetScore.of(testDataset, split, rows, r.predict(rows), topK);
    }
}
