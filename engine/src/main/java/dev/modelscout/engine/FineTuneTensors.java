package dev.modelscout.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;

/** A batch as tensors, and the loss, shared by fine-tuning's training steps and its evaluation. */
final class FineTuneTensors {

    private FineTuneTensors() {
    }

    /** The batch's images as a (size, 3, crop, crop) tensor; {@code per} values per image. */
    static NDArray images(NDManager manager, BatchLoader.Batch b, int per, int crop) {
        return manager.create(FloatBuffer.wrap(b.pixels(), 0, b.size() * per), new Shape(b.size(), 3, crop, crop));
    }

    /** The batch's class ids as an int64 tensor. */
    static NDArray labels(NDManager manager, BatchLoader.Batch b) {
        int[] v = b.labels();
        long[] out = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return manager.create(out);
    }

    /** Mean softmax cross-entropy: {@code -mean(log_softmax(logits)[i, y_i])}, as PyTorch's cross_entropy. */
    static NDArray crossEntropy(NDArray logits, NDArray labels) {
        long n = labels.size();
        return logits.logSoftmax(1).gather(labels.reshape(n, 1), 1).mean().neg();
    }

    /** The number of predictions that match the labels. */
    static long correct(NDArray logits, NDArray labels) {
        return logits.argMax(1).eq(labels).sum().getLong();
    }
}
