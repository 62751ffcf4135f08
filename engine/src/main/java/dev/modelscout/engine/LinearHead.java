package dev.modelscout.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;

/**
 * The new classifier head a fine-tuning run trains on top of the backbone: {@code logits = features @ W.T + b},
 * W (classes x featureDim) and b (classes) drawn from U(-1/sqrt(d), 1/sqrt(d)) with {@link SplitMix64}, outside
 * any {@link NDScope}, with gradients on.
 */
final class LinearHead implements AutoCloseable {

    /** How the head is built, for the protocol. */
    static final String DESCRIPTION = "linear(features -> classes), weight and bias ~ U(-1/sqrt(d), 1/sqrt(d)) "
            + "from splitmix64(seed)";

    private final NDArray weight;
    private final NDArray bias;

    private LinearHead(NDArray weight, NDArray bias) {
        this.weight = weight;
        this.bias = bias;
    }

    /** A fresh head: the weight's values first, then the bias's, from {@code rng}. */
    static LinearHead init(NDManager m, int classes, int featureDim, SplitMix64 rng) {
        double bound = 1 / Math.sqrt(featureDim);
        float[] w = new float[classes * featureDim];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) ((2 * rng.nextDouble() - 1) * bound);
        }
        float[] b = new float[classes];
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) ((2 * rng.nextDouble() - 1) * bound);
        }
        NDArray weight = m.create(w, new Shape(classes, featureDim));
        NDArray bias = m.create(b, new Shape(classes));
        NDScope.unregister(weight, bias);
        weight.setRequiresGradient(true);
        bias.setRequiresGradient(true);
        return new LinearHead(weight, bias);
    }

    NDArray logits(NDArray features) {
        return Linear.linear(features, weight, bias).singletonOrThrow();
    }

    NDArray weight() {
        return weight;
    }

    NDArray bias() {
        return bias;
    }

    @Override
    public void close() {
        weight.close();
        bias.close();
    }
}
