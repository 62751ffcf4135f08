package dev.modelscout.scoring;

import java.util.Arrays;
import java.util.List;

/**
 * Spearman's rank correlation, average ranks for ties, between a variable given as sorted runs of
 * {@code long} keys and a second variable that takes only a few distinct values (groups): each key
 * belongs to one group, and the groups are numbered in ascending order of the second variable. One merge
 * of the runs gives the feature-rank sum of each group and the tie counts, all exact in 64-bit integers;
 * no ranks are stored. This is how {@link Parc} ranks its pair dissimilarities against the few values its
 * label side takes.
 */
final class GroupedSpearman {

    /** A sorted stretch [from, to) of one group's keys. */
    record Run(long[] keys, int from, int to, int group) {
    }

    private GroupedSpearman() {
    }

    /**
     * Spearman's rho (average ranks for ties on both sides) between the keys of all runs and their group
     * (groups numbered in ascending order of the second variable). Each run is sorted; {@code sizes[g]} is
     * the number of keys of group g. Keys are any {@code long} but {@link Long#MAX_VALUE} (the end mark of a
     * run). Rank sums and tie counts are exact: twice an average rank is an integer.
     *
     * @return rho in [-1, 1], or NaN when it is undefined: all keys equal, or all in one group
     */
    static double rho(List<Run> runs, long[] sizes) {
        int groups = sizes.length;
        long m = 0;
        for (long z : sizes) {
            m += z;
        }
        // The two longest runs (in PARC: the two halves of the different-class group, see SortedRuns) are
        // merged with two pointers; the other runs, far shorter, are looked at only when one of them holds
        // the next key.
        int nr = runs.size();
        Integer[] byLength = new Integer[nr];
        for (int r = 0; r < nr; r++) {
            byLength[r] = r;
        }
        Arrays.sort(byLength, (x, y) -> Integer.compare(runs.get(y).to() - runs.get(y).from(),
                runs.get(x).to() - runs.get(x).from()));
        Run runA = runs.get(byLength[0]);
        Run runB = nr > 1 ? runs.get(byLength[1]) : new Run(new long[0], 0, 0, runA.group());
        int ns = Math.max(0, nr - 2);
        long[][] keys = new long[ns][];
        int[] pos = new int[ns];
        int[] end = new int[ns];
        int[] group = new int[ns];
        long[] head = new long[ns];
        long[] count = new long[ns];
        for (int q = 0; q < ns; q++) {
            Run run = runs.get(byLength[q + 2]);
            keys[q] = run.keys();
            pos[q] = run.from();
            end[q] = run.to();
            group[q] = run.group();
            head[q] = pos[q] < end[q] ? keys[q][pos[q]] : Long.MAX_VALUE;
        }
        long[] ka = runA.keys();
        long[] kb = runB.keys();
        int pa = runA.from();
        int pb = runB.from();
        int ea = runA.to();
        int eb = runB.to();
        // Long.MAX_VALUE marks an exhausted run (in PARC keys are bit patterns of doubles in [0, 2])
        long ha = pa < ea ? ka[pa] : Long.MAX_VALUE;
        long hb = pb < eb ? kb[pb] : Long.MAX_VALUE;
        long hs = minimum(head);
        long[] twiceRankSum = new long[groups];
        double tiesFeatures = 0; // sum over tie groups of t^3 - t
        long below = 0;
        while (true) {
            long v = ha < hb ? ha : hb;
            if (hs < v) {
                v = hs;
            }
            if (v == Long.MAX_VALUE) {
                break;
            }
            long ta = 0;
            long tb = 0;
            if (ha == v) {
                int p = endOfTies(ka, pa, ea, v);
                ta = p - pa;
                pa = p;
                ha = p < ea ? ka[p] : Long.MAX_VALUE;
            }
            if (hb == v) {
                int p = endOfTies(kb, pb, eb, v);
                tb = p - pb;
                pb = p;
                hb = p < eb ? kb[p] : Long.MAX_VALUE;
            }
            long t = ta + tb;
            boolean small = hs == v;
            if (small) {
                for (int q = 0; q < ns; q++) {
                    if (head[q] == v) {
                        long[] k = keys[q];
                        int e = end[q];
                        int p = endOfTies(k, pos[q], e, v);
                        count[q] = p - pos[q];
                        t += count[q];
                        pos[q] = p;
                        head[q] = p < e ? k[p] : Long.MAX_VALUE;
                    }
                }
                hs = minimum(head);
            }
            long twiceRank = 2 * below + t + 1;
            twiceRankSum[runA.group()] += ta * twiceRank;
            twiceRankSum[runB.group()] += tb * twiceRank;
            if (small) {
                for (int q = 0; q < ns; q++) {
                    if (count[q] != 0) {
                        twiceRankSum[group[q]] += count[q] * twiceRank;
                        count[q] = 0;
                    }
                }
            }
            below += t;
            if (t > 1) {
                double td = t;
                tiesFeatures += td * td * td - td;
            }
        }
        double md = m;
        double spreadFeatures = (md * md * md - md - tiesFeatures) / 12;
        if (!(spreadFeatures > 0)) {
            return Double.NaN;
        }
        double tiesLabels = 0;
        double cross = 0; // 4 * sum over pairs of (rank_f - mean) (rank_l - mean)
        long labelsBelow = 0;
        for (int g = 0; g < groups; g++) {
            double size = sizes[g];
            tiesLabels += size * size * size - size;
            long twiceLabelRankCentred = 2 * labelsBelow + sizes[g] + 1 - (m + 1);
            long twiceFeatureSumCentred = twiceRankSum[g] - sizes[g] * (m + 1);
            cross += (double) twiceLabelRankCentred * (double) twiceFeatureSumCentred;
            labelsBelow += sizes[g];
        }
        double spreadLabels = (md * md * md - md - tiesLabels) / 12;
        if (!(spreadLabels > 0)) {
            return Double.NaN;
        }
        return cross / 4 / Math.sqrt(spreadFeatures * spreadLabels);
    }

    /** The index after the keys equal to v from k[p] (which is v) on, at most e. */
    private static int endOfTies(long[] k, int p, int e, long v) {
        int q = p + 1;
        while (q < e && k[q] == v) {
            q++;
        }
        return q;
    }

    private static long minimum(long[] values) {
        long min = Long.MAX_VALUE;
        for (long v : values) {
            min = Math.min(min, v);
        }
        return min;
    }
}
