package dev.modelscout.scoring;

import org.bytedeco.openblas.global.openblas;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The dense linear algebra the scores need, on plain row-major {@code double[]} so that no ND4J type
 * leaves this package. Matrix products run on ND4J in DOUBLE precision (its BLAS: OpenBLAS on the CPU
 * back end, cuBLAS on the CUDA one). Symmetric eigendecompositions, Cholesky factorisations and SPD
 * solves call LAPACK directly through bytedeco's OpenBLAS ({@code LAPACKE_dsyevd}, {@code dpotrf},
 * {@code dposv}): ND4J's own decompositions were unreliable or slow here. Those LAPACK calls always
 * run on the host, on small D x D (or N x N, whichever is smaller) matrices; on the CUDA back end the
 * products still run on the GPU and only these small matrices travel to the host.
 */
final class Linalg {

    private static final int ROW_MAJOR = openblas.LAPACK_ROW_MAJOR;

    private Linalg() {
    }

    static INDArray matrix(double[] data, int rows, int cols) {
        return Nd4j.create(data, new long[] {rows, cols}, DataType.DOUBLE);
    }

    /** The values of a product result in row-major order; releases the result's (device) memory. */
    static double[] take(INDArray result) {
        try {
            return rowMajor(result);
        } finally {
            result.close();
        }
    }

    static double[] rowMajor(INDArray a) {
        INDArray c = a.ordering() == 'c' && !a.isView() ? a : a.dup('c');
        if (c.dataType() != DataType.DOUBLE) {
            c = c.castTo(DataType.DOUBLE);
        }
        return c.data().asDouble();
    }

    /**
     * A^T A (d x d) of a row-major n x d matrix. On the CPU back end by one {@code dsyrk} (half the flops
     * of a gemm), elsewhere by an ND4J gemm.
     */
    static double[] gram(double[] a, int n, int d) {
        if (hostBlas()) {
            double[] c = new double[d * d];
            openblas.cblas_dsyrk(openblas.CblasRowMajor, openblas.CblasUpper, openblas.CblasTrans, d, n, 1.0, a, d,
                    0.0, c, d);
            return mirrorUpper(c, d);
        }
        INDArray m = matrix(a, n, d);
        try {
            return symmetrize(take(Nd4j.gemm(m, m, true, false)), d);
        } finally {
            m.close();
        }
    }

    /** A A^T (n x n) of a row-major n x d matrix ({@code dsyrk} on the CPU back end). */
    static double[] outerGram(double[] a, int n, int d) {
        if (hostBlas()) {
            double[] c = new double[n * n];
            openblas.cblas_dsyrk(openblas.CblasRowMajor, openblas.CblasUpper, openblas.CblasNoTrans, n, d, 1.0, a, d,
                    0.0, c, n);
            return mirrorUpper(c, n);
        }
        INDArray m = matrix(a, n, d);
        try {
            return symmetrize(take(Nd4j.gemm(m, m, false, true)), n);
        } finally {
            m.close();
        }
    }

    /** A^T B (d x k) of row-major n x d and n x k matrices. */
    static double[] atb(double[] a, int n, int d, double[] b, int k) {
        INDArray ma = matrix(a, n, d);
        INDArray mb = matrix(b, n, k);
        try {
            return take(Nd4j.gemm(ma, mb, true, false));
        } finally {
            ma.close();
            mb.close();
        }
    }

    /** A B (n x k) of row-major n x d and d x k matrices. */
    static double[] mul(double[] a, int n, int d, double[] b, int k) {
        INDArray ma = matrix(a, n, d);
        INDArray mb = matrix(b, d, k);
        try {
            return take(Nd4j.gemm(ma, mb, false, false));
        } finally {
            ma.close();
            mb.close();
        }
    }

    private static volatile Boolean hostBlas;

    /** Loads the natives (ND4J's back end, OpenBLAS with LAPACK) so that timings of scores exclude it. */
    static void warmUp() {
        hostBlas();
        org.bytedeco.javacpp.Loader.load(openblas.class);
    }

    /** True on ND4J's CPU back end, where the host BLAS is the one ND4J uses anyway. */
    static boolean hostBlas() {
        Boolean h = hostBlas;
        if (h == null) {
            h = "cpu".equals(ScoringBackend.kind());
            hostBlas = h;
        }
        return h;
    }

