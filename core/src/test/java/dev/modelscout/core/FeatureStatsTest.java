package dev.modelscout.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureStatsTest {

    @TempDir
    Path dir;

    @Test
    void meansAndPopulationStandardDeviationsPerColumn() {
        // columns (1, 2, 3) and (4, 4, 4): means 2 and 4, population std sqrt(2/3) and 0 (NumPy's x.std(0))
        FeatureStats s = FeatureStats.of(FeatureMatrix.of(new double[][] {{1, 4}, {2, 4}, {3, 4}}));
        assertArrayEquals(new double[] {2, 4}, s.mean(), 1e-15);
        assertArrayEquals(new double[] {Math.sqrt(2.0 / 3), 0}, s.std(), 1e-15);
        assertEquals(3, s.images());
    }

    @Test
    void writesAndReadsBackTheSameValues() {
        FeatureStats s = FeatureStats.of(FeatureMatrix.of(new double[][] {{0.1, -7, 1e-9}, {0.3, 2, 5}}));
        Path f = dir.resolve("a.source.npy");
        s.write(f);
        assertEquals(s, FeatureStats.read(f));
        Npy.Array raw = Npy.read(f);
        assertArrayEquals(new int[] {2, 3}, raw.shape());
        assertEquals("f8", raw.dtype().substring(raw.dtype().length() - 2), raw.dtype());
    }

    @Test
    void refusesAFileThatIsNotTwoRowsOfStatisticsNamingIt() {
        Path three = dir.resolve("three.npy");
        Npy.write(three, FeatureMatrix.of(new double[][] {{1}, {2}, {3}}), false);
        Exception e = assertThrows(Npy.NpyFormatException.class, () -> FeatureStats.read(three));
        assertTrue(e.getMessage().startsWith(three + ": feature stats must be a (2, D) array"), e.getMessage());
        Path negative = dir.resolve("negative.npy");
        Npy.write(negative, FeatureMatrix.of(new double[][] {{1, 2}, {0.5, -1}}), false);
        e = assertThrows(Npy.NpyFormatException.class, () -> FeatureStats.read(negative));
        assertTrue(e.getMessage().contains("row 1, column 1 is not a standard deviation"), e.getMessage());
        Path nan = dir.resolve("nan.npy");
        Npy.write(nan, FeatureMatrix.of(new double[][] {{Double.NaN, 2}, {0.5, 1}}), false);
        e = assertThrows(Npy.NpyFormatException.class, () -> FeatureStats.read(nan));
        assertTrue(e.getMessage().contains("row 0, column 0 is not finite"), e.getMessage());
    }
}
