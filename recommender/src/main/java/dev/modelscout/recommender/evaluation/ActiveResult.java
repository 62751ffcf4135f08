package dev.modelscout.recommender.evaluation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What {@code --protocol active} measured: the guided loop and the static orders beside it, on every held-out
 * dataset, and the prediction intervals' coverage there.
 *
 * @param ks          the k of {@code regret after k fine-tunes}
 * @param eps         the stop rule's gap (and the "within" of {@code fraction_within})
 * @param stopLevel   the stop rule's probability level (chosen per held-out dataset: their mean)
 * @param orders      per order (guided first), the mean and spread over held-out datasets
 * @param intervals   coverage of the recommender's calibrated intervals on the held-out datasets' jobs, before any
 *                    fine-tune (mean over datasets, each dataset weighing the same)
 * @param stop        where the guided loop's stop rule stopped (mean over datasets)
 * @param perDataset  every held-out dataset's scores
 * @param fidelity    the orders charged in backbone-epochs on the history's learning curves, with the
 *                    multi-fidelity ones; null (left out of the JSON) without curves
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActiveResult(List<Integer> ks, double eps, @JsonProperty("stop_level") double stopLevel,
                           List<OrderSummary> orders, Coverage intervals, StopSummary stop,
                           @JsonProperty("per_dataset") List<ActiveDataset> perDataset, FidelityResult fidelity) {

    /**
     * One order's scores on one dataset.
     *
     * @param regret          best accuracy of the dataset minus the best among the first k tried, per k of {@code ks}
     * @param fractionBest    fraction of the dataset's models tried until the truly best is tried
     * @param fractionWithin  fraction tried until one within eps of the best is tried
     */
    public record OrderScore(String order, List<Double> regret, @JsonProperty("fraction_best") double fractionBest,
                             @JsonProperty("fraction_within") double fractionWithin) {
    }

    /**
     * An order's mean over datasets, with the spread: the standard deviation over datasets; for the random
     * order, over its repeats (each repeat's mean over datasets), which says how much luck there is.
     */
    public record OrderSummary(String order, List<Double> regret, @JsonProperty("regret_std") List<Double> regretStd,
                               @JsonProperty("fraction_best") double fractionBest,
                               @JsonProperty("fraction_best_std") double fractionBestStd,
                               @JsonProperty("fraction_within") double fractionWithin,
                               @JsonProperty("fraction_within_std") double fractionWithinStd,
                               @JsonProperty("tunes_within") double tunesWithin) {
    }

    /** Coverage of the nominal 80% and 90% intervals and their mean width. */
    public record Coverage(@JsonProperty("coverage_80") double coverage80, @JsonProperty("coverage_90") double coverage90,
                           @JsonProperty("width_80") double width80, @JsonProperty("width_90") double width90,
                           @JsonProperty("coverage_80_std") double coverage80Std,
                           @JsonProperty("coverage_90_std") double coverage90Std) {
    }

    /**
     * Where the stop rule stopped.
     *
     * @param tunes          fine-tunes used when it stopped (mean)
     * @param regret         regret there (mean)
     * @param withinEps      fraction of datasets where that regret is at most eps
     * @param staticTunes    for the best static order (fewest), mean fine-tunes until within eps; its name in {@code staticOrder}
     */
    public record StopSummary(double tunes, @JsonProperty("tunes_std") double tunesStd, double regret,
                              @JsonProperty("regret_std") double regretStd,
                              @JsonProperty("within_eps") double withinEps,
                              @JsonProperty("static_order") String staticOrder,
                              @JsonProperty("static_tunes") double staticTunes) {
    }

    /** One held-out dataset. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ActiveDataset(String dataset, int models, Coverage intervals,
                                @JsonProperty("stop_tunes") int stopTunes,
                                @JsonProperty("stop_regret") double stopRegret, List<OrderScore> orders) {
    }
}
