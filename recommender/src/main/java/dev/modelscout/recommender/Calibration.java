package dev.modelscout.recommender;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Prediction intervals of a recommender, split-conformal on its own leave-one-dataset-out residuals
 * ({@link LodoResiduals}): for nominal level {@code 1 - alpha} the half-width is the
 * {@code (1 - alpha)(1 + 1/n)} quantile of |actual - predicted| over the n residuals of the D held-out datasets,
 * each dataset weighing the same (so a new dataset, not a new job, is the exchangeable unit: what a user's target
 * is). An interval is {@code predicted +- halfWidth}, clipped to [0, 1].
 *
 * <p>Out of domain (a model or dataset the recommender did not learn, a column it reads that is empty), the
 * prediction says little, so the interval is widened to also cover the {@code level} central range of the
 * accuracies of the held-out jobs (dataset-weighted): what is known with no information about the pair.
 *
 * @param method   how it was made (text, for people)
 * @param datasets held-out datasets the residuals come from
 * @param jobs     residuals used
 * @param bands    one per nominal level, increasing
 */
public record Calibration(String method, int datasets, int jobs, List<Band> bands) {

    /** The levels calibrated by default: 80% and 90%. */
    public static final List<Double> LEVELS = List.of(0.8, 0.9);

    /** The level {@code recommend} and {@code select} show. */
    public static final double SHOWN = 0.9;

    /**
     * One nominal level.
     *
     * @param level         nominal coverage in (0,1)
     * @param halfWidth     conformal half-width (1 when too few jobs for the level: the interval is then [0,1])
     * @param marginalLow   the (1 - level)/2 quantile of the held-out accuracies
     * @param marginalHigh  the (1 + level)/2 quantile of the held-out accuracies
     */
    public record Band(double level, double halfWidth, double marginalLow, double marginalHigh) {
        public Band {
            if (!(level > 0 && level < 1)) {
                throw new IllegalArgumentException("calibration level " + level + " is not in (0,1)");
            }
            if (!(halfWidth >= 0)) {
                throw new IllegalArgumentException("calibration half-width " + halfWidth + " is not >= 0");
            }
        }
    }

    /** A prediction with its interval, all in [0, 1]. */
    public record Interval(double predicted, double low, double high, boolean outOfDomain) {
        @JsonIgnore
        public double width() {
            return high - low;
        }

        public boolean covers(double actual) {
            return actual >= low && actual <= high;
        }
    }

    public Calibration {
        bands = List.copyOf(bands);
    }

    /** Calibrates the {@link #LEVELS} on {@code residuals}; null when there are none. */
    public static Calibration of(LodoResiduals residuals) {
        return of(residuals, LEVELS);
    }

    /** Calibrates {@code levels} on {@code residuals}; null when there are none. */
    public static Calibration of(LodoResiduals residuals, List<Double> levels) {
        if (residuals.isEmpty()) {
            return null;
        }
        Map<String, Integer> perDataset = new HashMap<>();
        residuals.residuals().forEach(r -> perDataset.merge(r.dataset(), 1, Integer::sum));
        int d = perDataset.size();
        int n = residuals.residuals().size();
        double[] abs = new double[n];
        double[] acc = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            LodoResiduals.Residual r = residuals.residuals().get(i);
            abs[i] = Math.abs(r.value());
            acc[i] = r.actual();
            w[i] = 1.0 / (d * perDataset.get(r.dataset()));
        }
        List<Band> bands = new ArrayList<>();
        for (double level : levels.stream().sorted().toList()) {
            double q = level * (1 + 1.0 / n);
            double half = q >= 1 ? 1.0 : weightedQuantile(abs, w, q); // too few datasets: [0,1]
            bands.add(new Band(level, half, weightedQuantile(acc, w, (1 - level) / 2),
                    weightedQuantile(acc, w, (1 + level) / 2)));
        }
        return new Calibration("split-conformal on leave-one-dataset-out |residuals|, each dataset weighing the same",
                d, n, bands);
    }

    /** The smallest value whose cumulative weight (values sorted) reaches {@code q} of the total. */
    static double weightedQuantile(double[] values, double[] weights, double q) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
        double total = 0;
        for (double x : weights) {
            total += x;
        }
        double cum = 0;
        for (int i : order) {
            cum += weights[i];
            if (cum >= q * total - 1e-12) {
                return values[i];
            }
        }
        return values[order[order.length - 1]];
    }

    /** The band of {@code level} (one of the calibrated levels). */
    public Band band(double level) {
        return bands.stream().filter(b -> Math.abs(b.level() - level) < 1e-9).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no interval calibrated at level " + level + " (have "
                        + bands.stream().map(b -> Double.toString(b.level())).toList() + ")"));
    }

    /** The interval of {@code predicted} at {@code level}, widened when {@code outOfDomain}. */
    public Interval interval(double predicted, double level, boolean outOfDomain) {
        Band b = band(level);
        double p = clip(predicted);
        double low = clip(predicted - b.halfWidth());
        double high = clip(predicted + b.halfWidth());
        if (outOfDomain) {
            low = Math.min(low, b.marginalLow());
            high = Math.max(high, b.marginalHigh());
        }
        return new Interval(p, low, high, outOfDomain);
    }

    /** {@code x} clipped to [0, 1] (an accuracy). */
    public static double clip(double x) {
        return Math.max(0, Math.min(1, x));
    }
}
