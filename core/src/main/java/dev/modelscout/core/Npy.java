package dev.modelscout.core;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes NumPy {@code .npy} files (format versions 1.0 to 3.0): float16/32/64, signed and
 * unsigned integers and bool, little or big endian, C or Fortran order. Values are returned in C
 * (row-major) order as doubles. Writes are atomic (temporary file, then move), so a failed write
 * never leaves a half-written file behind.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

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

    public static Array read(Path file) {
        Raw raw = open(file);
        String type = raw.type();
        int[] shape = raw.shape();
        ByteBuffer data = raw.data();
        double[] values = new double[raw.count()];
        if (type.equals("f8")) {
            data.asDoubleBuffer().get(values);
        } else if (type.equals("f4")) {
            java.nio.FloatBuffer floats = data.asFloatBuffer();
            for (int i = 0; i < values.length; i++) {
                values[i] = floats.get(i);
            }
        } else {
            for (int i = 0; i < values.length; i++) {
                values[i] = readValue(data, i, type, raw.width(), raw.descr(), file);
            }
        }
        if (raw.fortran() && shape.length > 1) {
            values = fortranToC(values, shape);
        }
        return new Array(shape, type.charAt(0) + Integer.toString(raw.width()), values);
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
        Raw raw = open(file);
        int[] shape = raw.shape();
        if (!(shape.length == 1 || (shape.length == 2 && shape[1] == 1))) {
            throw new NpyFormatException(file + ": expected a 1-D array of labels, found shape " + shapeText(shape));
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
                double v = readValue(data, i, raw.type(), raw.width(), raw.descr(), file);
                if (v != Math.rint(v) || Double.isInfinite(v)) {
                    throw new NpyFormatException(file + ": label at index " + i + " is not an integer: " + v);
                }
                if (Math.abs(v) > EXACT_FLOAT_INTEGERS) {
                    throw new NpyFormatException(file + ": label at index " + i + " is " + v + ", a " + raw.descr()
                            + " beyond 2^53 that may have been rounded; store ids this large as int64");
                }
                out[i] = (long) v;
            }
        }
        return out;
    }

    /** A parsed header and the data that follows it. */
    private record Raw(int[] shape, String descr, String type, int width, boolean fortran, int count, ByteBuffer data) {
    }

    private static Raw open(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new NpyFormatException(file + ": cannot read: " + IoErrors.reason(e), e);
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 10) {
            throw new NpyFormatException(file + ": not a .npy file (too short)");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                throw new NpyFormatException(file + ": not a .npy file (bad magic)");
            }
        }
        int major = bytes[6] & 0xff;
        int headerLen;
        int offset;
        if (major == 1) {
            headerLen = buf.getShort(8) & 0xffff;
            offset = 10;
        } else if (major == 2 || major == 3) {
            headerLen = buf.getInt(8);
            offset = 12;
        } else {
            throw new NpyFormatException(file + ": unsupported .npy format version " + major);
        }
        if (offset + headerLen > bytes.length || headerLen < 0) {
            throw new NpyFormatException(file + ": truncated .npy header");
        }
        String header = new String(bytes, offset, headerLen,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        String descr = group(DESCR, header, file, "descr");
        boolean fortran = "True".equals(group(FORTRAN, header, file, "fortran_order"));
        int[] shape = parseShape(group(SHAPE, header, file, "shape"), file);
        long count = 1;
        for (int s : shape) {
            count *= s;
        }
        if (count > Integer.MAX_VALUE - 16) {
            throw new NpyFormatException(file + ": array too large (" + count + " values)");
        }
        ByteOrder order = descr.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        String type = descr.substring(descr.charAt(0) == '<' || descr.charAt(0) == '>'
                || descr.charAt(0) == '|' || descr.charAt(0) == '=' ? 1 : 0);
        int width;
        try {
            width = Integer.parseInt(type.substring(1));
        } catch (RuntimeException e) {
            throw new NpyFormatException(file + ": unsupported dtype '" + descr + "'");
        }
        int dataStart = offset + headerLen;
        if ((long) dataStart + count * width > bytes.length) {
            throw new NpyFormatException(file + ": truncated data: header promises " + count + " values of "
                    + width + " bytes, file has " + (bytes.length - dataStart) + " bytes");
        }
        ByteBuffer data = ByteBuffer.wrap(bytes, dataStart, bytes.length - dataStart).slice().order(order);
        return new Raw(shape, descr, type, width, fortran, (int) count, data);
    }

    private static double readValue(ByteBuffer data, int i, String type, int width, String descr, Path file) {
        int at = i * width;
        return switch (type.charAt(0)) {
            case 'f' -> switch (width) {
                case 2 -> halfToFloat(data.getShort(at));
                case 4 -> data.getFloat(at);
                case 8 -> data.getDouble(at);
                default -> throw new NpyFormatException(file + ": unsupported dtype '" + descr + "'");
            };
            case 'i' -> switch (width) {
                case 1 -> data.get(at);
                case 2 -> data.getShort(at);
                case 4 -> data.getInt(at);
                case 8 -> data.getLong(at);
                default -> throw new NpyFormatException(file + ": unsupported dtype '" + descr + "'");
            };
            case 'u' -> switch (width) {
                case 1 -> data.get(at) & 0xff;
                case 2 -> data.getShort(at) & 0xffff;
                case 4 -> data.getInt(at) & 0xffffffffL;
                case 8 -> (double) data.getLong(at);
                default -> throw new NpyFormatException(file + ": unsupported dtype '" + descr + "'");
            };
            case 'b' -> data.get(at) != 0 ? 1 : 0;
            default -> throw new NpyFormatException(file + ": unsupported dtype '" + descr + "'");
        };
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

    private static String group(Pattern p, String header, Path file, String key) {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new NpyFormatException(file + ": .npy header has no '" + key + "': " + header.trim());
        }
        return m.group(1);
    }

    private static int[] parseShape(String text, Path file) {
        List<Integer> dims = new ArrayList<>();
        for (String part : text.split(",")) {
            String t = part.trim().replace("L", "");
            if (!t.isEmpty()) {
                try {
                    dims.add(Integer.parseInt(t));
                } catch (NumberFormatException e) {
                    throw new NpyFormatException(file + ": bad shape '(" + text + ")'");
                }
            }
        }
        return dims.stream().mapToInt(Integer::intValue).toArray();
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
        int width = float32 ? 4 : 8;
        writeAtomically(file, float32 ? "<f4" : "<f8", new int[] {m.rows(), m.cols()}, out -> {
            ByteBuffer b = ByteBuffer.allocate(8192 * width).order(ByteOrder.LITTLE_ENDIAN);
            for (double v : m.data()) {
                if (!b.hasRemaining()) {
                    out.write(b.array(), 0, b.position());
                    b.clear();
                }
                if (float32) {
                    b.putFloat((float) v);
                } else {
                    b.putDouble(v);
                }
            }
            out.write(b.array(), 0, b.position());
        });
    }

    /** Writes integer ids as little-endian int64, the dtype NumPy gives integer labels by default. */
    public static void write(Path file, int[] ids) {
        writeAtomically(file, "<i8", new int[] {ids.length}, out -> {
            ByteBuffer b = ByteBuffer.allocate(ids.length * 8).order(ByteOrder.LITTLE_ENDIAN);
            for (int id : ids) {
                b.putLong(id);
            }
            out.write(b.array());
        });
    }

    private interface Body {
        void write(OutputStream out) throws IOException;
    }

    private static void writeAtomically(Path file, String descr, int[] shape, Body body) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shapeText(shape) + ", }";
        int unpadded = 10 + dict.length() + 1;
        int pad = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        try {
            AtomicFiles.write(file, out -> {
                out.write(MAGIC);
                out.write(new byte[] {1, 0, (byte) (header.length() & 0xff), (byte) (header.length() >> 8)});
                out.write(header.getBytes(StandardCharsets.ISO_8859_1));
                body.write(out);
            });
        } catch (IOException e) {
            throw new NpyFormatException(file + ": cannot write: " + IoErrors.reason(e), e);
        }
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
