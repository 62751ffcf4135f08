package dev.modelscout.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Runs forward passes in chunks of the current batch size. On CUDA an out-of-memory error halves the
 * batch size and retries the same images (the smaller size is kept for later batches); at batch size 1 it
 * gives up. On the CPU errors pass through unchanged.
 */
final class AdaptiveForward {

    /** One forward pass: n images of {@code perImage} floats in, n x D floats out. */
    interface Pass {
        float[] run(float[] input, int n);
    }

    private final Pass pass;
    private final boolean cuda;
    private final Consumer<String> warn;
    private final String modelId;
    private int batchSize;

    AdaptiveForward(String modelId, Pass pass, boolean cuda, int batchSize, Consumer<String> warn) {
        this.modelId = modelId;
        this.pass = pass;
        this.cuda = cuda;
        this.batchSize = batchSize;
        this.warn = warn;
    }

    int batchSize() {
        return batchSize;
    }

    float[] forward(float[] input, int n, int perImage) {
        List<float[]> parts = new ArrayList<>();
        int done = 0;
        while (done < n) {
            int m = Math.min(batchSize, n - done);
            float[] chunk = done == 0 && m == n ? input : Arrays.copyOfRange(input, done * perImage, (done + m) * perImage);
            try {
                parts.add(pass.run(chunk, m));
                done += m;
            } catch (RuntimeException e) {
                if (!cuda || !isOutOfMemory(e)) {
                    throw e;
                }
                if (m == 1) {
                    throw ExtractionException.of(modelId, "CUDA out of memory even at batch size 1", e);
                }
                batchSize = Math.max(1, m / 2);
                warn.accept("warning: model " + modelId + ": CUDA out of memory at batch size " + m
                        + "; retrying with batch size " + batchSize);
            }
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        int total = parts.stream().mapToInt(p -> p.length).sum();
        float[] out = new float[total];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    static boolean isOutOfMemory(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage();
            if (m != null && m.toLowerCase(Locale.ROOT).contains("out of memory")) {
                return true;
            }
        }
        return false;
    }
}
