package dev.modelscout.recommender.guided;

import dev.modelscout.recommender.Calibration;

/**
 * The predictive distribution of the candidates' accuracies on the target after the jobs observed so far: a
 * normal per candidate (mean, standard deviation), in candidate order. Observed candidates have their
 * accuracy as mean and standard deviation 0.
 */
public record Belief(double[] mean, double[] sd) {

    public Belief {
        if (mean.length != sd.length) {
            throw new IllegalArgumentException("belief: " + mean.length + " means but " + sd.length + " deviations");
        }
        mean = mean.clone();
        sd = sd.clone();
    }

    public int size() {
        return mean.length;
    }

    /** The central {@code level} interval of candidate {@code i}, clipped to [0, 1]. */
    public double[] interval(int i, double level) {
        double z = quantile((1 + level) / 2);
        return new double[] {Calibration.clip(mean[i] - z * sd[i]), Calibration.clip(mean[i] + z * sd[i])};
    }

    /** The standard normal quantile of {@code p} in (0,1), by bisection on {@link Normal#cdf} (1e-10). */
    static double quantile(double p) {
        double lo = -10;
        double hi = 10;
        for (int i = 0; i < 80; i++) {
            double mid = (lo + hi) / 2;
            if (Normal.cdf(mid) < p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }
}
