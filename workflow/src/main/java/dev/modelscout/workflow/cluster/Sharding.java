package dev.modelscout.workflow.cluster;

import java.util.List;

/**
 * Cuts a plan's cells into shards: shard {@code i} of {@code n} holds the contiguous cells
 * {@code [floor(i * C / n), floor((i + 1) * C / n))} of the {@code C} cells, so shards differ by at most one
 * cell, every shard holds at least one when {@code n <= C}, and a cell's shard depends on {@code (C, n)} only.
 */
public final class Sharding {

    private Sharding() {
    }

    /** The cells of shard {@code shard} (0-based) of {@code of}. */
    public static <T> List<T> cells(List<T> all, int shard, int of) {
        check(shard, of);
        return all.subList(start(shard, all.size(), of), start(shard + 1, all.size(), of));
    }

    /** The shard that cell {@code index} of {@code count} falls in when cut into {@code of}. */
    public static int shardOf(int index, int count, int of) {
        if (index < 0 || index >= count) {
            throw new IllegalArgumentException("cell " + index + " of " + count);
        }
        int s = (int) ((long) index * of / count);
        while (start(s + 1, count, of) <= index) {
            s++;
        }
        while (start(s, count, of) > index) {
            s--;
        }
        return s;
    }

    private static int start(int shard, int count, int of) {
        return (int) ((long) shard * count / of);
    }

    private static void check(int shard, int of) {
        if (of < 1 || shard < 0 || shard >= of) {
            throw new IllegalArgumentException("shard " + shard + " of " + of);
        }
    }
}
