package dev.modelscout.recommender.evaluation;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The seven metrics of an evaluation: of one test dataset (see {@link DatasetScore#metrics()}), or their mean or
 * standard deviation over test datasets or splits. NaN values (a constant prediction, a single held-out model)
 * are left out of means and deviations; a metric with no value at all stays NaN (written as JSON null).
 */
public record Summary(double pearson, double spearman, double kendall,
                      @JsonProperty("weighted_tau") double weightedTau,
                      @JsonProperty("weighted_tau_rank_none") double weightedTauRankNone,
                      double regret, @JsonProperty("hit_at_k") double hitAtK) {

    /** The metrics' names, as in results.json, in report order; with the accessors in the same order. */
    private static final Map<String, ToDoubleFunction<Summary>> METRICS = metrics();

    private static Map<String, ToDoubleFunction<Summary>> metrics() {
        Map<String, ToDoubleFunction<Summary>> m = new LinkedHashMap<>();
        m.put("pearson", Summary::pearson);
        m.put("spearman", Summary::spearman);
        m.put("kendall", Summary::kendall);
        m.put("weighted_tau", Summary::weightedTau);
        m.put("weighted_tau_rank_none", Summary::weightedTauRankNone);
        m.put("regret", Summary::regret);
        m.put("hit_at_k", Summary::hitAtK);
        return m;
    }

    /** Metric names (as in results.json) and values, in report order. */
    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        METRICS.forEach((name, metric) -> m.put(name, metric.applyAsDouble(this)));
        return m;
    }

    /** Metric by metric, the mean of the non-NaN values of {@code s}. */
    public static Summary mean(List<Summary> s) {
        return combine(s, false);
    }

    /** Metric by metric, the population standard deviation of the non-NaN values of {@code s}. */
    public static Summary std(List<Summary> s) {
        return combine(s, true);
    }

    private static Summary combine(List<Summary> s, boolean std) {
        double[] m = METRICS.values().stream()
                .mapToDouble(metric -> {
                    double[] v = s.stream().mapToDouble(metric).toArray();
                    return std ? nanStd(v) : nanMean(v);
                })
                .toArray();
        return new Summary(m[0], m[1], m[2], m[3], m[4], m[5], m[6]);
    }

    static double nanMean(double[] v) {
        double s = 0;
        int n = 0;
        for (double d : v) {
            if (!Double.isNaN(d)) {
                s += d;
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }

    /** Population standard deviation over the non-NaN values. */
    static double nanStd(double[] v) {
        double m = nanMean(v);
        double s = 0;
        int n = 0;
        for (double d : v) {
            if (!Double.isNaN(d)) {
                s += (d - m) * (d - m);
                n++;
            }
        }
        return n == 0 ? Double.NaN : Math.sqrt(s / n);
    }
}
