package dev.modelscout.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdaptiveForwardTest {

    /** A fake device with room for {@code capacity} images: larger batches fail like CUDA does. */
    private static AdaptiveForward.Pass fakeDevice(int capacity, List<Integer> calls) {
        return (input, n) -> {
            calls.add(n);
            if (n > capacity) {
                throw new RuntimeException("CUDA out of memory. Tried to allocate 2.00 GiB");
            }
            float[] out = new float[n];
            for (int i = 0; i < n; i++) {
                out[i] = input[i * 2] + input[i * 2 + 1]; // 2 floats per image -> 1 feature
            }
            return out;
        };
    }

    private static float[] input(int n) {
        float[] in = new float[2 * n];
        for (int i = 0; i < in.length; i++) {
            in[i] = i;
        }
        return in;
    }

    @Test
    void cudaOutOfMemoryHalvesTheBatchAndKeepsAllResultsInOrder() {
        List<Integer> calls = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        AdaptiveForward f = new AdaptiveForward("m", fakeDevice(5, calls), true, 16, warnings::add);
        float[] out = f.forward(input(16), 16, 2);
        float[] want = new float[16];
        for (int i = 0; i < 16; i++) {
            want[i] = 4 * i + 1;
        }
        assertArrayEquals(want, out);
        assertEquals(4, f.batchSize());
        assertEquals(List.of(16, 8, 4, 4, 4, 4), calls);
        assertEquals(2, warnings.size());
        assertTrue(warnings.get(0).contains("batch size 16; retrying with batch size 8"), warnings.get(0));
        calls.clear();
        f.forward(input(8), 8, 2);
        assertEquals(List.of(4, 4), calls, "the smaller batch size is kept");
    }

    @Test
    void givesUpAtBatchSizeOne() {
        AdaptiveForward f = new AdaptiveForward("m", fakeDevice(0, new ArrayList<>()), true, 4, s -> { });
        ExtractionException e = assertThrows(ExtractionException.class, () -> f.forward(input(4), 4, 2));
        assertTrue(e.getMessage().contains("out of memory even at batch size 1"));
    }

    @Test
    void onTheCpuErrorsPassThrough() {
        List<Integer> calls = new ArrayList<>();
        AdaptiveForward f = new AdaptiveForward("m", fakeDevice(2, calls), false, 4, s -> { });
        assertThrows(RuntimeException.class, () -> f.forward(input(4), 4, 2));
        assertEquals(List.of(4), calls);
        AdaptiveForward other = new AdaptiveForward("m", (in, n) -> {
            throw new IllegalStateException("shape mismatch");
        }, true, 4, s -> { });
        assertThrows(IllegalStateException.class, () -> other.forward(input(4), 4, 2));
    }
}
