package dev.modelscout.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.modelscout.scoring.GroupedSpearman.Run;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Every group's keys sorted into runs, the largest in two halves (one sorted on a second thread). */
class SortedRunsTest {

    private static long[] random(Random r, int n) {
        long[] a = new long[n];
        for (int i = 0; i < n; i++) {
            a[i] = Double.doubleToRawLongBits(2 * r.nextDouble());
        }
        return a;
    }

    @Test
    void sortsEveryGroupAndSplitsTheLargestInTwoHalves() {
        for (boolean radix : new boolean[] {true, false}) {
            Random r = new Random(radix ? 1 : 2);
            long[][] keys = {random(r, 500), new long[0], random(r, 3 * RadixSort.MIN_RADIX_KEYS + 1), random(r, 7)};
            long[][] before = Arrays.stream(keys).map(long[]::clone).toArray(long[][]::new);
            List<Run> runs = SortedRuns.sort(keys, radix, "test");
            int big = keys[2].length;
            assertEquals(List.of(0, 2, 2, 3), runs.stream().map(Run::group).toList(), "empty group 1 gives no run");
            assertEquals(big / 2, runs.get(1).to());
            assertEquals(big / 2, runs.get(2).from());
            assertEquals(big, runs.get(2).to());
            for (Run run : runs) {
                long[] expected = before[run.group()].clone();
                long[] sorted = Arrays.copyOfRange(run.keys(), run.from(), run.to());
                long[] expectedPart = Arrays.copyOfRange(expected, run.from(), run.to());
                Arrays.sort(expectedPart);
                assertArrayEquals(expectedPart, sorted, "group " + run.group() + " from " + run.from());
                assertSame(keys[run.group()], run.keys(), "sorted in place");
            }
        }
    }

    @Test
    void aSingleGroupOfOneKeyGivesAnEmptyFirstHalf() {
        List<Run> runs = SortedRuns.sort(new long[][] {{5}}, true, "test");
        assertEquals(List.of(0, 0), runs.stream().map(Run::from).toList());
        assertEquals(List.of(0, 1), runs.stream().map(Run::to).toList());
    }
}
