package dev.modelscout.scoring;

import dev.modelscout.core.FeatureMatrix;

/**
 * Exact, deterministic PCA: the top-k eigenvectors of the centred scatter matrix (D x D, or the N x N
 * Gram matrix when N &lt; D), by a full symmetric eigendecomposition rather than a randomised solver.
 * Sign convention: each component is flipped so that its entry of largest magnitude is positive (the
 * first such entry on ties), as scikit-learn's {@code svd_flip} does on the components. The result is the
 * centred data projected on the components, N x min(k, D, N).
 */
final class Pca {

    private Pca() {
    }

    static FeatureMatrix reduce(FeatureMatrix x, int k) {
        int n = x.rows();
        int d = x.cols();
        double[] xc = centered(x);
        int m = Math.min(k, Math.min(d, n));
        double[] comps = new double[d * m]; // d x m, columns are components
        if (n >= d) {
            Linalg.Eigen e = Linalg.eigh(Linalg.gram(xc, n, d), d);
            for (int j = 0; j < m; j++) {
                int src = d - 1 - j; // eigenvalues ascend
                for (int i = 0; i < d; i++) {
                    comps[i * m + j] = e.vectors()[i * d + src];
                }
            }
        } else {
            Linalg.Eigen e = Linalg.eigh(Linalg.outerGram(xc, n, d), n);
            double[] u = new double[n * m];
            double[] scale = new double[m];
            for (int j = 0; j < m; j++) {
                int src = n - 1 - j;
                double s = Math.sqrt(Math.max(e.values()[src], 0));
                scale[j] = s > 0 ? 1 / s : 0;
                for (int i = 0; i < n; i++) {
                    u[i * m + j] = e.vectors()[i * n + src];
                }
            }
            double[] v = Linalg.atb(xc, n, d, u, m); // Xc^T U = V S
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < m; j++) {
                    comps[i * m + j] = v[i * m + j] * scale[j];
                }
            }
        }
        for (int j = 0; j < m; j++) {
            int arg = 0;
            for (int i = 1; i < d; i++) {
                if (Math.abs(comps[i * m + j]) > Math.abs(comps[arg * m + j])) {
                    arg = i;
                }
            }
            if (comps[arg * m + j] < 0) {
                for (int i = 0; i < d; i++) {
                    comps[i * m + j] = -comps[i * m + j];
                }
            }
        }
        return new FeatureMatrix(n, m, Linalg.mul(xc, n, d, comps, m));
    }

    /** X minus its column means (a new array). */
    static double[] centered(FeatureMatrix x) {
        int n = x.rows();
        int d = x.cols();
        double[] a = x.data();
        double[] mean = columnMeans(x);
        double[] out = new double[a.length];
        for (int i = 0; i < n; i++) {
            int off = i * d;
            for (int j = 0; j < d; j++) {
                out[off + j] = a[off + j] - mean[j];
            }
        }
        return out;
    }

    static double[] columnMeans(FeatureMatrix x) {
        int n = x.rows();
        int d = x.cols();
        double[] a = x.data();
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            int off = i * d;
            for (int j = 0; j < d; j++) {
                mean[j] += a[off + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        return mean;
    }

    /**
     * Standardised columns as scikit-learn's StandardScaler: (x - mean) / population std; a constant
     * column is only centred (all zeros), where "constant" is scikit-learn's test
     * {@code var <= n eps var + (n mean eps)^2}, so round-off never blows up a constant column.
     */
    static double[] standardized(FeatureMatrix x) {
        int n = x.rows();
        int d = x.cols();
        double[] mean = columnMeans(x);
        double[] out = centered(x);
        double[] var = new double[d];
        for (int i = 0; i < n; i++) {
            int off = i * d;
            for (int j = 0; j < d; j++) {
                var[j] += out[off + j] * out[off + j];
            }
        }
        double[] inv = new double[d];
        for (int j = 0; j < d; j++) {
            double v = var[j] / n;
            double eps = Math.ulp(1.0);
            boolean constant = v <= n * eps * v + Math.pow(n * mean[j] * eps, 2);
            inv[j] = constant ? 1 : 1 / Math.sqrt(v);
        }
        for (int i = 0; i < n; i++) {
            int off = i * d;
            for (int j = 0; j < d; j++) {
                out[off + j] *= inv[j];
            }
        }
        return out;
    }
}
