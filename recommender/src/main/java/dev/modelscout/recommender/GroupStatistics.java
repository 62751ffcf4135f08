package dev.modelscout.recommender;

import dev.modelscout.recommender.AutoRecommender.Metric;

/**
 * Statistics over per-group values of {@code auto}'s inner validation: one value per held-out (fold, dataset)
 * group, NaN where a group has no prediction or the metric is undefined there; NaNs are left out.
 */
final class GroupStatistics {

    private GroupStatistics() {
    }

    /** The metric of each group's predictions (NaN where a group has none or the metric is undefined). */
    static double[] metric(double[][] preds, double[][] truth, Metric m) {
        double[] out = new double[truth.length];
        for (int g = 0; g < truth.length; g++) {
            out[g] = preds[g] == null ? Double.NaN : m.of(preds[g], truth[g]);
        }
        return out;
    }

    static double[] difference(double[] a, double[] b) {
        double[] d = new double[a.length];
        for (int g = 0; g < d.length; g++) {
            d[g] = a[g] - b[g];
        }
        return d;
    }

    static int finite(double[] v) {
        int n = 0;
        for (double x : v) {
            if (!Double.isNaN(x)) {
                n++;
            }
        }
        return n;
    }

    /** Mean of the finite values (NaN when none). */
    static double mean(double[] v) {
        double s = 0;
        int n = 0;
        for (double x : v) {
            if (!Double.isNaN(x)) {
                s += x;
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }

    /** The mean of the finite values, -infinity when none (so that an unscored candidate never wins). */
    static double rankable(double[] v) {
        double m = mean(v);
        return Double.isNaN(m) ? Double.NEGATIVE_INFINITY : m;
    }

    /** Standard error of the mean of the finite values (0 with fewer than 2). */
    static double standardError(double[] v) {
        double m = mean(v);
        int n = finite(v);
        if (n < 2) {
            return 0;
        }
        double ss = 0;
        for (double x : v) {
            if (!Double.isNaN(x)) {
                ss += (x - m) * (x - m);
            }
        }
        return Math.sqrt(ss / (n - 1) / n);
    }
}
