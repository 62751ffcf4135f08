package dev.modelscout.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The generator behind the head's initial weights and the batch order must draw what the PyTorch reference's
 * twin (src/bench/finetune/torch_finetune.py, class SplitMix64) draws. Golden values: the first three of seed 0
 * are those of Vigna's reference splitmix64.c; the rest were printed by the Python twin.
 */
class SplitMix64Test {

    @Test
    void drawsTheReferenceSequence() {
        SplitMix64 r = new SplitMix64(0);
        assertEquals(0xe220a8397b1dcdafL, r.nextLong());
        assertEquals(0x6e789e6aa1b965f4L, r.nextLong());
        assertEquals(0x06c45d188009454fL, r.nextLong());
    }

    @Test
    void negativeSeedAndDoublesMatchThePythonTwin() {
        SplitMix64 r = new SplitMix64(-7);
        assertEquals(0x6c1e186443822970L, r.nextLong());
        assertEquals(0.4786370309856862, r.nextDouble());
    }

    @Test
    void shuffleMatchesThePythonTwin() {
        int[] a = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        new SplitMix64(42).shuffle(a);
        assertArrayEquals(new int[] {8, 3, 6, 5, 4, 0, 9, 2, 1, 7}, a);
    }
}
