package dev.modelscout.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Rows into class order: a stable grouping by class, applied to a matrix in place. */
class RowPermutationTest {

    @Test
    void permuteRowsInPlaceMovesEveryRowWhereTheOrderSays() {
        int n = 7;
        int d = 3;
        int[] order = {3, 0, 6, 1, 2, 5, 4}; // row i becomes old row order[i]; cycles of several lengths
        double[] m = new double[n * d];
        for (int i = 0; i < m.length; i++) {
            m[i] = i;
        }
        double[] expected = new double[n * d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(m, order[i] * d, expected, i * d, d);
        }
        RowPermutation.permuteRows(m, d, order);
        assertArrayEquals(expected, m);
    }

    @Test
    void byClassGroupsTheImagesOfEachClassInInputOrder() {
        int[] ids = {2, 0, 1, 0, 2, 2, 0, 3};
        RowPermutation p = RowPermutation.byClass(ids, 5); // class 4 has no image
        assertArrayEquals(new int[] {1, 3, 6, 2, 0, 4, 5, 7}, p.order());
        assertArrayEquals(new int[] {0, 3, 4, 7, 8, 8}, p.classStart());
    }

    @Test
    void byClassIsAStablePermutationOnRandomLabels() {
        Random r = new Random(11);
        for (int trial = 0; trial < 50; trial++) {
            int c = 1 + r.nextInt(6);
            int[] ids = new int[r.nextInt(40)];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = r.nextInt(c);
            }
            RowPermutation p = RowPermutation.byClass(ids, c);
            int[] order = p.order();
            int[] start = p.classStart();
            assertEquals(ids.length, order.length);
            assertEquals(0, start[0]);
            assertEquals(ids.length, start[c]);
            boolean[] seen = new boolean[ids.length];
            for (int a = 0; a < c; a++) {
                for (int i = start[a]; i < start[a + 1]; i++) {
                    assertEquals(a, ids[order[i]], "trial " + trial + ", row " + i);
                    assertTrue(i == start[a] || order[i - 1] < order[i], "stable within class " + a);
                    seen[order[i]] = true;
                }
            }
            for (boolean s : seen) {
                assertTrue(s, "trial " + trial + ": every image once");
            }
        }
    }

    @Test
    void applyToPutsEachImagesRowAtItsPlaceInClassOrder() {
        Random r = new Random(12);
        int n = 60;
        int d = 4;
        int[] ids = new int[n];
        double[] m = new double[n * d];
        for (int i = 0; i < n; i++) {
            ids[i] = r.nextInt(5);
            for (int j = 0; j < d; j++) {
                m[i * d + j] = r.nextGaussian();
            }
        }
        double[] original = m.clone();
        RowPermutation p = RowPermutation.byClass(ids, 5);
        p.applyTo(m, d);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                assertEquals(original[p.order()[i] * d + j], m[i * d + j], "row " + i);
            }
        }
    }

    @Test
    void identityOrderLeavesTheMatrixAlone() {
        double[] m = {1, 2, 3, 4, 5, 6};
        RowPermutation.byClass(new int[] {0, 0, 1}, 2).applyTo(m, 2);
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, m);
    }
}
