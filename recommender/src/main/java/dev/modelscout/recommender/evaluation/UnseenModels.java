package dev.modelscout.recommender.evaluation;

import static dev.modelscout.recommender.evaluation.OptionRules.bound;
import static dev.modelscout.recommender.evaluation.OptionRules.invalid;
import static dev.modelscout.recommender.evaluation.OptionRules.number;

import dev.modelscout.recommender.Job;
import dev.modelscout.recommender.Recommender;
import dev.modelscout.recommender.TrainingHistory;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Random model splits: in split {@code s} the models are shuffled with seed {@code seed + s} and the first
 * {@code round(testFraction * models)} are held out; one fit on the other models' jobs, scored on each test
 * dataset's held-out jobs where it has 2 or more. Metrics are averaged within a split, then mean and standard
 * deviation over the splits.
 *
 * <p>The history needs 5 or more models; the fraction must hold out 2 or more models and leave 1 or more to
 * train on; and every split must hold out 2 or more jobs of some test dataset (else it scores nothing).
 *
 * @param testDatasets the datasets scored (empty: every dataset)
 */
public record UnseenModels(List<String> testDatasets, int topK, int splits, double testFraction, long seed)
        implements Protocol {

    static final int MIN_MODELS = 5;

    public UnseenModels {
        testDatasets = List.copyOf(testDatasets);
    }

    static UnseenModels of(Options o) {
        return new UnseenModels(o.testDatasets(), o.topK(), o.splits(), o.testFraction(), o.seed());
    }

    @Override
    public Kind kind() {
        return Kind.UNSEEN_MODELS;
    }

    @Override
    public void check(TrainingHistory history) {
        OptionRules.requireDatasetsOf(history, "--test-datasets", testDatasets);
        int n = history.models().size();
        if (n < MIN_MODELS) {
            throw invalid("--protocol", kind().id(), history.source() + " has " + n + " model" + (n == 1 ? "" : "s"),
                    "a history with " + MIN_MODELS + " or more models");
        }
        int held = heldOutCount(n);
        if (held < 2 || held > n - 1) {
            // round(f * n) is in [2, n - 1] exactly when f * n is in [1.5, n - 0.5)
            throw invalid("--test-fraction", number(testFraction),
                    "holds out " + held + " of the " + n + " models of " + history.source(),
                    "at least " + bound(1.5 / n, RoundingMode.UP) + " and below " + bound((n - 0.5) / n, RoundingMode.DOWN)
                            + ", holding out 2 to " + (n - 1) + " models");
        }
        List<Set<String>> split = heldOutModels(history);
        for (int s = 0; s < splits; s++) {
            if (heldOutRows(history, split.get(s)).isEmpty()) {
                throw invalid("--test-fraction", number(testFraction), "split " + s + " (seed " + (seed + s)
                        + ") holds out fewer than 2 jobs of every test dataset, it would score nothing",
                        "a larger fraction, or other --test-datasets or --split-seed");
            }
        }
    }

    @Override
    public Outcome evaluate(TrainingHistory history, FitTimer fits) {
        check(history);
        List<Set<String>> split = heldOutModels(history);
        List<DatasetScore> per = new ArrayList<>();
        List<Summary> splitMeans = new ArrayList<>();
        for (int s = 0; s < splits; s++) {
            Set<String> testModels = split.get(s);
            Recommender r = fits.train(history.filter(j -> !testModels.contains(j.model())));
            List<DatasetScore> scores = new ArrayList<>();
            for (Map.Entry<String, List<Job>> e : heldOutRows(history, testModels).entrySet()) {
                scores.add(DatasetScore.of(e.getKey(), s, e.getValue(), r.predict(e.getValue()), topK));
            }
            per.addAll(scores);
            splitMeans.add(DatasetScore.mean(scores));
        }
        return new Outcome(Summary.mean(splitMeans), Summary.std(splitMeans), per, null);
    }

    private int heldOutCount(int models) {
        return (int) Math.round(testFraction * models);
    }

    /** Each split's held-out models. */
    private List<Set<String>> heldOutModels(TrainingHistory history) {
        List<String> models = history.models();
        int held = heldOutCount(models.size());
        List<Set<String>> split = new ArrayList<>();
        for (int s = 0; s < splits; s++) {
            List<String> shuffled = new ArrayList<>(models);
            Collections.shuffle(shuffled, new Random(seed + s));
            split.add(new HashSet<>(shuffled.subList(0, held)));
        }
        return split;
    }

    /** The held-out jobs of each test dataset that has 2 or more, in test order. */
    private Map<String, List<Job>> heldOutRows(TrainingHistory history, Set<String> testModels) {
        Map<String, List<Job>> rows = new LinkedHashMap<>();
        for (String d : Folds.tests(history, testDatasets)) {
            List<Job> held = history.filter(j -> j.dataset().equals(d) && testModels.contains(j.model())).jobs();
            if (held.size() >= 2) {
                rows.put(d, held);
            }
        }
        return rows;
    }
}
