package dev.modelscout.recommender.evaluation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.modelscout.recommender.Job;
import dev.modelscout.recommender.Metrics;
import java.util.List;

/**
 * Metrics of one test dataset (in one split, fold or subsample): predicted vs. true accuracy of its held-out
 * models.
 *
 * @param n     held-out jobs scored
 * @param split unseen-models: the split; learning-curve: the subsample; null otherwise (left out of the JSON)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DatasetScore(String dataset, int n, Integer split, double pearson, double spearman, double kendall,
                           @JsonProperty("weighted_tau") double weightedTau,
                           @JsonProperty("weighted_tau_rank_none") double weightedTauRankNone,
                           double regret, @JsonProperty("hit_at_k") double hitAtK) {

    /** Metrics of {@code predicted} against the accuracies of {@code rows} (the jobs of {@code dataset}). */
    public static DatasetScore of(String dataset, Integer split, List<Job> rows, double[] predicted, int topK) {
        double[] truth = rows.stream().mapToDouble(Job::accuracy).toArray();
        return new DatasetScore(dataset, rows.size(), split,
                Metrics.pearson(predicted, truth), Metrics.spearman(predicted, truth), Metrics.kendall(predicted, truth),
                Metrics.weightedTau(truth, predicted), Metrics.weightedTauRankedBy(truth, predicted),
                Metrics.regret(predicted, truth), Metrics.hitAtK(predicted, truth, topK));
    }

    /** The seven metrics, for averaging. */
    public Summary metrics() {
        return new Summary(pearson, spearman, kendall, weightedTau, weightedTauRankNone, regret, hitAtK);
    }

    /** Metric by metric, the mean over {@code scores} (NaN left out). */
    public static Summary mean(List<DatasetScore> scores) {
        return Summary.mean(scores.stream().map(DatasetScore::metrics).toList());
    }

    /** Metric by metric, the population standard deviation over {@code scores} (NaN left out). */
    public static Summary std(List<DatasetScore> scores) {
        return Summary.std(scores.stream().map(DatasetScore::metrics).toList());
    }
}
