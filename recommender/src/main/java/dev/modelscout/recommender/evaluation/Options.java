package dev.modelscout.recommender.evaluation;

import static dev.modelscout.recommender.evaluation.OptionRules.invalid;
import static dev.modelscout.recommender.evaluation.OptionRules.number;
import static dev.modelscout.recommender.evaluation.OptionRules.numbers;

import java.util.List;

/**
 * The settings of an evaluation, checked when made: a value out of its range throws
 * {@link dev.modelscout.core.InvalidOptionException} naming the option of {@code modelscout evaluate} and
 * what is allowed, so that nothing is trained on a setting that cannot work. Checks that need the history
 * (datasets it has, models a fraction holds out) are the protocol's: {@link Protocol#check}.
 *
 * <p>Every setting is checked, also those the chosen protocol does not use.
 *
 * @param protocol      the protocol
 * @param testDatasets  datasets to test on, distinct (empty: every dataset; train-test: every dataset not trained on)
 * @param trainDatasets train-test: datasets to train on, distinct (empty: every dataset not tested)
 * @param splits        unseen-models: number of random splits, >= 1
 * @param testFraction  unseen-models: fraction of models held out, in (0,1)
 * @param seed          seed of the splits and subsamples
 * @param topK          k of the top-k hit rate, >= 1
 * @param fractions     learning-curve: fractions of the training jobs, increasing, in (0,1]
 * @param repeats       learning-curve: random subsamples per fraction below 1, >= 1
 */
public record Options(Protocol.Kind protocol, List<String> testDatasets, List<String> trainDatasets, int splits,
                      double testFraction, long seed, int topK, List<Double> fractions, int repeats) {

    public static final List<Double> DEFAULT_FRACTIONS = List.of(0.1, 0.2, 0.3, 0.5, 0.7, 1.0);

    public Options {
        testDatasets = List.copyOf(testDatasets);
        trainDatasets = List.copyOf(trainDatasets);
        fractions = List.copyOf(fractions);
        OptionRules.requireDistinct("--test-datasets", testDatasets);
        OptionRules.requireDistinct("--train-datasets", trainDatasets);
        OptionRules.requireAtLeastOne("--splits", splits);
        if (!(testFraction > 0 && testFraction < 1)) {
            throw invalid("--test-fraction", number(testFraction), "out of range", "a number above 0 and below 1");
        }
        OptionRules.requireAtLeastOne("--top-k", topK);
        checkFractions(fractions);
        OptionRules.requireAtLeastOne("--repeats", repeats);
    }

    private static void checkFractions(List<Double> fractions) {
        String allowed = "increasing fractions above 0 and at most 1, such as " + numbers(DEFAULT_FRACTIONS);
        if (fractions.isEmpty()) {
            throw invalid("--fractions", "''", "none given", allowed);
        }
        double previous = 0;
        for (double f : fractions) {
            if (!(f > 0 && f <= 1)) {
                throw invalid("--fractions", numbers(fractions), number(f) + " is out of range", allowed);
            }
            if (f <= previous) {
                throw invalid("--fractions", numbers(fractions), number(f) + " does not increase", allowed);
            }
            previous = f;
        }
    }

    public static Options defaults(Protocol.Kind protocol) {
        return new Options(protocol, List.of(), List.of(), 10, 0.2, 0, 3, DEFAULT_FRACTIONS, 3);
    }

    public Options withTestDatasets(List<String> d) {
        return new Options(protocol, d, trainDatasets, splits, testFraction, seed, topK, fractions, repeats);
    }

    public Options withTrainDatasets(List<String> d) {
        return new Options(protocol, testDatasets, d, splits, testFraction, seed, topK, fractions, repeats);
    }

    public Options withSplits(int s, double fraction, long sd) {
        return new Options(protocol, testDatasets, trainDatasets, s, fraction, sd, topK, fractions, repeats);
    }

    public Options withTopK(int k) {
        return new Options(protocol, testDatasets, trainDatasets, splits, testFraction, seed, k, fractions, repeats);
    }

    public Options withCurve(List<Double> f, int r) {
        return new Options(protocol, testDatasets, trainDatasets, splits, testFraction, seed, topK, f, r);
    }
}
