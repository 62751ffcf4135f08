package dev.modelscout.scoring;

import dev.modelscout.core.FeatureMatrix;
import dev.modelscout.core.InvalidOptionException;
import dev.modelscout.core.Labels;

/**
 * GBC, Gaussian Bhattacharyya coefficient (Pandy et al., CVPR 2022), as google-research's
 * {@code stable_transfer/transferability/gbc.py} with diagonal Gaussians: each class is modelled by the
 * per-dimension mean and population variance of its features (variances floored at 1e-4), and
 * {@code GBC = - sum_{c != c'} exp(-D_B(c, c'))} with the Bhattacharyya distance
 * {@code D_B = 1/8 sum (mu - mu')^2 / s + 1/2 (sum log s - 1/2 sum log var - 1/2 sum log var')},
 * s = (var + var') / 2.
 *
 * <p>Range: [-C(C-1), 0]; higher (closer to 0, classes better separated) is better.
 *
 * <p>As in the paper, features are first reduced by PCA ({@link Config#pcaDims()}, default 64; exact and
 * deterministic, {@link Pca}); 0 uses them as they are. Features with at most that many dimensions are
 * used as they are.
 */
public final class Gbc implements TransferabilityScore {

    static final double MIN_VARIANCE = 1e-4;

    /** @param pcaDims reduce F to this many dimensions by exact PCA first (paper: 64); 0 = no reduction */
    public record Config(int pcaDims) {
        public Config {
            if (pcaDims < 0) {
                throw new InvalidOptionException("GBC: PCA dimensions must be >= 0 (0 = no PCA), not " + pcaDims);
            }
        }

        public static Config defaults() {
            return new Config(64);
        }
    }

    private final Config config;

    public Gbc() {
        this(Config.defaults());
    }

    public Gbc(Config config) {
        this.config = config;
    }

    public Config config() {
        return config;
    }

    @Override
    public String name() {
        return "gbc";
    }

    @Override
    public double score(FeatureMatrix features, Labels labels, FeatureMatrix probabilities) {
        Labels y = ScoreInputs.check(name(), features, labels);
        FeatureMatrix f = config.pcaDims() > 0 && features.cols() > config.pcaDims()
                ? Pca.reduce(features, config.pcaDims()) : features;
        int n = f.rows();
        int d = f.cols();
        int c = y.numClasses();
        int[] counts = y.counts();
        int[] ids = y.ids();
        double[] x = f.data();
        double[] mean = ClassStats.means(x, n, d, ids, counts);
        double[] var = new double[c * d];
        for (int i = 0; i < n; i++) {
            int row = ids[i] * d;
            for (int j = 0; j < d; j++) {
                double v = x[i * d + j] - mean[row + j];
                var[row + j] += v * v;
            }
        }
        double[] logVar = new double[c];
        for (int k = 0; k < c; k++) {
            for (int j = 0; j < d; j++) {
                var[k * d + j] = Math.max(var[k * d + j] / counts[k], MIN_VARIANCE);
                logVar[k] += Math.log(var[k * d + j]);
            }
        }
        double total = 0;
        for (int a = 0; a < c; a++) {
            for (int b = 0; b < c; b++) {
                if (a == b) {
                    continue;
                }
                double first = 0;
                double logAvg = 0;
                for (int j = 0; j < d; j++) {
                    double s = (var[a * d + j] + var[b * d + j]) / 2;
                    double diff = mean[a * d + j] - mean[b * d + j];
                    first += diff * diff / s;
                    logAvg += Math.log(s);
                }
                double distance = first / 8 + 0.5 * (logAvg - 0.5 * logVar[a] - 0.5 * logVar[b]);
                total += Math.exp(-distance);
            }
        }
        return ScoreInputs.finite(name(), -total);
    }
}
