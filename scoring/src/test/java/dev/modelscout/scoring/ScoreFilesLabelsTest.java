package dev.modelscout.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.modelscout.core.InvalidOptionException;
import dev.modelscout.core.Labels;
import dev.modelscout.core.ModelScoutException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Label files hold any integer ids (docs/scoring.md), remapped to 0..C-1: ids beyond 32 bits in int64 .npy and
 * CSV, whole numbers written as floats; anything else is refused naming the file and the index. And the score
 * settings out of their range are option errors, not bugs. No natives needed.
 */
class ScoreFilesLabelsTest {

    @TempDir
    Path dir;

    private Path int64Npy(String name, long... values) throws IOException {
        String dict = "{'descr': '<i8', 'fortran_order': False, 'shape': (" + values.length + ",), }";
        int total = 10 + dict.length() + 1;
        String header = dict + " ".repeat((64 - total % 64) % 64) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) header.length(), 0});
        out.write(header.getBytes(StandardCharsets.ISO_8859_1));
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            b.putLong(v);
        }
        out.write(b.array());
        Path p = dir.resolve(name);
        Files.write(p, out.toByteArray());
        return p;
    }

    @Test
    void int64NpyIdsBeyond32BitsAreRemapped() throws IOException {
        long huge = (1L << 62) + 1; // (1<<62)+1 and (1<<62)+2 are one double: they must stay two classes
        Labels l = ScoreFiles.readLabels(int64Npy("y.npy", 3_000_000_000L, 7, huge, huge + 1, 7));
        assertArrayEquals(new int[] {1, 0, 2, 3, 0}, l.ids());
        assertEquals(List.of("7", "3000000000", Long.toString(huge), Long.toString(huge + 1)), l.classNames());
    }

    @Test
    void csvIdsBeyond32BitsAndWholeFloatsAreRemapped() throws IOException {
        Path csv = dir.resolve("y.csv");
        Files.writeString(csv, "label\n3000000000\n7\n3e9\n-9223372036854775808\n7.0\n");
        Labels l = ScoreFiles.readLabels(csv);
        assertArrayEquals(new int[] {2, 1, 2, 0, 1}, l.ids());
        assertEquals(List.of("-9223372036854775808", "7", "3000000000"), l.classNames());
    }

    @Test
    void nonIntegerIdsAreRefusedNamingFileLineAndIndex() throws IOException {
        Path csv = dir.resolve("frac.csv");
        Files.writeString(csv, "label\n1\n2.5\n");
        assertEquals(csv + ":3: label at index 1 is not an integer: '2.5'",
                assertThrows(ScoringException.class, () -> ScoreFiles.readLabels(csv)).getMessage());
        Path tooBig = dir.resolve("big.csv");
        Files.writeString(tooBig, "1\n99999999999999999999\n");
        assertEquals(tooBig + ":2: label at index 1 is '99999999999999999999', beyond the 64-bit integer range",
                assertThrows(ScoringException.class, () -> ScoreFiles.readLabels(tooBig)).getMessage());
        Path rounded = dir.resolve("rounded.csv");
        Files.writeString(rounded, "1\n1e17\n");
        assertEquals(rounded + ":2: label at index 1 is '1e17', a float beyond 2^53 that may have been rounded; "
                + "write it as a plain integer",
                assertThrows(ScoringException.class, () -> ScoreFiles.readLabels(rounded)).getMessage());
        Path npy = dir.resolve("frac.npy");
        dev.modelscout.core.Npy.write(npy, dev.modelscout.core.FeatureMatrix.of(new double[][] {{1}, {0.5}}), false);
        ModelScoutException e = assertThrows(ModelScoutException.class, () -> ScoreFiles.readLabels(npy));
        assertEquals(npy + ": label at index 1 is not an integer: 0.5", e.getMessage());
    }

    @Test
    void pcaDimensionsBelowZeroAreOptionErrorsNamingTheOption() {
        assertEquals("--parc-pca -1: out of range (allowed: an integer >= 0; 0 = no PCA)",
                assertThrows(InvalidOptionException.class, () -> new Scores.Options(-1, 64)).getMessage());
        assertEquals("--gbc-pca -3: out of range (allowed: an integer >= 0; 0 = no PCA)",
                assertThrows(InvalidOptionException.class, () -> new Scores.Options(0, -3)).getMessage());
        assertThrows(InvalidOptionException.class, () -> new Parc.Config(-1));
        assertThrows(InvalidOptionException.class, () -> new Gbc.Config(-1));
    }
}
