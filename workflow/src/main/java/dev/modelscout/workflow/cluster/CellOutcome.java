package dev.modelscout.workflow.cluster;

import dev.modelscout.recommender.Job;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a {@link CellRunner} computed for one cell.
 *
 * @param scores   score name -> value, in the order computed (empty when the cell computes none)
 * @param accuracy the fine-tuned accuracy in [0, 1], or NaN for a score cell
 * @param row      the cell's row in the history schema (scores, and the accuracy when known)
 * @param timings  seconds per step ({@code features_s}, {@code scores_s}, {@code finetune_s}, ...)
 * @param device   where it computed ({@code cpu}, {@code cuda:0})
 * @param details  more facts for the result file (features: images, dimension, cached; fine-tuning: epochs, ...),
 *                 as JSON-ready values (numbers, strings, booleans, lists and maps of them)
 */
public record CellOutcome(Map<String, Double> scores, double accuracy, Job row, Map<String, Double> timings,
                          String device, Map<String, Object> details) {

    public CellOutcome {
        scores = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(scores));
        timings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(timings));
        details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }
}
