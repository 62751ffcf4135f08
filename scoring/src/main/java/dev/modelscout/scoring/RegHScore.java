package dev.modelscout.scoring;

import dev.modelscout.core.FeatureMatrix;
import dev.modelscout.core.Labels;

/**
 * Shrinkage-regularised H-score (Ibrahim et al., "Newer is not always better", 2022), as in their code
 * (and TLlib's {@code regularized_h_score}): with centred features, the Ledoit-Wolf shrunk covariance
 * {@code cov_a = (1 - a) S + a (tr S / D) I} (S = F^T F / N, a = Ledoit-Wolf's shrinkage, computed as
 * scikit-learn's {@code ledoit_wolf_shrinkage}), the score is {@code tr(cov_a^+ (1 - a) cov(E[f | y]))},
 * cov(E[f|y]) with N - 1.
 *
 * <p>Range: [0, C - 1]; higher is better.
 *
 * <p>How: D x D products only: |X^T X|_F^2 from the Gram matrix, sum_ij (X^2)^T X^2 = sum_i |x_i|^4
 * without a product, and the trace by one Cholesky solve with the C class means (an eigen pseudo-inverse,
 * rcond 1e-15 as the reference, when cov_a is singular, i.e. a = 0 and S singular).
 */
public final class RegHScore implements TransferabilityScore {

    @Override
    public String name() {
        return "reg_hscore";
    }

    /** The Ledoit-Wolf shrinkage a of centred rows x (n x d), given G = x^T x. */
    static double shrinkage(double[] x, int n, int d, double[] g) {
        double traceSum = 0; // sum_j emp_cov_jj = |x|_F^2 / n
        double beta0 = 0; // sum_i |x_i|^4
        for (int i = 0; i < n; i++) {
            double r = 0;
            for (int j = 0; j < d; j++) {
                double v = x[i * d + j];
                r += v * v;
            }
            traceSum += r;
            beta0 += r * r;
        }
        traceSum /= n;
        double mu = traceSum / d;
        double delta0 = 0;
        for (double v : g) {
            delta0 += v * v;
        }
        delta0 /= (double) n * n;
        double beta = 1.0 / ((double) d * n) * (beta0 / n - delta0);
        double delta = (delta0 - 2 * mu * traceSum + d * mu * mu) / d;
        beta = Math.min(beta, delta);
        return beta == 0 ? 0 : beta / delta;
    }

    @Override
    public double score(FeatureMatrix features, Labels labels, FeatureMatrix probabilities) {
        Labels y = ScoreInputs.check(name(), features, labels);
        int n = features.rows();
        int d = features.cols();
        int c = y.numClasses();
        double[] x = Pca.centered(features);
        double[] g = Linalg.gram(x, n, d);
        double trace = 0;
        for (int j = 0; j < d; j++) {
            trace += g[j * d + j];
        }
        if (!(trace > 0)) {
            throw new ScoringException(name() + ": all feature rows are identical, the score is undefined");
        }
        double a = shrinkage(x, n, d, g);
        double mu = trace / n / d;
        double[] cov = new double[d * d];
        for (int i = 0; i < cov.length; i++) {
            cov[i] = (1 - a) * g[i] / n;
        }
        for (int j = 0; j < d; j++) {
            cov[j * d + j] += a * mu;
        }
        int[] counts = y.counts();
        double[] means = ClassStats.means(x, n, d, y.ids(), counts);
        double[] w = new double[c];
        for (int k = 0; k < c; k++) {
            w[k] = (1 - a) * counts[k] / (double) (n - 1);
        }
        double value;
        try {
            value = ClassStats.weightedQuadratic(cov, d, means, c, w);
        } catch (ScoringException notDefinite) {
            value = pinvQuadratic(cov, d, means, c, w);
        }
        return ScoreInputs.finite(name(), value);
    }

    /** As {@link ClassStats#weightedQuadratic} with the pseudo-inverse (eigenvalues below 1e-15 max dropped). */
    static double pinvQuadratic(double[] a, int d, double[] means, int c, double[] weight) {
        Linalg.Eigen e = Linalg.eigh(a, d);
        double max = 0;
        for (double v : e.values()) {
            max = Math.max(max, Math.abs(v));
        }
        double cut = 1e-15 * max;
        double[] p = Linalg.mul(means, c, d, e.vectors(), d); // c x d projections on eigenvectors
        double sum = 0;
        for (int k = 0; k < c; k++) {
            double q = 0;
            for (int i = 0; i < d; i++) {
                double lam = e.values()[i];
                if (Math.abs(lam) > cut) {
                    q += p[k * d + i] * p[k * d + i] / lam;
                }
            }
            sum += weight[k] * q;
        }
        return sum;
    }
}
