package dev.modelscout.workflow.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShardingTest {

    @Test
    void everyCellFallsInExactlyOneShardOfNearlyEqualSize() {
        for (int count = 1; count <= 40; count++) {
            List<Integer> cells = IntStream.range(0, count).boxed().toList();
            for (int of = 1; of <= count; of++) {
                List<Integer> seen = new ArrayList<>();
                int min = Integer.MAX_VALUE;
                int max = 0;
                for (int s = 0; s < of; s++) {
                    List<Integer> shard = Sharding.cells(cells, s, of);
                    assertFalse(shard.isEmpty(), count + " cells in " + of + ": shard " + s + " is empty");
                    min = Math.min(min, shard.size());
                    max = Math.max(max, shard.size());
                    for (int c : shard) {
                        assertEquals(s, Sharding.shardOf(c, count, of), "shardOf agrees with cells()");
                    }
                    seen.addAll(shard);
                }
                assertEquals(cells, seen, "in order, each once");
                assertTrue(max - min <= 1, count + " cells in " + of + " shards: sizes " + min + ".." + max);
            }
        }
    }

    @Test
    void refusesAShardOutsideTheCut() {
        List<Integer> cells = List.of(0, 1, 2);
        assertThrows(IllegalArgumentException.class, () -> Sharding.cells(cells, 3, 3));
        assertThrows(IllegalArgumentException.class, () -> Sharding.cells(cells, -1, 3));
        assertThrows(IllegalArgumentException.class, () -> Sharding.cells(cells, 0, 0));
    }
}
