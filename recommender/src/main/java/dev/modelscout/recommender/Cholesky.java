package dev.modelscout.recommender;

/** Solves symmetric positive-definite systems A x = b in place (plain Java, no natives). */
final class Cholesky {

    private Cholesky() {
    }

    /**
     * Overwrites the lower triangle of {@code a} (n x n, symmetric positive definite) with its Cholesky
     * factor L (A = L L^T), then solves for {@code b}, returning x.
     */
    static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        for (int j = 0; j < n; j++) {
            double[] aj = a[j];
            double d = aj[j];
            for (int k = 0; k < j; k++) {
                d -= aj[k] * aj[k];
            }
            if (!(d > 0)) {
                throw new ArithmeticException("matrix is not positive definite (pivot " + j + ")");
            }
            double ljj = Math.sqrt(d);
            aj[j] = ljj;
            for (int i = j + 1; i < n; i++) {
                double[] ai = a[i];
                double s = ai[j];
                for (int k = 0; k < j; k++) {
                    s -= ai[k] * aj[k];
                }
                ai[j] = s / ljj;
            }
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            double[] ai = a[i];
            for (int k = 0; k < i; k++) {
                s -= ai[k] * y[k];
            }
            y[i] = s / ai[i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < n; k++) {
                s -= a[k][i] * x[k];
            }
            x[i] = s / a[i][i];
        }
        return x;
    }
}
