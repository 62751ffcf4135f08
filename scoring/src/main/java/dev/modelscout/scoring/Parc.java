package dev.modelscout.scoring;

import dev.modelscout.core.FeatureMatrix;
import dev.modelscout.core.InvalidOptionException;
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
 * <p>Exact without N x N matrices of both kinds. The label dissimilarity of images i &lt; j depends only on
 * their classes (a, b): in exact arithmetic 0 when a = b and 1 + 1/(C-1) otherwise; in the floating point
 * of the reference (numpy's {@code corrcoef}: row means 1/C, a sequential fused multiply-add dot product
 * as OpenBLAS's kernels compute it, scaling by 1/(C-1), division by the row and then the column standard
 * deviation, clipping) the same-class value is 0 for some classes and 1.1e-16 or 2.2e-16 for others.
 * Those last bits split the reference's "same class" tie group, which moves PARC by up to 0.5 on the
 * fixture cases; {@link #labelDissimilarities} reproduces them bit for bit (checked against the authors'
 * code on the fixtures to 1e-9), so this is the reference's number. The label side therefore takes a few
 * distinct values (groups); Spearman's rho needs the feature-rank sum of each group and the tie counts,
 * all exact in 64-bit integers ({@link GroupedSpearman}). The feature dissimilarities are computed by
 * blocks of rows (one ND4J gemm per block; rows in class order, {@link RowPermutation}), kept per group as
 * arrays of their IEEE bit patterns (8 bytes per pair: 1.6 GB at N = 20000, which fits a 4 GB heap),
 * sorted ({@link SortedRuns}: radix sort, the largest group in two halves on two threads, when the heap
 * has room for a buffer, else in place) and merged once.
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
                throw new InvalidOptionException("PARC: PCA dimensions must be >= 0 (0 = no PCA), not " + pcaDims);
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
        int c = y.numClasses();
        int[] ids = y.ids();
        double[] label = labelDissimilarities(c);
        // groups: the distinct label values, ascending; group of the ordered class pair (row a, column b)
        double[] distinct = Arrays.stream(label).distinct().sorted().toArray();
        int[] groupOf = new int[c * c];
        for (int i = 0; i < groupOf.length; i++) {
            groupOf[i] = Arrays.binarySearch(distinct, label[i]);
        }
        long[] sizes = groupSizes(ids, c, groupOf, distinct.length);
        for (long size : sizes) {
            if (size > Integer.MAX_VALUE - 16) {
                throw new ScoringException(name() + ": " + n + " images give " + m
                        + " pairs, more than one array can hold; subsample to at most 46000 images");
            }
        }
        if (Arrays.stream(sizes).filter(z -> z > 0).count() < 2) {
            throw new UndefinedScoreException(name() + ": undefined when all pairs of images have the same label "
                    + "dissimilarity (every image its own class)");
        }
        long need = 8 * m + 8L * n * d;
        long available = HeapRoom.available(need);
        if (need > available) {
            throw new ScoringException(name() + ": " + n + " images need about " + (need >> 20)
                    + " MiB of heap for the pair dissimilarities, " + (available >> 20)
                    + " MiB free; raise the heap (MODELSCOUT_JAVA_OPTS=-Xmx...) or subsample");
        }
        long[][] keys = new long[distinct.length][];
        for (int g = 0; g < keys.length; g++) {
            keys[g] = new long[(int) sizes[g]];
        }
        // Rows in class order (stable), so that the columns j > i of a row come in class blocks, each block
        // one group: the inner loop then needs no lookup per pair. The pair (i, j) keeps the value of its
        // original order (row = the image that comes first in the input).
        RowPermutation byClass = RowPermutation.byClass(ids, c);
        fillDissimilarities(unitRows(f, byClass), n, d, byClass, ids, c, groupOf, keys);
        long buffers = 8L * m + (256L << 20); // radix buffers of both threads at once
        boolean radix = HeapRoom.available(buffers + 1) > buffers;
        double rho = GroupedSpearman.rho(SortedRuns.sort(keys, radix, name()), sizes);
        if (Double.isNaN(rho)) {
            throw new UndefinedScoreException(name() + ": all feature dissimilarities are equal, so their ranks carry no "
                    + "information");
        }
        return ScoreInputs.finite(name(), 100 * rho);
    }

    /** The number of image pairs i &lt; j in each label group. */
    private static long[] groupSizes(int[] ids, int c, int[] groupOf, int groups) {
        long[] sizes = new long[groups];
        long[] suffix = new long[c]; // images after i, by class
        for (int i = ids.length - 1; i >= 0; i--) {
            int row = ids[i] * c;
            for (int b = 0; b < c; b++) {
                sizes[groupOf[row + b]] += suffix[b];
            }
            suffix[ids[i]]++;
        }
        return sizes;
    }

    /** Standardised columns, then each row centred and scaled to unit norm: Z Z^T = corrcoef rows. */
    private double[] unitRows(FeatureMatrix f, RowPermutation byClass) {
        int n = f.rows();
        int d = f.cols();
        double[] z = Pca.standardized(f);
        byClass.applyTo(z, d);
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

    /**
     * The reference's label dissimilarity {@code 1 - corrcoef(onehot)} of an image of class a (row) and one
     * of class b (column), at {@code [a * c + b]}, computed in the same floating-point steps as numpy
     * 2.x on OpenBLAS: row mean {@code 1.0 / c}, centred entries {@code 1 - m} and {@code -m}, the dot
     * product of two centred rows accumulated in order by fused multiply-adds, times {@code 1.0 / (c - 1)}
     * (np.cov), divided by the row's then the column's standard deviation, clipped to [-1, 1]. O(c^3).
     */
    static double[] labelDissimilarities(int c) {
        double mean = 1.0 / c;
        double hi = 1.0 - mean;
        double lo = 0.0 - mean;
        double[] dot = new double[c * c];
        for (int a = 0; a < c; a++) {
            for (int b = a; b < c; b++) {
                double acc = 0;
                for (int t = 0; t < c; t++) {
                    acc = Math.fma(t == a ? hi : lo, t == b ? hi : lo, acc);
                }
                dot[a * c + b] = acc;
                dot[b * c + a] = acc;
            }
        }
        double scale = 1.0 / (c - 1);
        double[] sd = new double[c];
        for (int a = 0; a < c; a++) {
            sd[a] = Math.sqrt(dot[a * c + a] * scale);
        }
        double[] out = new double[c * c];
        for (int a = 0; a < c; a++) {
            for (int b = 0; b < c; b++) {
                double r = dot[a * c + b] * scale / sd[a] / sd[b];
                out[a * c + b] = 1 - (r > 1 ? 1 : r < -1 ? -1 : r);
            }
        }
        return out;
    }

    /**
     * Puts each upper-triangle dissimilarity 1 - z_i.z_j into the array of its label group. The rows of
     * {@code zRows} are the images in class order: row i is image {@code byClass.order()[i]}.
     */
    private static void fillDissimilarities(double[] zRows, int n, int d, RowPermutation byClass, int[] ids, int c,
            int[] groupOf, long[][] keys) {
        int[] order = byClass.order();
        int[] classStart = byClass.classStart();
        boolean symmetric = true;
        for (int a = 0; a < c && symmetric; a++) {
            for (int b = a + 1; b < c; b++) {
                symmetric &= groupOf[a * c + b] == groupOf[b * c + a];
            }
        }
        INDArray z = Linalg.matrix(zRows, n, d);
        zRows = null; // the off-heap copy is all we need from here on
        // small row blocks keep the computed part close to the upper triangle
        int block = (int) Math.max(1, Math.min(MAX_BLOCK_ROWS, BLOCK_BYTES / (8L * n)));
        int[] fill = new int[keys.length]; // next free index of each group
        try {
            for (int i0 = 0; i0 < n - 1; i0 += block) {
                int i1 = Math.min(n, i0 + block);
                INDArray rows = z.get(NDArrayIndex.interval(i0, i1), NDArrayIndex.all());
                INDArray cols = z.get(NDArrayIndex.interval(i0, n), NDArrayIndex.all());
                INDArray g = Nd4j.gemm(rows, cols, false, true);
                double[] gv = Linalg.take(g);
                int width = n - i0;
                for (int r = 0; r < i1 - i0; r++) {
                    int i = i0 + r;
                    if (symmetric) {
                        splitRow(gv, r * width - i0, i, ids[order[i]], classStart, c, groupOf, keys, fill);
                    } else {
                        splitRowInOriginalOrder(gv, r * width - i0, i, n, order, ids, c, groupOf, keys, fill);
                    }
                }
            }
        } finally {
            z.close();
        }
    }

    private static long key(double correlation) {
        // dist in [0, 2] (never -0.0): its IEEE bits order as the values do
        return Double.doubleToRawLongBits(1 - (correlation > 1 ? 1 : correlation < -1 ? -1 : correlation));
    }

    /**
     * Row i (class a) of the block: dissimilarities to j = i+1..n-1 (at gv[off + j]), one class block of
     * columns at a time, each into its group. Methods of their own so that the JIT compiles them early (a
     * first run in a fresh process would otherwise interpret them).
     */
    private static void splitRow(double[] gv, int off, int i, int a, int[] classStart, int c, int[] groupOf,
            long[][] keys, int[] fill) {
        int j = i + 1;
        for (int b = a; b < c; b++) {
            int end = classStart[b + 1];
            if (j >= end) {
                continue;
            }
            int g = groupOf[a * c + b];
            long[] k = keys[g];
            int p = fill[g];
            for (; j < end; j++) {
                k[p++] = key(gv[off + j]);
            }
            fill[g] = p;
        }
    }

    /** As {@link #splitRow}, for a label side whose value depends on which image of a pair comes first. */
    private static void splitRowInOriginalOrder(double[] gv, int off, int i, int n, int[] order, int[] ids, int c,
            int[] groupOf, long[][] keys, int[] fill) {
        int oi = order[i];
        int a = ids[oi];
        for (int j = i + 1; j < n; j++) {
            int oj = order[j];
            int b = ids[oj];
            int g = oi < oj ? groupOf[a * c + b] : groupOf[b * c + a];
            keys[g][fill[g]++] = key(gv[off + j]);
        }
    }
}
