package dev.modelscout.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Npy#readIntegers}: class ids read exactly, whatever their dtype, or refused naming file and index. */
class NpyIntegersTest {

    @TempDir
    Path dir;

    /** A 1-D .npy file laid out as NumPy writes it, with {@code body} as its data. */
    private Path npy(String name, String descr, int n, ByteBuffer body) throws IOException {
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + n + ",), }";
        int total = 10 + dict.length() + 1;
        String header = dict + " ".repeat((64 - total % 64) % 64) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        out.write(header.length() & 0xff);
        out.write(header.length() >> 8);
        out.write(header.getBytes(StandardCharsets.ISO_8859_1));
        out.write(body.array());
        Path p = dir.resolve(name);
        Files.write(p, out.toByteArray());
        return p;
    }

    private Path int64(String name, String descr, ByteOrder order, long... values) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(order);
        for (long v : values) {
            b.putLong(v);
        }
        return npy(name, descr, values.length, b);
    }

    private Path float64(String name, double... values) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            b.putDouble(v);
        }
        return npy(name, "<f8", values.length, b);
    }

    @Test
    void readsInt64IdsBeyond32BitsAndBeyond2To53Exactly() throws IOException {
        long a = (1L << 62) + 1;
        long b = (1L << 62) + 2; // a and b are the same double: reading through doubles would merge them
        Path p = int64("big.npy", "<i8", ByteOrder.LITTLE_ENDIAN, 3_000_000_000L, a, b, -7);
        assertArrayEquals(new long[] {3_000_000_000L, a, b, -7}, Npy.readIntegers(p));
        Path be = int64("big-be.npy", ">i8", ByteOrder.BIG_ENDIAN, a, 5);
        assertArrayEquals(new long[] {a, 5}, Npy.readIntegers(be));
    }

    @Test
    void readsFloatsHoldingWholeNumbersUpTo2To53() throws IOException {
        assertArrayEquals(new long[] {3_000_000_000L, 7, -2, 1L << 53},
                Npy.readIntegers(float64("f.npy", 3e9, 7.0, -2.0, 0x1p53)));
    }

    @Test
    void refusesFractionsAndFloatsBeyond2To53NamingFileAndIndex() throws IOException {
        Path frac = float64("frac.npy", 1, 2.5);
        assertEquals(frac + ": label at index 1 is not an integer: 2.5",
                assertThrows(Npy.NpyFormatException.class, () -> Npy.readIntegers(frac)).getMessage());
        Path huge = float64("huge.npy", 0x1p60);
        assertEquals(huge + ": label at index 0 is " + 0x1p60 + ", a <f8 beyond 2^53 that may have been rounded; "
                + "store ids this large as int64",
                assertThrows(Npy.NpyFormatException.class, () -> Npy.readIntegers(huge)).getMessage());
        Path nan = float64("nan.npy", 0, Double.NaN);
        assertEquals(nan + ": label at index 1 is not an integer: NaN",
                assertThrows(Npy.NpyFormatException.class, () -> Npy.readIntegers(nan)).getMessage());
    }

    @Test
    void refusesUint64BeyondTheSignedRange() throws IOException {
        Path p = int64("u.npy", "<u8", ByteOrder.LITTLE_ENDIAN, 1, -1);
        assertEquals(p + ": label at index 1 is 18446744073709551615, beyond the 64-bit signed integer range",
                assertThrows(Npy.NpyFormatException.class, () -> Npy.readIntegers(p)).getMessage());
    }
}
