package dev.modelscout.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Random;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/** The radix sort sorts exactly as {@link Arrays#sort(long[], int, int)}, on every kind of key. */
class RadixSortTest {

    private static void sortsLikeArraysSort(long[] a, int from, int to, boolean radix, String what) {
        long[] expected = a.clone();
        Arrays.sort(expected, from, to);
        RadixSort.sort(a, from, to, radix);
        assertArrayEquals(expected, a, what);
    }

    private static long[] keys(int n, LongSupplier key) {
        long[] a = new long[n];
        for (int i = 0; i < n; i++) {
            a[i] = key.getAsLong();
        }
        return a;
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
        RadixSort.sort(a, 10, 90_000, true);
        assertArrayEquals(expected, a);
    }

    @Test
    void sortsAnyLongsNegativesAndTiesIncluded() {
        Random r = new Random(3);
        int n = 3 * RadixSort.MIN_RADIX_KEYS;
        sortsLikeArraysSort(keys(n, r::nextLong), 0, n, true, "full range");
        sortsLikeArraysSort(keys(n, () -> r.nextInt(50) - 25), 0, n, true, "few values, negative and positive");
        sortsLikeArraysSort(keys(n, () -> r.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE - 1), 0, n, true,
                "extremes");
        sortsLikeArraysSort(keys(n, () -> 42), 0, n, true, "all equal");
    }

    @Test
    void sortsBitPatternsOfDoublesAsTheirValuesOrder() {
        Random r = new Random(4);
        double[] special = {0.0, Double.MIN_VALUE, Double.MIN_NORMAL, 1.0, 2.0, Double.MAX_VALUE,
            Double.POSITIVE_INFINITY};
        int n = 2 * RadixSort.MIN_RADIX_KEYS + 7;
        long[] a = keys(n, () -> Double.doubleToRawLongBits(r.nextInt(4) == 0
                ? special[r.nextInt(special.length)] : 2 * r.nextDouble()));
        long[] sorted = a.clone();
        RadixSort.sort(sorted, 0, n, true);
        double[] values = Arrays.stream(sorted).mapToDouble(Double::longBitsToDouble).toArray();
        double[] expected = Arrays.stream(a).mapToDouble(Double::longBitsToDouble).sorted().toArray();
        assertArrayEquals(expected, values);
    }

    @Test
    void skipsDigitsThatAllKeysShareWhicheverArrayEndsWithTheResult() {
        Random r = new Random(5);
        int n = RadixSort.MIN_RADIX_KEYS + 1;
        for (int pass = 0; pass < 4; pass++) {
            int shift = 16 * pass;
            // only digit `pass` varies: one pass moves the keys (result in the buffer, copied back)
            sortsLikeArraysSort(keys(n, () -> 0x1234_5678_9abc_def0L ^ ((long) r.nextInt(1 << 16) << shift)),
                    0, n, true, "digit " + pass);
            // all but digit `pass` vary: three passes
            long mask = ~(0xffffL << shift);
            sortsLikeArraysSort(keys(n, () -> (r.nextLong() & mask) | (0x7fffL << shift)), 0, n, true,
                    "all digits but " + pass);
        }
        sortsLikeArraysSort(keys(n, () -> r.nextInt() & 0xffff_ffffL), 0, n, true, "two low digits");
    }

    @Test
    void sortsOnlyItsRangeAndSmallRangesOrWithoutRadixInPlace() {
        Random r = new Random(6);
        int n = 4 * RadixSort.MIN_RADIX_KEYS;
        sortsLikeArraysSort(keys(n, r::nextLong), 123, n - 456, true, "inner range");
        sortsLikeArraysSort(keys(n, r::nextLong), 5, 5 + RadixSort.MIN_RADIX_KEYS - 1, true, "below the radix size");
        sortsLikeArraysSort(keys(n, r::nextLong), 0, n, false, "radix off");
        sortsLikeArraysSort(keys(10, r::nextLong), 3, 3, true, "empty range");
        sortsLikeArraysSort(new long[0], 0, 0, true, "empty array");
    }
}
