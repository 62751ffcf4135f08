package dev.modelscout.core;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Per-dimension mean and standard deviation of a backbone's features on a sample of images: what the catalog
 * stores for a backbone's pre-training data ({@code source_stats}), so that a target's features can be compared
 * with them without the source images. On disk a {@code .npy} float64 array of shape (2, D): the means, then the
 * standard deviations (population, divisor N).
 *
 * @param mean   the mean of each feature dimension
 * @param std    the standard deviation of each feature dimension (>= 0)
 * @param images how many images the statistics were computed on (0 when read from a file)
 */
public record FeatureStats(double[] mean, double[] std, int images) {

    public FeatureStats {
        if (mean.length != std.length || mean.length == 0) {
            throw new IllegalArgumentException("feature stats need means and standard deviations of one length > 0, not "
                    + mean.length + " and " + std.length);
        }
        mean = mean.clone();
        std = std.clone();
    }

    /** The statistics of the rows of {@code features} (at least one row). */
    public static FeatureStats of(FeatureMatrix features) {
        int n = features.rows();
        int d = features.cols();
        if (n == 0 || d == 0) {
            throw new IllegalArgumentException("feature stats of an empty matrix " + features);
        }
        double[] mean = new double[d];
        double[] x = features.data();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += x[i * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double[] var = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double c = x[i * d + j] - mean[j];
                var[j] += c * c;
            }
        }
        double[] std = new double[d];
        for (int j = 0; j < d; j++) {
            std[j] = Math.sqrt(var[j] / n);
        }
        return new FeatureStats(mean, std, n);
    }

    public int dim() {
        return mean.length;
    }

    /** Writes the (2, D) float64 {@code .npy} file, atomically. */
    public void write(Path file) {
        double[] data = new double[2 * dim()];
        System.arraycopy(mean, 0, data, 0, dim());
        System.arraycopy(std, 0, data, dim(), dim());
        Npy.write(file, new FeatureMatrix(2, dim(), data), false);
    }

    /**
     * Reads a file that {@link #write} wrote.
     *
     * @throws Npy.NpyFormatException naming the file when it is not a finite (2, D) array with non-negative
     *                                standard deviations
     */
    public static FeatureStats read(Path file) {
        Npy.Array a = Npy.read(file);
        if (a.rank() != 2 || a.shape()[0] != 2 || a.shape()[1] == 0) {
            throw new Npy.NpyFormatException(file + ": feature stats must be a (2, D) array (means, standard deviations),"
                    + " not shape " + Arrays.toString(a.shape()));
        }
        int d = a.shape()[1];
        double[] v = a.values();
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i]) || (i >= d && v[i] < 0)) {
                throw new Npy.NpyFormatException(file + ": feature stats value " + v[i] + " at row " + (i / d) + ", column "
                        + (i % d) + (i >= d ? " is not a standard deviation" : " is not finite"));
            }
        }
        return new FeatureStats(Arrays.copyOfRange(v, 0, d), Arrays.copyOfRange(v, d, 2 * d), 0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureStats s && Arrays.equals(mean, s.mean) && Arrays.equals(std, s.std);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        return "FeatureStats[dim=" + dim() + ", images=" + images + "]";
    }
}
