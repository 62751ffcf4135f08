package dev.modelscout.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class LabelsTest {

    @Test
    void remapsNonContiguousIdsInAscendingOrder() {
        Labels l = Labels.remap(new int[] {42, 3, 7, 7, 3});
        assertArrayEquals(new int[] {2, 0, 1, 1, 0}, l.ids());
        assertEquals(List.of("3", "7", "42"), l.classNames());
        assertArrayEquals(new int[] {2, 2, 1}, l.counts());
    }

    @Test
    void remapsIdsBeyond32BitIntegersWithoutLosingAny() {
        long big = 3_000_000_000L;
        Labels l = Labels.remap(new long[] {big, -5, Long.MAX_VALUE, big, Long.MAX_VALUE - 1});
        assertArrayEquals(new int[] {1, 0, 3, 1, 2}, l.ids());
        assertEquals(List.of("-5", "3000000000", Long.toString(Long.MAX_VALUE - 1), Long.toString(Long.MAX_VALUE)),
                l.classNames());
    }

    @Test
    void rejectsIdsOutsideTheClassList() {
        assertThrows(IllegalArgumentException.class, () -> new Labels(new int[] {0, 2}, List.of("a", "b")));
    }

    @Test
    void featureMatrixChecksShapeAndFindsNonFinite() {
        assertThrows(IllegalArgumentException.class, () -> new FeatureMatrix(2, 2, new double[3]));
        FeatureMatrix m = FeatureMatrix.of(new double[][] {{1, 2}, {Double.NaN, 4}});
        assertEquals(2, m.firstNonFinite());
        assertArrayEquals(new double[] {Double.NaN, 4}, m.row(1));
        assertEquals(-1, FeatureMatrix.of(new double[][] {{1}}).firstNonFinite());
    }
}
