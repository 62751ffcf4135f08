package dev.modelscout.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** PARC's rank machinery against a brute-force Spearman with average ranks, heavy ties included. */
class ParcRankTest {

    /** Pearson correlation of average ranks, computed the textbook way. */
    private static double bruteSpearman(double[] x, double[] y) {
        double[] rx = ranks(x);
        double[] ry = ranks(y);
        double mx = Arrays.stream(rx).average().orElseThrow();
        double my = Arrays.stream(ry).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (rx[i] - mx) * (ry[i] - my);
            sxx += (rx[i] - mx) * (rx[i] - mx);
            syy += (ry[i] - my) * (ry[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    private static double[] ranks(double[] v) {
        Integer[] idx = new Integer[v.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Double.compare(v[a], v[b]));
        double[] r = new double[v.length];
        for (int i = 0; i < idx.length;) {
            int j = i;
            while (j + 1 < idx.length && v[idx[j + 1]] == v[idx[i]]) {
                j++;
            }
            double avg = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                r[idx[k]] = avg;
            }
            i = j + 1;
        }
        return r;
    }

    @Test
    void groupSpearmanEqualsBruteForceWithHeavyTies() {
        Random r = new Random(5);
        for (int trial = 0; trial < 30; trial++) {
            int groups = 2 + trial % 3; // 2, 3 or 4 label groups
            int levels = trial % 2 == 0 ? 7 : 100000; // heavy ties, then nearly none
            long[] sizes = new long[groups];
            long[][] keys = new long[groups][];
            int total = 0;
            for (int g = 0; g < groups; g++) {
                sizes[g] = 1 + r.nextInt(g == groups - 1 ? 3000 : 300);
                keys[g] = new long[(int) sizes[g]];
                total += sizes[g];
            }
            double[] x = new double[total];
            double[] label = new double[total];
            int i = 0;
            for (int g = 0; g < groups; g++) {
                for (int k = 0; k < sizes[g]; k++, i++) {
                    double v = r.nextInt(levels) / (double) levels + 0.05 * g;
                    x[i] = v;
                    label[i] = g;
                    keys[g][k] = Double.doubleToRawLongBits(v);
                }
            }
            boolean radix = trial % 4 < 2;
            List<Parc.Run> runs = new ArrayList<>();
            for (int g = 0; g < groups; g++) {
                int split = g == groups - 1 ? keys[g].length / 3 : 0;
                if (split > 0) {
                    Parc.sort(keys[g], 0, split, radix);
                    runs.add(new Parc.Run(keys[g], 0, split, g));
                }
                Parc.sort(keys[g], split, keys[g].length, radix);
                runs.add(new Parc.Run(keys[g], split, keys[g].length, g));
            }
            assertEquals(bruteSpearman(x, label), Parc.spearmanGroups(runs, sizes), 1e-12, "trial " + trial);
        }
    }

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
        Parc.permuteRows(m, d, order);
        assertArrayEquals(expected, m);
    }

    @Test
    void radixSortSortsLikeArraysSort() {
        Random r = new Random(9);
        long[] a = new long[100_000];
        for (int i = 0; i < a.length; i++) {
            a[i] = Double.doubleToRawLongBits(2 * r.nextDouble() * (i % 5 == 0 ? 1e-9 : 1));
        }
        long[] expected = a.clone();
        Arrays.sort(expected, 10, 90_000);
        Parc.sort(a, 10, 90_000, true);
        assertArrayEquals(expected, a);
    }
}
