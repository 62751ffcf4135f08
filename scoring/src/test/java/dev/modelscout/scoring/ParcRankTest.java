package dev.modelscout.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * PARC's label side: the reference's floating-point label dissimilarities. Its rank machinery is tested in
 * {@link GroupedSpearmanTest}, {@link RadixSortTest}, {@link SortedRunsTest} and {@link RowPermutationTest}.
 */
class ParcRankTest {

    @Test
    void labelDissimilaritiesAreTheReferencesFloatingPointValues() {
        // Exact arithmetic gives 0 on the diagonal and 1 + 1/(C-1) off it; the reference's floating point leaves
        // the last bit of some diagonal entries set. Expected sets from onehot_dissimilarity() in
        // src/bench/scores/definitions.py (exact FMA rounding through Python Fractions).
        double[] five = Parc.labelDissimilarities(5);
        assertArrayEquals(new double[] {0.0, 1.1102230246251565e-16}, diagonalValues(five, 5));
        assertEquals(1.25, five[1], 1e-15);
        double[] ten = Parc.labelDissimilarities(10);
        assertArrayEquals(new double[] {0.0, 2.220446049250313e-16}, diagonalValues(ten, 10));
        assertEquals(1 + 1.0 / 9, ten[1], 1e-15);
    }

    private static double[] diagonalValues(double[] m, int c) {
        return java.util.stream.IntStream.range(0, c).mapToDouble(a -> m[a * c + a]).distinct().sorted().toArray();
    }
}
