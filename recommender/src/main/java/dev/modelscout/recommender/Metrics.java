package dev.modelscout.recommender;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Agreement between predicted and true accuracies of the models of one dataset. Every method returns
 * {@code NaN} when it is undefined (fewer than two values, or a constant input).
 */
public final class Metrics {

    private Metrics() {
    }

    /** Pearson's r. */
    public static double pearson(double[] x, double[] y) {
        check(x, y);
        int n = x.length;
        if (n < 2) {
            return Double.NaN;
        }
        double mx = mean(x);
        double my = mean(y);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double a = x[i] - mx;
            double b = y[i] - my;
            sxy += a * b;
            sxx += a * a;
            syy += b * b;
        }
        if (sxx == 0 || syy == 0) {
            return Double.NaN;
        }
        return clamp(sxy / Math.sqrt(sxx * syy));
    }

    /** Spearman's rho: Pearson's r of the ranks (ties get their average rank). */
    public static double spearman(double[] x, double[] y) {
        check(x, y);
        return pearson(ranks(x), ranks(y));
    }

    /** Kendall's tau-b (ties in either input handled as in scipy.stats.kendalltau). O(n^2). */
    public static double kendall(double[] x, double[] y) {
        check(x, y);
        int n = x.length;
        if (n < 2) {
            return Double.NaN;
        }
        long concordantMinusDiscordant = 0;
        long notTiedX = 0;
        long notTiedY = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                int sx = Double.compare(x[i], x[j]);
                int sy = Double.compare(y[i], y[j]);
                sx = Integer.signum(sx);
                sy = Integer.signum(sy);
                if (sx != 0) {
                    notTiedX++;
                }
                if (sy != 0) {
                    notTiedY++;
                }
                concordantMinusDiscordant += (long) sx * sy;
            }
        }
        if (notTiedX == 0 || notTiedY == 0) {
            return Double.NaN;
        }
        return clamp(concordantMinusDiscordant / Math.sqrt((double) notTiedX) / Math.sqrt((double) notTiedY));
    }

    /**
     * Weighted Kendall tau exactly as {@code scipy.stats.weightedtau(x, y)} with its defaults
     * ({@code rank=True}, hyperbolic weigher {@code 1/(r+1)}, additive): the mean of
     * {@link #weightedTauRankedBy(double[], double[]) weightedTauRankedBy(x, y)} and
     * {@code weightedTauRankedBy(y, x)}.
     */
    public static double weightedTau(double[] x, double[] y) {
        return (weightedTauRankedBy(x, y) + weightedTauRankedBy(y, x)) / 2;
    }

    /**
     * Weighted Kendall tau as {@code scipy.stats.weightedtau(x, y, rank=None)}: element i gets rank r_i by
     * decreasing x (ties broken by decreasing y, then by decreasing position, as scipy's lexsort does), weight
     * w_i = 1/(r_i+1); a pair weighs w_i + w_j. tau = (sum over pairs of weight * sign(dx) * sign(dy)) /
     * sqrt(weight of pairs not tied in x) / sqrt(weight of pairs not tied in y).
     */
    public static double weightedTauRankedBy(double[] x, double[] y) {
        check(x, y);
        int n = x.length;
        if (n < 2) {
            return Double.NaN;
        }
        // scipy: perm = lexsort((y, x)) (ascending x, then y, then index); rank of perm[n-1-i] is i.
        Integer[] perm = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(perm, Comparator.<Integer>comparingDouble(i -> x[i]).thenComparingDouble(i -> y[i])
                .thenComparingInt(i -> i));
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[perm[n - 1 - i]] = 1.0 / (i + 1);
        }
        double num = 0;
        double notTiedX = 0;
        double notTiedY = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double wij = w[i] + w[j];
                int sx = Integer.signum(Double.compare(x[i], x[j]));
                int sy = Integer.signum(Double.compare(y[i], y[j]));
                if (sx != 0) {
                    notTiedX += wij;
                }
                if (sy != 0) {
                    notTiedY += wij;
                }
                num += wij * sx * sy;
            }
        }
        if (notTiedX == 0 || notTiedY == 0) {
            return Double.NaN;
        }
        return clamp(num / Math.sqrt(notTiedX) / Math.sqrt(notTiedY));
    }

    /** Top-1 regret: best true accuracy minus the true accuracy of the model predicted best. */
    public static double regret(double[] predicted, double[] truth) {
        check(predicted, truth);
        if (truth.length == 0) {
            return Double.NaN;
        }
        int top = argmax(predicted);
        return Arrays.stream(truth).max().orElseThrow() - truth[top];
    }

    /** 1 when a truly best model is among the k models predicted best, else 0. */
    public static double hitAtK(double[] predicted, double[] truth, int k) {
        check(predicted, truth);
        if (truth.length == 0) {
            return Double.NaN;
        }
        double best = Arrays.stream(truth).max().orElseThrow();
        Integer[] order = IntStream.range(0, predicted.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, (a, b) -> Double.compare(predicted[b], predicted[a]));
        for (int i = 0; i < Math.min(k, order.length); i++) {
            if (truth[order[i]] == best) {
                return 1;
            }
        }
        return 0;
    }

    /** 1-based ranks, ties get their average rank. */
    public static double[] ranks(double[] v) {
        int n = v.length;
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> v[i]));
        double[] r = new double[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && v[order[j + 1]] == v[order[i]]) {
                j++;
            }
            double avg = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                r[order[k]] = avg;
            }
            i = j + 1;
        }
        return r;
    }

    static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    static double mean(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d;
        }
        return s / v.length;
    }

    private static double clamp(double v) {
        return Math.max(-1, Math.min(1, v));
    }

    private static void check(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("inputs differ in length: " + x.length + " vs " + y.length);
        }
    }
}
