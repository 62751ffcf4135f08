package dev.modelscout.core;

import dev.modelscout.core.Npy.NpyFormatException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Path;

/**
 * Decodes the data of a {@code .npy} file: every supported dtype to doubles in C order
 * ({@link #read}), or integer ids exactly ({@link #readIntegers}).
 */
final class NpyReader {

    private NpyReader() {
    }

    static Npy.Array read(Path file) {
        NpyHeader raw = NpyHeader.open(file);
        String type = raw.type();
        int[] shape = raw.shape();
        ByteBuffer data = raw.data();
        double[] values = new double[raw.count()];
        if (type.equals("f8")) {
            data.asDoubleBuffer().get(values);
        } else if (type.equals("f4")) {
            FloatBuffer floats = data.asFloatBuffer();
            for (int i = 0; i < values.length; i++) {
                values[i] = floats.get(i);
            }
        } else {
            for (int i = 0; i < values.length; i++) {
                values[i] = readValue(data, i, raw, file);
            }
        }
        if (raw.fortran() && shape.length > 1) {
            values = fortranToC(values, shape);
        }
        return new Npy.Array(shape, type.charAt(0) + Integer.toString(raw.width()), values);
    }

    static long[] readIntegers(Path file) {
        NpyHeader raw = NpyHeader.open(file);
        int[] shape = raw.shape();
        if (!(shape.length == 1 || (shape.length == 2 && shape[1] == 1))) {
            throw new NpyFormatException(file + ": expected a 1-D array of labels, found shape " + Npy.shapeText(shape));
        }
        ByteBuffer data = raw.data();
        long[] out = new long[raw.count()];
        char kind = raw.type().charAt(0);
        for (int i = 0; i < out.length; i++) {
            if (kind == 'i' && raw.width() == 8) {
                out[i] = data.getLong(i * 8);
            } else if (kind == 'u' && raw.width() == 8) {
                long v = data.getLong(i * 8);
                if (v < 0) {
                    throw new NpyFormatException(file + ": label at index " + i + " is " + Long.toUnsignedString(v)
                            + ", beyond the 64-bit signed integer range");
                }
                out[i] = v;
            } else {
                double v = readValue(data, i, raw, file);
                if (v != Math.rint(v) || Double.isInfinite(v)) {
                    throw new NpyFormatException(file + ": label at index " + i + " is not an integer: " + v);
                }
                if (Math.abs(v) > Npy.EXACT_FLOAT_INTEGERS) {
                    throw new NpyFormatException(file + ": label at index " + i + " is " + v + ", a " + raw.descr()
                            + " beyond 2^53 that may have been rounded; store ids this large as int64");
                }
                out[i] = (long) v;
            }
        }
        return out;
    }

    private static double readValue(ByteBuffer data, int i, NpyHeader raw, Path file) {
        int width = raw.width();
        int at = i * width;
        return switch (raw.type().charAt(0)) {
            case 'f' -> switch (width) {
                case 2 -> halfToFloat(data.getShort(at));
                case 4 -> data.getFloat(at);
                case 8 -> data.getDouble(at);
                default -> throw unsupported(raw, file);
            };
            case 'i' -> switch (width) {
                case 1 -> data.get(at);
                case 2 -> data.getShort(at);
                case 4 -> data.getInt(at);
                case 8 -> data.getLong(at);
                default -> throw unsupported(raw, file);
            };
            case 'u' -> switch (width) {
                case 1 -> data.get(at) & 0xff;
                case 2 -> data.getShort(at) & 0xffff;
                case 4 -> data.getInt(at) & 0xffffffffL;
                case 8 -> (double) data.getLong(at);
                default -> throw unsupported(raw, file);
            };
            case 'b' -> data.get(at) != 0 ? 1 : 0;
            default -> throw unsupported(raw, file);
        };
    }

    private static NpyFormatException unsupported(NpyHeader raw, Path file) {
        return new NpyFormatException(file + ": unsupported dtype '" + raw.descr() + "'");
    }

    private static double[] fortranToC(double[] f, int[] shape) {
        double[] c = new double[f.length];
        int rank = shape.length;
        int[] idx = new int[rank];
        for (int k = 0; k < f.length; k++) {
            // k enumerates Fortran order: first index fastest
            int cIndex = 0;
            for (int d = 0; d < rank; d++) {
                cIndex = cIndex * shape[d] + idx[d];
            }
            c[cIndex] = f[k];
            for (int d = 0; d < rank; d++) {
                if (++idx[d] < shape[d]) {
                    break;
                }
                idx[d] = 0;
            }
        }
        return c;
    }

    /** IEEE 754 half precision to float (Float.float16ToFloat arrived only in Java 20). */
    static float halfToFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0) {
            float v = mant * 0x1p-24f;
            return sign == 0 ? v : -v;
        }
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }
}
