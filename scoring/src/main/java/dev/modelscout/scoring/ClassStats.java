package dev.modelscout.scoring;

/** Per-class counts and means of the rows of a row-major n x d matrix. */
final class ClassStats {

    private ClassStats() {
    }

    /** Class means, c x d row-major (classes without rows get zeros). */
    static double[] means(double[] x, int n, int d, int[] ids, int[] counts) {
        double[] m = new double[counts.length * d];
        for (int i = 0; i < n; i++) {
            int off = i * d;
            int row = ids[i] * d;
            for (int j = 0; j < d; j++) {
                m[row + j] += x[off + j];
            }
        }
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] > 0) {
                for (int j = 0; j < d; j++) {
                    m[c * d + j] /= counts[c];
                }
            }
        }
        return m;
    }

    /** The rows of class {@code cls}, copied into a new n_c x d matrix. */
    static double[] rowsOf(double[] x, int n, int d, int[] ids, int cls, int count) {
        double[] out = new double[count * d];
        int r = 0;
        for (int i = 0; i < n; i++) {
            if (ids[i] == cls) {
                System.arraycopy(x, i * d, out, r++ * d, d);
            }
        }
        return out;
    }

    /** sum_c w_c m_c^T A^{-1} m_c for SPD A (d x d) and class means m (c x d), via one Cholesky solve. */
    static double weightedQuadratic(double[] a, int d, double[] means, int c, double[] weight) {
        double[] rhs = new double[d * c]; // M^T, d x c
        for (int k = 0; k < c; k++) {
            for (int j = 0; j < d; j++) {
                rhs[j * c + k] = means[k * d + j];
            }
        }
        double[] x = Linalg.solveSpd(a, d, rhs, c);
        double sum = 0;
        for (int k = 0; k < c; k++) {
            double q = 0;
            for (int j = 0; j < d; j++) {
                q += means[k * d + j] * x[j * c + k];
            }
            sum += weight[k] * q;
        }
        return sum;
    }
}
