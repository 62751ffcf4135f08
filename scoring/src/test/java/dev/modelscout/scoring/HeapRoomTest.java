package dev.modelscout.scoring;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The heap's room: never more than its maximum, and an answer even when the wish is beyond it. */
class HeapRoomTest {

    @Test
    void availableIsPositiveAndAtMostTheMaximumHeap() {
        long max = Runtime.getRuntime().maxMemory();
        long small = HeapRoom.available(1);
        assertTrue(small > 0 && small <= max, "available " + small + " of " + max);
        long beyond = HeapRoom.available(Long.MAX_VALUE); // collects once, then answers
        assertTrue(beyond > 0 && beyond <= max, "available " + beyond + " of " + max);
    }
}
