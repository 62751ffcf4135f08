package dev.modelscout.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {

    @TempDir
    Path dir;

    /** Writes a .npy file by hand, the way NumPy lays it out, so the reader is tested independently of the writer. */
    private Path handMade(String descr, boolean fortran, String shape, ByteOrder order, double[] values, int width)
            throws IOException {
        String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False")
                + ", 'shape': " + shape + ", }";
        int total = 10 + dict.length() + 1;
        String header = dict + " ".repeat((64 - total % 64) % 64) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        out.write(header.length() & 0xff);
        out.write(header.length() >> 8);
        out.write(header.getBytes(StandardCharsets.ISO_8859_1));
        ByteBuffer b = ByteBuffer.allocate(values.length * width).order(order);
        for (double v : values) {
            switch (descr.substring(1)) {
                case "f4" -> b.putFloat((float) v);
                case "f8" -> b.putDouble(v);
                case "i4" -> b.putInt((int) v);
                case "i8" -> b.putLong((long) v);
                case "u1" -> b.put((byte) v);
                default -> throw new IllegalArgumentException(descr);
            }
        }
        out.write(b.array());
        Path p = dir.resolve("hand-" + descr.replace('<', 'l').replace('>', 'b').replace('|', 'p') + fortran + ".npy");
        Files.write(p, out.toByteArray());
        return p;
    }

    @Test
    void readsFloat32COrder() throws IOException {
        Path p = handMade("<f4", false, "(2, 3)", ByteOrder.LITTLE_ENDIAN, new double[] {1, 2, 3, 4, 5, 6}, 4);
        Npy.Array a = Npy.read(p);
        assertArrayEquals(new int[] {2, 3}, a.shape());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, a.values());
        FeatureMatrix m = a.toMatrix(p);
        assertEquals(6.0, m.get(1, 2));
    }

    @Test
    void readsFortranOrderAsRowMajor() throws IOException {
        // Fortran order stores columns first: [[1,2,3],[4,5,6]] is laid out 1,4,2,5,3,6.
        Path p = handMade("<f8", true, "(2, 3)", ByteOrder.LITTLE_ENDIAN, new double[] {1, 4, 2, 5, 3, 6}, 8);
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, Npy.read(p).values());
    }

    @Test
    void readsBigEndianFloats() throws IOException {
        Path p8 = handMade(">f8", false, "(3,)", ByteOrder.BIG_ENDIAN, new double[] {1.5, -2.25, 1e-300}, 8);
        assertArrayEquals(new double[] {1.5, -2.25, 1e-300}, Npy.read(p8).values());
        Path p4 = handMade(">f4", false, "(2,)", ByteOrder.BIG_ENDIAN, new double[] {0.1, -3}, 4);
        assertArrayEquals(new double[] {(float) 0.1, -3}, Npy.read(p4).values());
    }

    @Test
    void readsBigEndianAndIntegerLabels() throws IOException {
        Path p = handMade(">i4", false, "(4,)", ByteOrder.BIG_ENDIAN, new double[] {3, 7, 7, 42}, 4);
        Npy.Array a = Npy.read(p);
        assertTrue(a.isIntegral());
        assertArrayEquals(new int[] {3, 7, 7, 42}, a.toIntVector(p));
    }

    @Test
    void roundTripsMatrixAndLabels() {
        FeatureMatrix m = FeatureMatrix.of(new double[][] {{0.25, -1.5}, {3.0, 1e-8}});
        Path f = dir.resolve("f.npy");
        Npy.write(f, m, false);
        assertEquals(m, Npy.read(f).toMatrix(f));
        Path l = dir.resolve("y.npy");
        Npy.write(l, new int[] {0, 2, 1});
        assertArrayEquals(new int[] {0, 2, 1}, Npy.read(l).toIntVector(l));
        assertFalse(Npy.read(l).values().length == 0);
    }

    @Test
    void rejectsTruncatedFileNamingIt() throws IOException {
        Path p = handMade("<f8", false, "(2, 3)", ByteOrder.LITTLE_ENDIAN, new double[] {1, 2, 3, 4, 5, 6}, 8);
        byte[] bytes = Files.readAllBytes(p);
        Files.write(p, java.util.Arrays.copyOf(bytes, bytes.length - 8));
        Npy.NpyFormatException e = assertThrows(Npy.NpyFormatException.class, () -> Npy.read(p));
        assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void rejectsNegativeAndOverflowingShapesAsFormatErrors() throws IOException {
        for (String shape : new String[] {"(-3, 2)", "(2, -1)", "(4294967296,)", "(100000, 100000, 100000, 100000)"}) {
            Path p = handMade("<f4", false, shape, ByteOrder.LITTLE_ENDIAN, new double[] {1, 2}, 4);
            Npy.NpyFormatException e = assertThrows(Npy.NpyFormatException.class, () -> Npy.read(p), shape);
            assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
        }
    }

    @Test
    void rejectsNonNpyFile() throws IOException {
        Path p = dir.resolve("x.npy");
        Files.writeString(p, "a,b,c\n1,2,3\n");
        assertThrows(Npy.NpyFormatException.class, () -> Npy.read(p));
    }

    @Test
    void rejectsFractionalLabels() throws IOException {
        Path p = handMade("<f8", false, "(2,)", ByteOrder.LITTLE_ENDIAN, new double[] {1, 2.5}, 8);
        assertThrows(Npy.NpyFormatException.class, () -> Npy.read(p).toIntVector(p));
    }

    @Test
    void halfPrecisionDecodes() {
        assertEquals(1.0f, Npy.halfToFloat((short) 0x3c00));
        assertEquals(-2.0f, Npy.halfToFloat((short) 0xc000));
        assertEquals(Float.POSITIVE_INFINITY, Npy.halfToFloat((short) 0x7c00));
        assertEquals(5.9604645e-8f, Npy.halfToFloat((short) 0x0001));
    }
}
