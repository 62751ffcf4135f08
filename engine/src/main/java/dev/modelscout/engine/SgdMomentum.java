package dev.modelscout.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;

/**
 * Stochastic gradient descent with momentum and L2 weight decay, step for step PyTorch's
 * {@code torch.optim.SGD(params, lr, momentum, weight_decay)} (no dampening, not Nesterov):
 * {@code d = g + wd * p; buf = momentum * buf + d; p -= lr * buf}, with {@code buf = d} at the first
 * step (a zero buffer gives exactly that). The learning rate is passed per step (the schedule's).
 *
 * <p>Written out rather than DJL's {@code Optimizer.sgd()}, which calls a native update with MXNet's
 * parameters (rescaled and clipped gradients, lazy updates) and does not document that it is this rule: this
 * way the PyTorch reference is one line of {@code torch.optim.SGD}. Gradients are zeroed after each step.
 */
final class SgdMomentum implements AutoCloseable {

    private final List<NDArray> params;
    private final List<NDArray> buffers = new ArrayList<>();
    private final float momentum;
    private final float weightDecay;

    SgdMomentum(List<NDArray> params, double momentum, double weightDecay) {
        this.params = List.copyOf(params);
        this.momentum = (float) momentum;
        this.weightDecay = (float) weightDecay;
        if (momentum > 0) {
            for (NDArray p : this.params) {
                NDArray b = p.getManager().zeros(p.getShape(), p.getDataType(), p.getDevice());
                NDScope.unregister(b);
                buffers.add(b);
            }
        }
    }

    /** One update of every parameter from its gradient, then the gradients are zeroed. */
    void step(double learningRate) {
        float lr = (float) learningRate;
        try (NDScope scope = new NDScope()) {
            for (int i = 0; i < params.size(); i++) {
                NDArray p = params.get(i);
                NDArray g = p.getGradient();
                NDArray d = weightDecay > 0 ? g.add(p.mul(weightDecay)) : g;
                if (momentum > 0) {
                    NDArray b = buffers.get(i);
                    b.muli(momentum).addi(d);
                    p.subi(b.mul(lr));
                } else {
                    p.subi(d.mul(lr));
                }
                JniUtils.zeroGrad((PtNDArray) p);
            }
        }
    }

    @Override
    public void close() {
        buffers.forEach(NDArray::close);
    }
}
