package dev.modelscout.core;

import java.nio.file.Path;

/**
 * Reads and writes NumPy {@code .npy} files (format versions 1.0 to 3.0): float16/32/64, signed and
 * unsigned integers and bool, little or big endian, C or Fortran order. Values are returned in C
 * (row-major) order as doubles. Writes are atomic (temporary file, then move), so a failed write
 * never leaves a half-written file behind.
 *
 * <p>This class is the entry point and holds the array value and the error type; the header format is
 * {@link NpyHeader}, decoding {@link NpyReader}, encoding {@link NpyWriter}.
 */
public final class Npy {

    private Npy() {
    }

    /** An array read from a {@code .npy} file: its shape, NumPy dtype string, and values in C order. */
    public record Array(int[] shape, String dtype, double[] values) {

        public int rank() {
            return shape.length;
        }

        /** True for integer and bool dtypes. */
        public boolean isIntegral() {
            char kind = dtype.charAt(0);
            return kind == 'i' || kind == 'u' || kind == 'b';
        }

        /** The array as an N x D matrix; a vector becomes N x 1. */
        public FeatureMatrix toMatrix(Path source) {
            if (shape.length == 1) {
                return new FeatureMatrix(shape[0], 1, values);
            }
            if (shape.length != 2) {
                throw new NpyFormatException(source + ": expected a 2-D array, found shape " + shapeText(shape));
            }
            return new FeatureMatrix(shape[0], shape[1], values);
        }

        /** The array as integer ids; fails on non-integral values or a rank other than 1 (or N x 1). */
        public int[] toIntVector(Path source) {
            if (!(shape.length == 1 || (shape.length == 2 && shape[1] == 1))) {
                throw new NpyFormatException(source + ": expected a 1-D array of labels, found shape " + shapeText(shape));
            }
            int[] out = new int[values.length];
            for (int i = 0; i < values.length; i++) {
                double v = values[i];
                if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
                    throw new NpyFormatException(source + ": label at index " + i + " is not an integer: " + v);
                }
                out[i] = (int) v;
            }
            return out;
        }
    }

    /** Thrown for a file that is not a valid {@code .npy} file, naming the file. */
    public static final class NpyFormatException extends ModelScoutException {
        private static final long serialVersionUID = 1L;

        public NpyFormatException(String message) {
            super(message);
        }

        public NpyFormatException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Reads an array: every supported dtype as doubles, in C order. */
    public static Array read(Path file) {
        return NpyReader.read(file);
    }

    /** The largest magnitude up to which a float64 holds every integer exactly: 2^53. */
    public static final double EXACT_FLOAT_INTEGERS = 0x1p53;

    /**
     * Integer ids (class labels) of a 1-D or N x 1 array, exactly: every integer dtype up to int64 (and
     * uint64 up to the int64 range) and bool as they are, floats when they hold whole numbers no larger in
     * magnitude than 2^53 (beyond that a float64 no longer holds every integer, so the id may have been
     * rounded when it was written).
     *
     * @throws NpyFormatException naming the file and the index of the first value that is not such an integer
     */
    public static long[] readIntegers(Path file) {
        return NpyReader.readIntegers(file);
    }

    static String shapeText(int[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(shape[i]).append(shape.length == 1 || i < shape.length - 1 ? "," : "");
        }
        return sb.append(')').toString();
    }

    /** Writes a matrix as little-endian float32 ({@code float32 = true}) or float64, C order. */
    public static void write(Path file, FeatureMatrix m, boolean float32) {
        NpyWriter.write(file, m, float32);
    }

    /** Writes integer ids as little-endian int64, the dtype NumPy gives integer labels by default. */
    public static void write(Path file, int[] ids) {
        NpyWriter.write(file, ids);
    }

    /** IEEE 754 half precision to float (Float.float16ToFloat arrived only in Java 20). */
    static float halfToFloat(short h) {
        return NpyReader.halfToFloat(h);
    }
}
