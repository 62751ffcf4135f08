package dev.modelscout.engine;

import dev.modelscout.core.Device;
import dev.modelscout.core.InvalidOptionException;

/**
 * How to fine-tune: the protocol of docs/finetune.md. SGD with momentum and weight decay (PyTorch's
 * {@code torch.optim.SGD} rule), softmax cross-entropy, a cosine learning-rate decay per step from
 * {@code learningRate}, mini-batches in an order drawn from {@code seed}.
 *
 * @param device         where to train ({@code auto}: CUDA when usable, else the CPU)
 * @param epochs         passes over the training images
 * @param learningRate   the rate of the first step (the schedule decays it towards 0)
 * @param batchSize      images per step (the last batch of an epoch may be smaller)
 * @param momentum       SGD momentum, in [0, 1)
 * @param weightDecay    L2 weight decay added to every gradient (as {@code torch.optim.SGD}), >= 0
 * @param seed           the head's initial weights, the batch order and PyTorch's generator
 * @param freezeBackbone train the new head only: the backbone stays in eval mode and its weights fixed
 * @param threads        PyTorch intra-op threads, or 0 for PyTorch's default (one per core); a run is
 *                       bit-identical only to runs with the same seed and the same thread count
 * @param workers        threads that decode and preprocess the next batches while the device computes
 */
public record FineTuneOptions(Device device, int epochs, double learningRate, int batchSize, double momentum,
                              double weightDecay, long seed, boolean freezeBackbone, int threads, int workers) {

    public FineTuneOptions {
        if (device == null) {
            throw new InvalidOptionException("fine-tuning device is not set");
        }
        if (epochs < 1) {
            throw new InvalidOptionException("epochs must be >= 1, got " + epochs);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new InvalidOptionException("learning rate must be a positive number, got " + learningRate);
        }
        if (batchSize < 1) {
            throw new InvalidOptionException("batch size must be >= 1, got " + batchSize);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new InvalidOptionException("momentum must be in [0, 1), got " + momentum);
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new InvalidOptionException("weight decay must be >= 0, got " + weightDecay);
        }
        if (threads < 0) {
            throw new InvalidOptionException("threads must be >= 0 (0: PyTorch's default), got " + threads);
        }
        if (workers < 1) {
            throw new InvalidOptionException("decode workers must be >= 1, got " + workers);
        }
    }

    /**
     * auto device, 10 epochs, learning rate 0.01, batch 32, momentum 0.9, weight decay 1e-4, seed 0, the
     * whole network trained, PyTorch's thread default, one decode worker.
     */
    public static FineTuneOptions defaults() {
        return new FineTuneOptions(Device.AUTO, 10, 0.01, 32, 0.9, 1e-4, 0, false, 0, 1);
    }

    public FineTuneOptions withDevice(Device d) {
        return new FineTuneOptions(d, epochs, learningRate, batchSize, momentum, weightDecay, seed, freezeBackbone,
                threads, workers);
    }

    public FineTuneOptions withEpochs(int e) {
        return new FineTuneOptions(device, e, learningRate, batchSize, momentum, weightDecay, seed, freezeBackbone,
                threads, workers);
    }

    public FineTuneOptions withLearningRate(double lr) {
        return new FineTuneOptions(device, epochs, lr, batchSize, momentum, weightDecay, seed, freezeBackbone,
                threads, workers);
    }

    public FineTuneOptions withBatchSize(int b) {
        return new FineTuneOptions(device, epochs, learningRate, b, momentum, weightDecay, seed, freezeBackbone,
                threads, workers);
    }

    public FineTuneOptions withMomentum(double m) {
        return new FineTuneOptions(device, epochs, learningRate, batchSize, m, weightDecay, seed, freezeBackbone,
                threads, workers);
    }

    public FineTuneOptions withWeightDecay(double wd) {
        return new FineTuneOptions(device, epochs, learningRate, batchSize, momentum, wd, seed, freezeBackbone,
                threads, workers);
    }

    public FineTuneOptions withSeed(long s) {
        return new FineTuneOptions(device, epochs, learningRate, batchSize, momentum, weightDecay, s, freezeBackbone,
                threads, workers);
    }

    public FineTuneOptions withFreezeBackbone(boolean f) {
        return new FineTuneOptions(device, epochs, learningRate, batchSize, momentum, weightDecay, seed, f, threads,
                workers);
    }

    public FineTuneOptions withThreads(int t) {
        return new FineTuneOptions(device, epochs, learningRate, batchSize, momentum, weightDecay, seed,
                freezeBackbone, t, workers);
    }

    public FineTuneOptions withWorkers(int w) {
        return new FineTuneOptions(device, epochs, learningRate, batchSize, momentum, weightDecay, seed,
                freezeBackbone, threads, w);
    }

    /**
     * The optimiser steps of a run over {@code images} training images: epochs x batches per epoch, refused
     * (a usage error naming both options) when the product does not fit an int, before any training.
     */
    public int steps(int images) {
        long perEpoch = ((long) images + batchSize - 1) / batchSize;
        long steps = perEpoch * epochs;
        if (steps > Integer.MAX_VALUE) {
            throw new InvalidOptionException("--epochs " + epochs + " x " + perEpoch + " batches per epoch (" + images
                    + " images, --batch-size " + batchSize + ") = " + steps + " optimiser steps, more than "
                    + Integer.MAX_VALUE + "; give fewer epochs or a larger batch size");
        }
        return (int) steps;
    }
}