    private static double[] mirrorUpper(double[] c, int n) {
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                c[j * n + i] = c[i * n + j];
            }
        }
        return c;
    }

    /** Makes a computed symmetric product exactly symmetric (averages the two triangles). */
    static double[] symmetrize(double[] s, int n) {
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double v = 0.5 * (s[i * n + j] + s[j * n + i]);
                s[i * n + j] = v;
                s[j * n + i] = v;
            }
        }
        return s;
    }

    /**
     * Eigen-pairs of a symmetric matrix: eigenvalues ascending; {@code vectors} row-major n x n with the
     * j-th eigenvector in column j ({@code vectors[i * n + j]}).
     */
    record Eigen(double[] values, double[] vectors, int n) {
    }

    /** Eigendecomposition of the symmetric n x n row-major {@code s} (not modified), LAPACK dsyevd. */
    static Eigen eigh(double[] s, int n) {
        double[] a = s.clone();
        double[] w = new double[n];
        int info = openblas.LAPACKE_dsyevd(ROW_MAJOR, (byte) 'V', (byte) 'U', n, a, n, w);
        if (info != 0) {
            // divide and conquer failed to converge: fall back to MRRR
            a = s.clone();
            double[] z = new double[n * n];
            int[] m = new int[1];
            int[] support = new int[2 * n];
            info = openblas.LAPACKE_dsyevr(ROW_MAJOR, (byte) 'V', (byte) 'A', (byte) 'U', n, a, n, 0, 0, 0, 0,
                    0, m, w, z, n, support);
            if (info != 0) {
                throw new ScoringException("symmetric eigendecomposition of a " + n + " x " + n
                        + " matrix failed (LAPACK info " + info + ")");
            }
            a = z;
        }
        return new Eigen(w, a, n);
    }

    /**
     * Eigenvalues (ascending) of the symmetric n x n {@code s} and the projections V^T B of the n x k
     * row-major B on its eigenvectors, without forming the eigenvectors of {@code s}: tridiagonal reduction
     * (dsytrd), Q^T B by the Householder reflectors (dormtr), eigenvectors of the tridiagonal matrix (dstedc,
     * dstemr as fallback), then one n x n x k product. Saves dsyevd's n^3 back-transformation when k is
     * much smaller than n.
     */
    static Eigen projectedEigen(double[] s, int n, double[] b, int k) {
        double[] a = s.clone();
        double[] diag = new double[n];
        double[] off = new double[Math.max(1, n - 1)];
        double[] tau = new double[Math.max(1, n - 1)];
        int info = openblas.LAPACKE_dsytrd(ROW_MAJOR, (byte) 'U', n, a, n, diag, off, tau);
        if (info != 0) {
            throw new ScoringException("tridiagonal reduction of a " + n + " x " + n + " matrix failed (LAPACK info "
                    + info + ")");
        }
        double[] qb = b.clone();
        info = openblas.LAPACKE_dormtr(ROW_MAJOR, (byte) 'L', (byte) 'U', (byte) 'T', n, k, a, n, tau, qb, k);
        if (info != 0) {
            throw new ScoringException("applying Householder reflectors failed (LAPACK info " + info + ")");
        }
        a = null;
        // Divide and conquer (dstedc) for the tridiagonal eigenvectors: measured 0.30 s against MRRR's (dstemr)
        // 0.56 s at n = 2048 on this project's 2-core machine; MRRR is the fallback.
        double[] w = diag.clone();
        double[] e = off.clone();
        double[] z = new double[n * n];
        info = openblas.LAPACKE_dstedc(ROW_MAJOR, (byte) 'I', n, w, e, z, n);
        if (info != 0) {
            w = diag.clone();
            e = new double[n];
            System.arraycopy(off, 0, e, 0, n - 1);
            z = new double[n * n];
            int[] m = new int[1];
            int[] support = new int[2 * n];
            int[] tryrac = {1};
            info = openblas.LAPACKE_dstemr(ROW_MAJOR, (byte) 'V', (byte) 'A', n, w, e, 0, 0, 0, 0, m, w, z, n, n,
                    support, tryrac);
            if (info != 0 || m[0] != n) {
                throw new ScoringException("tridiagonal eigendecomposition of size " + n + " failed (LAPACK info "
                        + info + ")");
            }
        }
        return new Eigen(w, atb(z, n, n, qb, k), n);
    }

    /** Eigenvalues only (ascending) of the symmetric n x n row-major {@code s} (not modified). */
    static double[] eigvalsh(double[] s, int n) {
        double[] a = s.clone();
        double[] w = new double[n];
        int info = openblas.LAPACKE_dsyevd(ROW_MAJOR, (byte) 'N', (byte) 'U', n, a, n, w);
        if (info != 0) {
            throw new ScoringException("symmetric eigenvalues of a " + n + " x " + n + " matrix failed (LAPACK info "
                    + info + ")");
        }
        return w;
    }

    /** log det of a symmetric positive definite n x n matrix (Cholesky); s is not modified. */
    static double logDetSpd(double[] s, int n) {
        double[] a = s.clone();
        int info = openblas.LAPACKE_dpotrf(ROW_MAJOR, (byte) 'U', n, a, n);
        if (info != 0) {
            throw new ScoringException("Cholesky factorisation of a " + n + " x " + n
                    + " matrix failed: not positive definite (LAPACK info " + info + ")");
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Math.log(a[i * n + i]);
        }
        return 2 * sum;
    }

    /** Solves A X = B for SPD A (n x n) and B (n x k), both row-major; neither is modified. */
    static double[] solveSpd(double[] a, int n, double[] b, int k) {
        double[] fa = a.clone();
        double[] x = b.clone();
        int info = openblas.LAPACKE_dposv(ROW_MAJOR, (byte) 'U', n, k, fa, n, x, k);
        if (info != 0) {
            throw new ScoringException("solving with a " + n + " x " + n
                    + " matrix failed: not positive definite (LAPACK info " + info + ")");
        }
        return x;
    }

    /** Where the decompositions run, for {@code modelscout doctor}; loads the OpenBLAS natives. */
    static String lapackDescription() {
        try {
            org.bytedeco.javacpp.Loader.load(openblas.class);
            Package p = openblas.class.getPackage();
            String version = p == null || p.getImplementationVersion() == null ? "" : " " + p.getImplementationVersion();
            return "host LAPACK, bytedeco OpenBLAS" + version + " (LAPACKE dsyevd/dsyevr; dsytrd+dormtr+dstedc for LogME; dpotrf, dposv)";
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            return "NOT AVAILABLE: " + e.getMessage();
        }
    }
}
