package dev.modelscout.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an {@code evaluate --report} page shows: per test dataset, how well the recommender and the popularity
 * baseline ranked its held-out models; for the learning-curve protocol, quality against the share of the history
 * used; and which (dataset, model) pairs the history covers. Plain values, no types of the other modules; an
 * unknown number is NaN.
 *
 * @param protocol    the protocol's id (leave-one-dataset-out, unseen-models, train-test, learning-curve)
 * @param k           k of the top-k hit rate
 * @param summaries   the recommender's, then the baseline's (when evaluated), mean and standard deviation
 * @param perDataset  every test dataset's metrics, of each recommender (unseen-models: one row per split;
 *                    learning-curve: at the largest fraction)
 * @param curve       learning-curve points of each recommender; empty for the other protocols
 * @param coverage    the history's datasets x models
 * @param history     the history's provenance
 * @param settings    the protocol's settings, for people (name -> value)
 * @param timing      for people: fits and seconds
 * @param differences the recommender minus the baseline, paired by test dataset, per metric; empty without a baseline
 * @param choices     what an auto recommender chose in each fit, in fit order; empty for other recommenders
 */
public record EvaluationReport(String protocol, int k, List<Summary> summaries, List<DatasetMetrics> perDataset,
                               List<CurvePoint> curve, Coverage coverage, History history,
                               Map<String, String> settings, String timing, String version, String createdAt,
                               List<PairedDifference> differences, List<AutoChoice> choices) {

    public EvaluationReport {
        Objects.requireNonNull(protocol, "protocol");
        summaries = List.copyOf(summaries);
        perDataset = List.copyOf(perDataset);
        curve = List.copyOf(curve);
        Objects.requireNonNull(coverage, "coverage");
        Objects.requireNonNull(history, "history");
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        differences = List.copyOf(differences);
        choices = List.copyOf(choices);
        if (summaries.isEmpty()) {
            throw new IllegalArgumentException("an evaluation report needs the recommender's summary");
        }
    }

    /**
     * A recommender's mean and standard deviation of each metric over the test datasets.
     *
     * @param baseline true for the popularity baseline evaluated beside the recommender
     * @param mean     metric name (pearson, spearman, kendall, weighted_tau, ..., regret, hit_at_k) -> mean
     * @param std      the same names -> standard deviation
     */
    public record Summary(String recommender, boolean baseline, Map<String, Double> mean, Map<String, Double> std) {
        public Summary {
            mean = Collections.unmodifiableMap(new LinkedHashMap<>(mean));
            std = Collections.unmodifiableMap(new LinkedHashMap<>(std));
        }
    }

    /**
     * One test dataset's metrics (in one split or subsample).
     *
     * @param split the split (unseen-models) or subsample, null otherwise
     * @param n     held-out jobs scored
     */
    public record DatasetMetrics(String recommender, String dataset, Integer split, int n, double pearson,
                                 double kendall, double regret) {
    }

    /**
     * One learning-curve point.
     *
     * @param fraction  share of the training jobs used
     * @param trainRows mean training jobs per fit
     */
    public record CurvePoint(String recommender, double fraction, double trainRows, double pearson, double kendall,
                             double regret) {
    }

    /**
     * The history's coverage: its datasets and models, and the pairs with a job.
     *
     * @param cells one per (dataset, model) pair with one or more jobs
     */
    public record Coverage(List<String> datasets, List<String> models, List<Cell> cells) {
        public Coverage {
            datasets = List.copyOf(datasets);
            models = List.copyOf(models);
            cells = List.copyOf(cells);
        }
    }

    /**
     * The recommender's metric minus the baseline's, paired by test dataset (each dataset's mean over its splits).
     *
     * @param metric   pearson, kendall or regret
     * @param datasets test datasets where both have the metric
     * @param mean     mean difference
     * @param low      the interval's low end (NaN below two datasets)
     * @param high     its high end
     * @param method   how the interval was made, for people
     */
    public record PairedDifference(String metric, int datasets, double mean, double low, double high, String method) {
    }

    /**
     * What an auto recommender chose in one fit.
     *
     * @param heldOut the one dataset that fit did not train on, or null when it is not exactly one
     */
    public record AutoChoice(String heldOut, String choice) {
    }

    /** A (dataset, model) pair of the history: its jobs and their mean fine-tuned accuracy. */
    public record Cell(String dataset, String model, int jobs, double meanAccuracy) {
    }

    /** The history file, the SHA-256 of its bytes and its number of jobs; the features the recommender read. */
    public record History(String source, String sha256, int jobs, List<String> features) {
        public History {
            features = List.copyOf(features);
        }
    }
}
