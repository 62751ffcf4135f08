package dev.modelscout.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelscout.scoring.GroupedSpearman.Run;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The grouped Spearman merge against a brute-force Spearman with average ranks, heavy ties included. */
class GroupedSpearmanTest {

    /** Pearson correlation of average ranks, computed the textbook way. */
    static double bruteSpearman(double[] x, double[] y) {
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
            List<Run> runs = new ArrayList<>();
            for (int g = 0; g < groups; g++) {
                int split = g == groups - 1 ? keys[g].length / 3 : 0;
                if (split > 0) {
                    RadixSort.sort(keys[g], 0, split, radix);
                    runs.add(new Run(keys[g], 0, split, g));
                }
                RadixSort.sort(keys[g], split, keys[g].length, radix);
                runs.add(new Run(keys[g], split, keys[g].length, g));
            }
            assertEquals(bruteSpearman(x, label), GroupedSpearman.rho(runs, sizes), 1e-12, "trial " + trial);
        }
    }

    @Test
    void smallInputsWithTiesAndManyRunsMatchTheTextbookSpearman() {
        Random r = new Random(17);
        for (int trial = 0; trial < 200; trial++) {
            int groups = 2 + r.nextInt(4);
            int levels = 1 + r.nextInt(6); // 1..6 distinct keys: ties everywhere
            long[] sizes = new long[groups];
            List<long[]> perGroup = new ArrayList<>();
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int g = 0; g < groups; g++) {
                long[] k = new long[r.nextInt(8)]; // empty groups too
                for (int i = 0; i < k.length; i++) {
                    k[i] = r.nextInt(levels) - 2; // negative keys too
                    xs.add((double) k[i]);
                    ys.add((double) g);
                }
                sizes[g] = k.length;
                perGroup.add(k);
            }
            List<Run> runs = new ArrayList<>();
            for (int g = 0; g < groups; g++) {
                long[] k = perGroup.get(g);
                int cut = k.length == 0 ? 0 : r.nextInt(k.length + 1); // every group in up to two runs
                Arrays.sort(k, 0, cut);
                Arrays.sort(k, cut, k.length);
                runs.add(new Run(k, 0, cut, g));
                runs.add(new Run(k, cut, k.length, g));
            }
            double[] x = xs.stream().mapToDouble(Double::doubleValue).toArray();
            double[] y = ys.stream().mapToDouble(Double::doubleValue).toArray();
            double expected = x.length == 0 ? Double.NaN : bruteSpearman(x, y);
            double rho = GroupedSpearman.rho(runs, sizes);
            if (Double.isNaN(expected)) {
                assertTrue(Double.isNaN(rho), "trial " + trial + ": undefined, got " + rho);
            } else {
                assertEquals(expected, rho, 1e-12, "trial " + trial);
            }
        }
    }

    @Test
    void twoTiedPairsInTwoGroupsGiveTwoOverRootFive() {
        // keys 1, 2 | 3, 4: ranks 1..4 against average group ranks 1.5, 1.5, 3.5, 3.5
        List<Run> runs = List.of(new Run(new long[] {1, 2}, 0, 2, 0), new Run(new long[] {3, 4}, 0, 2, 1));
        assertEquals(2 / Math.sqrt(5), GroupedSpearman.rho(runs, new long[] {2, 2}), 1e-15);
        List<Run> reversed = List.of(new Run(new long[] {3, 4}, 0, 2, 0), new Run(new long[] {1, 2}, 0, 2, 1));
        assertEquals(-2 / Math.sqrt(5), GroupedSpearman.rho(reversed, new long[] {2, 2}), 1e-15);
    }

    @Test
    void isUndefinedWhenAllKeysAreEqualOrAllInOneGroup() {
        List<Run> equalKeys = List.of(new Run(new long[] {7, 7}, 0, 2, 0), new Run(new long[] {7, 7, 7}, 0, 3, 1));
        assertTrue(Double.isNaN(GroupedSpearman.rho(equalKeys, new long[] {2, 3})));
        List<Run> oneGroup = List.of(new Run(new long[] {1, 2, 3}, 0, 3, 1), new Run(new long[0], 0, 0, 0));
        assertTrue(Double.isNaN(GroupedSpearman.rho(oneGroup, new long[] {0, 3})));
    }
}
