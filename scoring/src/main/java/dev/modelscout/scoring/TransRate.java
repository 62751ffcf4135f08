package dev.modelscout.scoring;

import dev.modelscout.core.FeatureMatrix;
import dev.modelscout.core.Labels;

/**
 * TransRate (Huang et al., ICML 2022), as the authors' code: with features centred by their global mean
 * Z, the coding rate {@code R(Z) = 1/2 log det(I + Z^T Z / (n eps))}, eps = 1e-4, and the score
 * {@code R(Z) - (1/C) sum_c R(Z_c)} where Z_c are the (globally centred) rows of class c.
 *
 * <p>Range: [0, inf) in practice (the rate of the whole exceeds the average rate of its parts); higher is
 * better. It is not scale invariant: it depends on the feature scale relative to eps, as in the paper.
 *
 * <p>How: each log det by a Cholesky factorisation of the smaller of the D x D and n x n Gram matrices
 * (det(I + A^T A) = det(I + A A^T)), so classes with fewer than D images cost n_c x n_c only.
 */
public final class TransRate implements TransferabilityScore {

    static final double EPS = 1e-4;

    @Override
    public String name() {
        return "transrate";
    }

    @Override
    public double score(FeatureMatrix features, Labels labels, FeatureMatrix probabilities) {
        Labels y = ScoreInputs.check(name(), features, labels);
        int n = features.rows();
        int d = features.cols();
        double[] z = Pca.centered(features);
        double whole = codingRate(z, n, d);
        int[] counts = y.counts();
        double parts = 0;
        for (int c = 0; c < counts.length; c++) {
            parts += codingRate(ClassStats.rowsOf(z, n, d, y.ids(), c, counts[c]), counts[c], d);
        }
        return ScoreInputs.finite(name(), whole - parts / counts.length);
    }

    /** 1/2 log det(I + Z^T Z / (n eps)) of a row-major n x d matrix. */
    static double codingRate(double[] z, int n, int d) {
        int m = Math.min(n, d);
        double[] g = n >= d ? Linalg.gram(z, n, d) : Linalg.outerGram(z, n, d);
        double scale = 1 / (n * EPS);
        for (int i = 0; i < g.length; i++) {
            g[i] *= scale;
        }
        for (int i = 0; i < m; i++) {
            g[i * m + i] += 1;
        }
        return 0.5 * Linalg.logDetSpd(g, m);
    }
}
