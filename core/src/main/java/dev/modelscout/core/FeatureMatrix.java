package dev.modelscout.core;

import java.util.Arrays;

/**
 * A dense N x D matrix of doubles in row-major order: one row per image, one column per feature
 * dimension. Also used for the source model's class probabilities (N x Cs).
 *
 * <p>The array is not copied; callers hand over ownership.
 */
public record FeatureMatrix(int rows, int cols, double[] data) {

    public FeatureMatrix {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("negative shape " + rows + " x " + cols);
        }
        if (data == null || (long) rows * cols != data.length) {
            throw new IllegalArgumentException("data length " + (data == null ? "null" : data.length)
                    + " does not match shape " + rows + " x " + cols);
        }
    }

    /** Builds a matrix from rows of equal length (copies). */
    public static FeatureMatrix of(double[][] values) {
        int n = values.length;
        int d = n == 0 ? 0 : values[0].length;
        double[] data = new double[n * d];
        for (int i = 0; i < n; i++) {
            if (values[i].length != d) {
                throw new IllegalArgumentException("row " + i + " has " + values[i].length + " values, expected " + d);
            }
            System.arraycopy(values[i], 0, data, i * d, d);
        }
        return new FeatureMatrix(n, d, data);
    }

    /** Widens float features (as a network produces them) to doubles. */
    public static FeatureMatrix ofFloats(int rows, int cols, float[] values) {
        double[] data = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            data[i] = values[i];
        }
        return new FeatureMatrix(rows, cols, data);
    }

    public double get(int row, int col) {
        return data[row * cols + col];
    }

    /** A copy of one row. */
    public double[] row(int row) {
        return Arrays.copyOfRange(data, row * cols, (row + 1) * cols);
    }

    /** Index of the first non-finite value, or -1 when every value is finite. */
    public long firstNonFinite() {
        for (int i = 0; i < data.length; i++) {
            if (!Double.isFinite(data[i])) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureMatrix m && m.rows == rows && m.cols == cols && Arrays.equals(m.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * rows + cols) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "FeatureMatrix[" + rows + " x " + cols + "]";
    }
}
