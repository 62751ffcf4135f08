package dev.modelscout.recommender.evaluation;

import dev.modelscout.core.InvalidOptionException;
import dev.modelscout.recommender.TrainingHistory;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The one-line refusals of evaluation settings: {@code OPTION VALUE: PROBLEM (allowed: RANGE)}, with the option
 * named as in {@code modelscout evaluate}.
 */
final class OptionRules {

    private static final int DATASETS_LISTED = 10;

    private OptionRules() {
    }

    static InvalidOptionException invalid(String option, String value, String problem, String allowed) {
        return new InvalidOptionException(option + " " + value + ": " + problem + " (allowed: " + allowed + ")");
    }

    /** {@code d} as a person would type it: 2, 0.5, NaN. */
    static String number(double d) {
        return Double.isFinite(d) ? BigDecimal.valueOf(d).stripTrailingZeros().toPlainString() : Double.toString(d);
    }

    /** {@code d} to 3 significant digits, rounded towards {@code mode}: for bounds in messages. */
    static String bound(double d, RoundingMode mode) {
        return BigDecimal.valueOf(d).round(new MathContext(3, mode)).stripTrailingZeros().toPlainString();
    }

    static String numbers(List<Double> values) {
        return String.join(",", values.stream().map(OptionRules::number).toList());
    }

    static void requireAtLeastOne(String option, long value) {
        if (value < 1) {
            throw invalid(option, Long.toString(value), "out of range", "an integer >= 1");
        }
    }

    /** Names that are not blank and each given once. */
    static void requireDistinct(String option, List<String> names) {
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (name.isBlank()) {
                throw invalid(option, String.join(",", names), "an empty name", "distinct dataset names");
            }
            if (!seen.add(name)) {
                throw invalid(option, String.join(",", names), name + " is named twice", "distinct dataset names");
            }
        }
    }

    /** Every name a dataset of {@code history}. */
    static void requireDatasetsOf(TrainingHistory history, String option, List<String> names) {
        List<String> all = history.datasets();
        for (String name : names) {
            if (!all.contains(name)) {
                throw invalid(option, String.join(",", names), name + " is not a dataset of " + history.source(),
                        datasets(all));
            }
        }
    }

    /** The dataset protocols train on some datasets and test on another. */
    static void requireTwoDatasets(TrainingHistory history, Protocol.Kind kind) {
        int n = history.datasets().size();
        if (n < 2) {
            throw invalid("--protocol", kind.id(), history.source() + " has " + n + " dataset" + (n == 1 ? "" : "s"),
                    "a history with 2 or more datasets, or --protocol unseen-models");
        }
    }

    private static String datasets(List<String> all) {
        return all.size() <= DATASETS_LISTED ? String.join(", ", all)
                : String.join(", ", all.subList(0, DATASETS_LISTED)) + ", ... (" + all.size() + " datasets)";
    }
}
