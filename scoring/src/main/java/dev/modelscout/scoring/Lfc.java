package dev.modelscout.scoring;

import dev.modelscout.core.FeatureMatrix;
import dev.modelscout.core.Labels;

/**
 * LFC, label-feature correlation (Deshpande et al. 2021), in Model-Spider's formulation: the Gram matrix
 * K = F F^T and the label-agreement matrix L (+1 same class, -1 otherwise), each minus the mean of all its
 * entries, compared by {@code <K', L'>_F / (|K'|_F |L'|_F)}.
 *
 * <p>Range: -1..1; higher is better.
 *
 * <p>No N x N matrix is formed. With F = Fc + 1 mu^T (column means mu) and a = Fc mu:
 * K' = Fc Fc^T + a 1^T + 1 a^T, so {@code |K'|^2 = |Fc^T Fc|^2 + 2 N |a|^2} (D x D, or N x N when N &lt; D);
 * L' = 2 Y Y^T - l 1 1^T with l the mean of L, so {@code <K', L'> = 2 |Fc^T Y|^2 + 4 sum_i a_i n_(y_i)}
 * (Fc^T Y is D x C) and {@code |L'|^2 = N^2 (1 - l^2)}. Memory O(N D + D^2); every term is a sum of
 * non-negative parts, so nothing cancels.
 *
 * <p>Undefined (rejected) when all feature rows are identical (K' = 0).
 */
public final class Lfc implements TransferabilityScore {

    @Override
    public String name() {
        return "lfc";
    }

    @Override
    public double score(FeatureMatrix features, Labels labels, FeatureMatrix probabilities) {
        Labels y = ScoreInputs.check(name(), features, labels);
        int n = features.rows();
        int d = features.cols();
        int c = y.numClasses();
        int[] ids = y.ids();
        int[] counts = y.counts();
        double[] mu = Pca.columnMeans(features);
        double[] fc = Pca.centered(features);
        double[] a = new double[n];
        double[] fty = new double[c * d]; // (Fc^T Y)^T: class sums of centred rows
        for (int i = 0; i < n; i++) {
            int off = i * d;
            int cls = ids[i] * d;
            double s = 0;
            for (int j = 0; j < d; j++) {
                double v = fc[off + j];
                s += v * mu[j];
                fty[cls + j] += v;
            }
            a[i] = s;
        }
        double[] gram = n >= d ? Linalg.gram(fc, n, d) : Linalg.outerGram(fc, n, d);
        double kk = 0;
        for (double v : gram) {
            kk += v * v;
        }
        double aa = 0;
        double an = 0;
        for (int i = 0; i < n; i++) {
            aa += a[i] * a[i];
            an += a[i] * counts[ids[i]];
        }
        kk += 2.0 * n * aa;
        double fy = 0;
        for (double v : fty) {
            fy += v * v;
        }
        double sumSq = 0;
        for (int cnt : counts) {
            sumSq += (double) cnt * cnt;
        }
        double l = (2 * sumSq - (double) n * n) / ((double) n * n);
        double inner = 2 * fy + 4 * an;
        if (!(kk > 0)) {
            throw new UndefinedScoreException(name() + ": all feature rows are identical, the score is undefined");
        }
        double ll = (double) n * n * (1 - l * l);
        return ScoreInputs.finite(name(), inner / (Math.sqrt(kk) * Math.sqrt(ll)));
    }
}
