package dev.modelscout.scoring;

import dev.modelscout.scoring.GroupedSpearman.Run;
import java.util.ArrayList;
import java.util.List;

/**
 * Sorts the keys of every group into runs for {@link GroupedSpearman}: each group one run, the largest
 * in two halves, the second half sorted on a thread of its own while this thread sorts the rest (in PARC
 * the largest group, the different-class pairs, holds most of the keys, so two threads share the work).
 */
final class SortedRuns {

    private SortedRuns() {
    }

    /**
     * Sorts each {@code keys[g]} (group g), in two halves for the largest, with {@link RadixSort#sort} and
     * {@code radix}, and returns the sorted runs; empty groups give none.
     *
     * @param who the score, for the message when the thread is interrupted
     */
    static List<Run> sort(long[][] keys, boolean radix, String who) {
        int largest = 0;
        for (int g = 1; g < keys.length; g++) {
            if (keys[g].length > keys[largest].length) {
                largest = g;
            }
        }
        List<Run> runs = new ArrayList<>();
        int half = keys[largest].length / 2;
        Run secondHalf = null;
        for (int g = 0; g < keys.length; g++) {
            if (g == largest) {
                runs.add(new Run(keys[g], 0, half, g));
                secondHalf = new Run(keys[g], half, keys[g].length, g);
                runs.add(secondHalf);
            } else if (keys[g].length > 0) {
                runs.add(new Run(keys[g], 0, keys[g].length, g));
            }
        }
        Run other = secondHalf;
        Throwable[] failure = new Throwable[1];
        Thread second = new Thread(() -> {
            try {
                RadixSort.sort(other.keys(), other.from(), other.to(), radix);
            } catch (Throwable t) { // NOPMD: handed to the calling thread below
                failure[0] = t;
            }
        }, who + "-sort");
        second.start();
        for (Run r : runs) {
            if (r != other) {
                RadixSort.sort(r.keys(), r.from(), r.to(), radix);
            }
        }
        try {
            second.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScoringException(who + ": interrupted");
        }
        if (failure[0] instanceof RuntimeException re) {
            throw re;
        }
        if (failure[0] instanceof Error err) {
            throw err;
        }
        return runs;
    }
}
