package dev.modelscout.scoring;

import dev.modelscout.core.FeatureMatrix;
import dev.modelscout.core.Labels;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * PARC (Bolya et al., NeurIPS 2021, dbolya/parc) x 100: the Spearman rank correlation, with average
 * ranks for ties, between the upper triangles of two N x N dissimilarity matrices: {@code 1 - corrcoef}
 * of the standardised feature rows and {@code 1 - corrcoef} of the one-hot label rows.
 *
 * <p>Range: -100..100; higher is better.
 *
 * <p>Exact without N x N matrices of both kinds: the label dissimilarity takes only two values (0 for a
 * pair of the same class, 1 + 1/(C-1) otherwise), so its ranks are two tie groups and Spearman's rho
 * reduces to the Mann-Whitney statistic U between the feature dissimilarities of same-class and of
 * different-class pairs: {@code rho = (U - n_s n_d / 2) / sqrt(S_r n_s n_d / M)}, with
 * {@code S_r = (M^3 - M - sum_ties (t^3 - t)) / 12} the tie-corrected spread of the feature ranks,
 * M = N(N-1)/2 pairs. The feature dissimilarities are computed by blocks of rows (one ND4J gemm per
 * block), kept as two arrays of their IEEE bit patterns (8 bytes per pair: 1.6 GB at N = 20000, which
 * fits a 4 GB heap), sorted (radix sort, two halves on two threads, when the heap has room for a buffer,
 * else in place) and merged once to count U and the ties exactly (U in 64-bit integers).
 *
 * <p>Option: {@link Config#pcaDims()} reduces F to that many dimensions by exact deterministic PCA
 * ({@link Pca}) first, the setting of the PARC benchmark (32); 0 (the default) uses F as it is.
 *
 * <p>Bad input: an image whose standardised feature row is constant has no correlation with anything
 * and is rejected; so are labels where every image has its own class (no same-class pair).
 */
public final class Parc implements TransferabilityScore {

    /** @param pcaDims reduce F to this many dimensions by exact PCA first; 0 = no reduction */
    public record Config(int pcaDims) {
        public Config {
            if (pcaDims < 0) {
                throw new IllegalArgumentException("pcaDims must be >= 0, got " + pcaDims);
            }
        }

        public static Config defaults() {
            return new Config(0);
        }
    }

    private static final long BLOCK_BYTES = 64L << 20;
    private static final int MAX_BLOCK_ROWS = 512;

    private final Config config;

    public Parc() {
        this(Config.defaults());
    }

    public Parc(Config config) {
        this.config = config;
    }

    public Config config() {
        return config;
    }

    @Override
    public String name() {
        return "parc";
    }

    @Override
    public double score(FeatureMatrix features, Labels labels, FeatureMatrix probabilities) {
        Labels y = ScoreInputs.check(name(), features, labels);
        FeatureMatrix f = config.pcaDims() > 0 ? Pca.reduce(features, config.pcaDims()) : features;
        int n = f.rows();
        int d = f.cols();
        long m = (long) n * (n - 1) / 2;
        long ns = 0;
        for (int cnt : y.counts()) {
            ns += (long) cnt * (cnt - 1) / 2;
        }
        long nd = m - ns;
        if (ns == 0) {
            throw new ScoringException(name() + ": undefined when every image has its own class (no same-class pair)");
        }
        if (nd > Integer.MAX_VALUE - 16 || ns > Integer.MAX_VALUE - 16) {
            throw new ScoringException(name() + ": " + n + " images give " + m
                    + " pairs, more than one array can hold; subsample to at most 46000 images");
        }
        long need = 8 * m + 8L * n * d;
        Runtime rt = Runtime.getRuntime();
        long available = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (need > available) {
            rt.gc();
            available = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
            if (need > available) {
                throw new ScoringException(name() + ": " + n + " images need about " + (need >> 20)
                        + " MiB of heap for the pair dissimilarities, " + (available >> 20)
                        + " MiB free; raise the heap (MODELSCOUT_JAVA_OPTS=-Xmx...) or subsample");
            }
        }
        long[] same = new long[(int) ns];
        long[] diff = new long[(int) nd];
        fillDissimilarities(unitRows(f), n, d, y.ids(), same, diff);
        // the larger array is sorted as two halves on two threads, merged during the count
        int half = diff.length / 2;
        long buffers = 8L * (same.length + diff.length) + (256L << 20); // radix buffers of both threads at once
        if (rt.maxMemory() - (rt.totalMemory() - rt.freeMemory()) <= buffers) {
            rt.gc();
        }
        boolean radix = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory()) > buffers;
        Throwable[] failure = new Throwable[1];
        Thread second = new Thread(() -> {
            try {
                sort(diff, half, diff.length, radix);
            } catch (Throwable t) { // NOPMD: handed to the calling thread below
                failure[0] = t;
            }
        }, "parc-sort");
        second.start();
        sort(same, 0, same.length, radix);
        sort(diff, 0, half, radix);
        try {
            second.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScoringException(name() + ": interrupted");
        }
        if (failure[0] instanceof RuntimeException re) {
            throw re;
        }
        if (failure[0] instanceof Error err) {
            throw err;
        }
        return ScoreInputs.finite(name(), 100 * spearmanTwoGroups(same, diff, half));
    }

    /** Standardised columns, then each row centred and scaled to unit norm: Z Z^T = corrcoef rows. */
    private double[] unitRows(FeatureMatrix f) {
        int n = f.rows();
        int d = f.cols();
        double[] z = Pca.standardized(f);
        for (int i = 0; i < n; i++) {
            int off = i * d;
            double mean = 0;
            for (int j = 0; j < d; j++) {
                mean += z[off + j];
            }
            mean /= d;
            double ss = 0;
            for (int j = 0; j < d; j++) {
                double v = z[off + j] - mean;
                z[off + j] = v;
                ss += v * v;
            }
            if (!(ss > 0)) {
                throw new ScoringException(name() + ": the standardised features of image " + i
                        + " are constant, so its correlation with other images is undefined");
            }
            double inv = 1 / Math.sqrt(ss);
            for (int j = 0; j < d; j++) {
                z[off + j] *= inv;
            }
        }
        return z;
    }

    /** Splits the upper-triangle dissimilarities 1 - z_i.z_j into same-class and different-class pairs. */
    private static void fillDissimilarities(double[] zRows, int n, int d, int[] ids, long[] same, long[] diff) {
        INDArray z = Linalg.matrix(zRows, n, d);
        zRows = null; // the off-heap copy is all we need from here on
        // small row blocks keep the computed part close to the upper triangle
        int block = (int) Math.max(1, Math.min(MAX_BLOCK_ROWS, BLOCK_BYTES / (8L * n)));
        int[] fill = new int[2]; // next free index in same, in diff
        try {
            for (int i0 = 0; i0 < n - 1; i0 += block) {
                int i1 = Math.min(n, i0 + block);
                INDArray rows = z.get(NDArrayIndex.interval(i0, i1), NDArrayIndex.all());
                INDArray cols = z.get(NDArrayIndex.interval(i0, n), NDArrayIndex.all());
                INDArray g = Nd4j.gemm(rows, cols, false, true);
                double[] gv = Linalg.take(g);
                int width = n - i0;
                for (int r = 0; r < i1 - i0; r++) {
                    splitRow(gv, r * width - i0, i0 + r, n, ids, same, diff, fill);
                }
            }
        } finally {
            z.close();
        }
    }

    /**
     * Row i of the block: dissimilarities to j = i+1..n-1 (at gv[off + j]) into same/diff. A method of its
     * own so that the JIT compiles it early (a first run in a fresh process would otherwise interpret it).
     */
    private static void splitRow(double[] gv, int off, int i, int n, int[] ids, long[] same, long[] diff, int[] fill) {
        int ps = fill[0];
        int pd = fill[1];
        int yi = ids[i];
        for (int j = i + 1; j < n; j++) {
            double c = gv[off + j];
            // dist in [0, 2] (never -0.0): its IEEE bits order as the values do
            long key = Double.doubleToRawLongBits(1 - (c > 1 ? 1 : c < -1 ? -1 : c));
            if (ids[j] == yi) {
                same[ps++] = key;
            } else {
                diff[pd++] = key;
            }
        }
        fill[0] = ps;
        fill[1] = pd;
    }

    /**
     * Sorts the non-negative keys a[from, to): LSD radix sort with 16-bit digits (digits equal in all keys
     * skipped) when {@code radix} (the caller checked that the heap has room for a buffer of that size),
     * else the in-place {@link Arrays#sort}.
     */
    static void sort(long[] a, int from, int to, boolean radix) {
        int n = to - from;
        if (n < 1 << 12 || !radix) {
            Arrays.sort(a, from, to);
            return;
        }
        int[][] hist = new int[4][1 << 16];
        for (int i = from; i < to; i++) {
            long v = a[i];
            hist[0][(int) (v & 0xffff)]++;
            hist[1][(int) ((v >>> 16) & 0xffff)]++;
            hist[2][(int) ((v >>> 32) & 0xffff)]++;
            hist[3][(int) (v >>> 48)]++;
        }
        long[] src = a;
        int srcOff = from;
        long[] dst = new long[n];
        int dstOff = 0;
        for (int pass = 0; pass < 4; pass++) {
            int[] h = hist[pass];
            int shift = 16 * pass;
            if (h[(int) ((a[from] >>> shift) & 0xffff)] == n) {
                continue; // every key has this digit
            }
            int sum = dstOff;
            for (int b = 0; b < h.length; b++) {
                int cnt = h[b];
                h[b] = sum;
                sum += cnt;
            }
            for (int i = srcOff; i < srcOff + n; i++) {
                long v = src[i];
                dst[h[(int) ((v >>> shift) & 0xffff)]++] = v;
            }
            long[] t = src;
            src = dst;
            dst = t;
            int o = srcOff;
            srcOff = dstOff;
            dstOff = o;
        }
        if (src != a) {
            System.arraycopy(src, srcOff, a, from, n);
        }
    }

    /**
     * Spearman's rho between pooled values and a two-valued second variable that is low on {@code same}
     * and high on {@code diff}, average ranks for ties on both sides. Both arrays hold sorted keys;
     * {@code diff} is sorted in two runs, [0, split) and [split, end).
     */
    static double spearmanTwoGroups(long[] same, long[] diff, int split) {
        long ns = same.length;
        long nd = diff.length;
        long m = ns + nd;
        long u2 = 0; // 2 U: pairs (s, d) with s < d count 2, ties count 1
        double ties = 0; // sum over tie groups of t^3 - t
        int a = 0;
        int b = 0;
        int c = split;
        int endB = split;
        int endC = diff.length;
        while (a < ns || b < endB || c < endC) {
            long v = Long.MAX_VALUE;
            if (a < ns) {
                v = same[a];
            }
            if (b < endB && diff[b] < v) {
                v = diff[b];
            }
            if (c < endC && diff[c] < v) {
                v = diff[c];
            }
            long below = a;
            long sv = 0;
            while (a < ns && same[a] == v) {
                a++;
                sv++;
            }
            long dv = 0;
            while (b < endB && diff[b] == v) {
                b++;
                dv++;
            }
            while (c < endC && diff[c] == v) {
                c++;
                dv++;
            }
            u2 += dv * (2 * below + sv);
            double t = sv + dv;
            ties += t * t * t - t;
        }
        double md = m;
        double spreadRanks = (md * md * md - md - ties) / 12;
        if (!(spreadRanks > 0)) {
            throw new ScoringException("parc: all feature dissimilarities are equal, so their ranks carry no information");
        }
        double numerator = (u2 - ns * nd) / 2.0;
        double spreadLabels = (double) ns * nd / md;
        return numerator / Math.sqrt(spreadRanks * spreadLabels);
    }
}
