package dev.modelscout.recommender.evaluation;

import static dev.modelscout.recommender.evaluation.OptionRules.bound;
import static dev.modelscout.recommender.evaluation.OptionRules.invalid;
import static dev.modelscout.recommender.evaluation.OptionRules.number;
import static dev.modelscout.recommender.evaluation.OptionRules.numbers;

import dev.modelscout.recommender.Job;
import dev.modelscout.recommender.TrainingHistory;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Leave-one-dataset-out on a growing random share of the training jobs: at each fraction {@code f}, for each
 * of {@code repeats} subsamples (one at {@code f = 1}) and each test dataset, a fit on {@code round(f * pool)}
 * of the other datasets' jobs, shuffled with a seed of the split seed, the subsample and the dataset. A point
 * of the curve is the mean over those folds; the result's metrics, deviation and per-dataset scores are those
 * of the largest fraction.
 *
 * @param testDatasets the datasets held out in turn (empty: every dataset)
 * @param fractions    increasing, in (0,1]; each must keep 1 or more jobs of the smallest pool
 */
public record LearningCurve(List<String> testDatasets, int topK, List<Double> fractions, int repeats, long seed)
        implements Protocol {

    public LearningCurve {
        testDatasets = List.copyOf(testDatasets);
        fractions = List.copyOf(fractions);
    }

    static LearningCurve of(Options o) {
        return new LearningCurve(o.testDatasets(), o.topK(), o.fractions(), o.repeats(), o.seed());
    }

    @Override
    public Kind kind() {
        return Kind.LEARNING_CURVE;
    }

    @Override
    public void check(TrainingHistory history) {
        OptionRules.requireDatasetsOf(history, "--test-datasets", testDatasets);
        OptionRules.requireTwoDatasets(history, kind());
        int smallest = Folds.tests(history, testDatasets).stream()
                .mapToInt(d -> Folds.allBut(history, d).size()).min().orElseThrow();
        for (double f : fractions) {
            if (kept(f, smallest) < 1) {
                throw invalid("--fractions", numbers(fractions), number(f) + " keeps none of the " + smallest
                        + " training jobs of the smallest fold",
                        "fractions of at least " + bound(0.5 / smallest, RoundingMode.UP));
            }
        }
    }

    @Override
    public Outcome evaluate(TrainingHistory history, FitTimer fits) {
        check(history);
        List<String> tests = Folds.tests(history, testDatasets);
        List<CurvePoint> curve = new ArrayList<>();
        List<DatasetScore> atF = List.of();
        for (double f : fractions) {
            atF = new ArrayList<>();
            double rows = 0;
            int subsamples = f >= 1.0 ? 1 : repeats;
            for (int rep = 0; rep < subsamples; rep++) {
                for (String d : tests) {
                    List<Job> pool = new ArrayList<>(Folds.allBut(history, d));
                    Collections.shuffle(pool, new Random(seed * 1000003L + rep * 7919L + d.hashCode()));
                    int m = kept(f, pool.size());
                    rows += m;
                    atF.add(Folds.holdOut(history, fits, pool.subList(0, m), d, rep, topK));
                }
            }
            curve.add(new CurvePoint(f, rows / atF.size(), DatasetScore.mean(atF)));
        }
        return new Outcome(DatasetScore.mean(atF), DatasetScore.std(atF), atF, curve);
    }

    private static int kept(double fraction, int pool) {
        return (int) Math.round(fraction * pool);
    }
}
