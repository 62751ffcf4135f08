package dev.modelscout.scoring;

import dev.modelscout.core.FeatureMatrix;
import dev.modelscout.core.Labels;

/**
 * H-score (Bao et al., ICIP 2019) in dbolya/parc's fast form on standardised features:
 * {@code tr((cov(f) + eps I)^-1 cov(E[f | y]))}, eps = 1e-8, covariances with N - 1, f the features
 * standardised per column (StandardScaler; a constant column becomes zeros and is ignored).
 *
 * <p>Range: [0, C - 1] (the rank of cov(E[f|y]) bounds it); higher is better.
 *
 * <p>How: cov(E[f|y]) = sum_c n_c mu_c mu_c^T / (N - 1), so the trace is
 * {@code sum_c n_c / (N - 1) mu_c^T (cov(f) + eps I)^-1 mu_c}: one D x D product and one Cholesky solve
 * with C right-hand sides.
 */
public final class HScore implements TransferabilityScore {

    static final double EPS = 1e-8;

    @Override
    public String name() {
        return "hscore";
    }

    @Override
    public double score(FeatureMatrix features, Labels labels, FeatureMatrix probabilities) {
        Labels y = ScoreInputs.check(name(), features, labels);
        int n = features.rows();
        int d = features.cols();
        int c = y.numClasses();
        double[] fs = Pca.standardized(features);
        double[] cov = Linalg.gram(fs, n, d);
        for (int i = 0; i < cov.length; i++) {
            cov[i] /= n - 1;
        }
        for (int j = 0; j < d; j++) {
            cov[j * d + j] += EPS;
        }
        int[] counts = y.counts();
        double[] means = ClassStats.means(fs, n, d, y.ids(), counts);
        double[] w = new double[c];
        for (int k = 0; k < c; k++) {
            w[k] = counts[k] / (double) (n - 1);
        }
        return ScoreInputs.finite(name(), ClassStats.weightedQuadratic(cov, d, means, c, w));
    }
}
