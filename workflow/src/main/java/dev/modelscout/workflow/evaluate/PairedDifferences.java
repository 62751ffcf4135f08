package dev.modelscout.workflow.evaluate;

import dev.modelscout.report.EvaluationReport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * The recommender against the baseline, paired by test dataset: for each metric, the mean over the test datasets of
 * (recommender - baseline) on the same dataset, with a 95% paired-bootstrap interval: the datasets are drawn with
 * replacement {@link #REPLICATES} times and the 2.5th and 97.5th percentiles of the resampled means taken.
 *
 * <p>Why a bootstrap over datasets and not a t interval: the test datasets are the unit that varies (a new user's
 * dataset is a new draw), their differences are bounded and often skewed (regret has a floor at 0), and the
 * percentile bootstrap needs no normality. With few datasets (below ten) any interval is rough; the page shows how
 * many there were. Seeded: the same results give the same interval.
 */
public final class PairedDifferences {

    /** Bootstrap resamples. */
    public static final int REPLICATES = 10_000;

    static final long SEED = 20_261_207L;

    static final String METHOD = "95% interval: paired bootstrap over the test datasets (" + REPLICATES
            + " resamples, percentile)";

    private PairedDifferences() {
    }

    /**
     * The paired difference of {@code recommender} minus {@code baseline} over the datasets where both have a
     * finite value of {@code metric} (each dataset's values averaged first).
     */
    static <T> EvaluationReport.PairedDifference of(String metric, List<T> rows, ToDoubleFunction<T> value,
            java.util.function.Function<T, String> recommender, java.util.function.Function<T, String> dataset,
            String main, String baseline) {
        Map<String, double[]> a = means(rows, value, recommender, dataset, main);
        Map<String, double[]> b = means(rows, value, recommender, dataset, baseline);
        List<Double> d = new ArrayList<>();
        a.forEach((ds, s) -> {
            double[] t = b.get(ds);
            if (t != null && s[1] > 0 && t[1] > 0) {
                d.add(s[0] / s[1] - t[0] / t[1]);
            }
        });
        double[] diffs = d.stream().mapToDouble(Double::doubleValue).toArray();
        double[] ci = interval(diffs, REPLICATES, SEED);
        return new EvaluationReport.PairedDifference(metric, diffs.length,
                diffs.length == 0 ? Double.NaN : Arrays.stream(diffs).average().orElse(Double.NaN), ci[0], ci[1], METHOD);
    }

    private static <T> Map<String, double[]> means(List<T> rows, ToDoubleFunction<T> value,
            java.util.function.Function<T, String> recommender, java.util.function.Function<T, String> dataset,
            String who) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (T r : rows) {
            double v = value.applyAsDouble(r);
            if (recommender.apply(r).equals(who) && Double.isFinite(v)) {
                double[] s = out.computeIfAbsent(dataset.apply(r), x -> new double[2]);
                s[0] += v;
                s[1]++;
            }
        }
        return out;
    }

    /**
     * The 95% percentile-bootstrap interval of the mean of {@code d}: {@code replicates} resamples of d with
     * replacement; {NaN, NaN} below two values. Invariant: low <= mean of d <= high is not guaranteed, but low <= high
     * and both lie within [min d, max d].
     */
    static double[] interval(double[] d, int replicates, long seed) {
        if (d.length < 2) {
            return new double[] {Double.NaN, Double.NaN};
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] means = new double[replicates];
        for (int r = 0; r < replicates; r++) {
            double s = 0;
            for (int i = 0; i < d.length; i++) {
                s += d[random.nextInt(d.length)];
            }
            means[r] = s / d.length;
        }
        Arrays.sort(means);
        return new double[] {means[(int) Math.floor(0.025 * (replicates - 1))],
            means[(int) Math.ceil(0.975 * (replicates - 1))]};
    }
}
