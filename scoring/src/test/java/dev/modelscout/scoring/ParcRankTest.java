package dev.modelscout.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
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
    void twoGroupSpearmanEqualsBruteForceWithHeavyTies() {
        Random r = new Random(5);
        for (int trial = 0; trial < 20; trial++) {
            int ns = 1 + r.nextInt(300);
            int nd = 1 + r.nextInt(3000);
            int levels = trial % 2 == 0 ? 7 : 100000; // heavy ties, then nearly none
            long[] same = new long[ns];
            long[] diff = new long[nd];
            double[] x = new double[ns + nd];
            double[] g = new double[ns + nd];
            for (int i = 0; i < ns + nd; i++) {
                double v = r.nextInt(levels) / (double) levels + (i >= ns ? 0.1 : 0);
                x[i] = v;
                g[i] = i < ns ? 0 : 1;
                if (i < ns) {
                    same[i] = Double.doubleToRawLongBits(v);
                } else {
                    diff[i - ns] = Double.doubleToRawLongBits(v);
                }
            }
            int split = nd / 3;
            boolean radix = trial % 4 < 2;
            Parc.sort(same, 0, ns, radix);
            Parc.sort(diff, 0, split, radix);
            Parc.sort(diff, split, nd, radix);
            assertEquals(bruteSpearman(x, g), Parc.spearmanTwoGroups(same, diff, split), 1e-12, "trial " + trial);
        }
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
