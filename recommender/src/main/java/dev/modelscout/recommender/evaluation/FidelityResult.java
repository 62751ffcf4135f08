package dev.modelscout.recommender.evaluation;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What {@code --protocol active} measured on the learning curves beside the history ({@link FidelityReplay}): every
 * order charged in backbone-epochs (one epoch of one backbone), replayed on each seed's runs separately; a
 * backbone counts as found only once fine-tuned for every epoch, the pick is the one of highest validation accuracy
 * in that seed's run, and its regret is against the history's accuracy (the mean over seeds).
 *
 * @param curves    the curves file
 * @param epochs    epochs of a full fine-tune (its cost in backbone-epochs)
 * @param seeds     seeds replayed per dataset
 * @param datasets  held-out datasets replayed (those with complete curves)
 * @param skipped   held-out datasets without complete curves, and why
 * @param budgets   the budgets (backbone-epochs) of {@code regret}
 * @param orders    full orders (each backbone fine-tuned for every epoch, in the order's sequence) and
 *                  multi-fidelity ones, each averaged over datasets and seeds
 */
public record FidelityResult(String curves, int epochs, int seeds, List<String> datasets, List<Skipped> skipped,
                             List<Integer> budgets, List<Order> orders) {

    /** Kind of a full order: every backbone it tries is fine-tuned for every epoch. */
    public static final String FULL = "full";
    /** Kind of a multi-fidelity order: some backbones are stopped after fewer epochs. */
    public static final String MULTI = "multi_fidelity";

    public FidelityResult {
        datasets = List.copyOf(datasets);
        skipped = List.copyOf(skipped);
        budgets = List.copyOf(budgets);
        orders = List.copyOf(orders);
    }

    /** A held-out dataset left out of the replay. */
    public record Skipped(String dataset, String reason) {
    }

    /**
     * One order over every (dataset, seed) run.
     *
     * @param regret         mean regret of the pick after spending each budget (null where, on some run, nothing
     *                       was fine-tuned for every epoch within it)
     * @param regretStd      its standard deviation over the (dataset, seed) runs
     * @param regretSeedStd  the standard deviation over seeds of each seed's mean over datasets
     * @param cost           backbone-epochs the order spends when run to its end (mean)
     * @param finalRegret    the regret of its pick at its end (mean; for a full order: every backbone fine-tuned)
     * @param pickedBest     fraction of runs whose pick at the end is the truly best
     * @param costToBest     backbone-epochs until the pick is first the truly best (mean over the runs that get there)
     * @param bestReached    fraction of runs that get there
     * @param costToWithin   likewise until the pick is first within eps of the best
     * @param withinReached  fraction of runs that get there
     */
    public record Order(String order, String kind, List<Double> regret,
                        @JsonProperty("regret_std") List<Double> regretStd,
                        @JsonProperty("regret_seed_std") List<Double> regretSeedStd, double cost,
                        @JsonProperty("final_regret") double finalRegret,
                        @JsonProperty("final_regret_std") double finalRegretStd,
                        @JsonProperty("picked_best") double pickedBest,
                        @JsonProperty("cost_to_best") double costToBest,
                        @JsonProperty("best_reached") double bestReached,
                        @JsonProperty("cost_to_within") double costToWithin,
                        @JsonProperty("within_reached") double withinReached) {
    }
}
