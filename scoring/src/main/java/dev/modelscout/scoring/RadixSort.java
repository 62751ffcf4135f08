package dev.modelscout.scoring;

import java.util.Arrays;

/**
 * Sorting of {@code long} keys: an LSD radix sort with 16-bit digits, for the millions of pair keys of
 * {@link Parc} (IEEE bit patterns of non-negative doubles, which order as the values do). Sorts exactly
 * as {@link Arrays#sort(long[], int, int)}: ascending signed order, negative keys included.
 */
final class RadixSort {

    /** Below this many keys {@link Arrays#sort} is as fast and needs no buffer. */
    static final int MIN_RADIX_KEYS = 1 << 12;

    /** Flipped in the top digit, so that negative keys come first as in signed order. */
    private static final int SIGN = 0x8000;

    private RadixSort() {
    }

    /**
     * Sorts a[from, to) ascending: by radix (digits equal in all keys skipped) when {@code radix} (the
     * caller checked that the heap has room for a buffer of {@code to - from} keys), else by the in-place
     * {@link Arrays#sort}.
     */
    static void sort(long[] a, int from, int to, boolean radix) {
        int n = to - from;
        if (n < MIN_RADIX_KEYS || !radix) {
            Arrays.sort(a, from, to);
            return;
        }
        int[][] hist = new int[4][1 << 16];
        for (int i = from; i < to; i++) {
            long v = a[i];
            hist[0][(int) (v & 0xffff)]++;
            hist[1][(int) ((v >>> 16) & 0xffff)]++;
            hist[2][(int) ((v >>> 32) & 0xffff)]++;
            hist[3][(int) (v >>> 48) ^ SIGN]++;
        }
        long[] src = a;
        int srcOff = from;
        long[] dst = new long[n];
        int dstOff = 0;
        for (int pass = 0; pass < 4; pass++) {
            int[] h = hist[pass];
            int shift = 16 * pass;
            int flip = pass == 3 ? SIGN : 0;
            if (h[(int) ((a[from] >>> shift) & 0xffff) ^ flip] == n) {
                continue; // every key has this digit
            }
            int sum = dstOff;
            for (int b = 0; b < h.length; b++) {
                int cnt = h[b];
                h[b] = sum;
                sum += cnt;
            }
            for (int i = srcOff; i < srcOff + n; i++) {
                long v = src[i];
                dst[h[(int) ((v >>> shift) & 0xffff) ^ flip]++] = v;
            }
            long[] t = src;
            src = dst;
            dst = t;
            int o = srcOff;
            srcOff = dstOff;
            dstOff = o;
        }
        if (src != a) {
            System.arraycopy(src, srcOff, a, from, n);
        }
    }
}
