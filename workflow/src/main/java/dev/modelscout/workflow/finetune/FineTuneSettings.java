package dev.modelscout.workflow.finetune;

import dev.modelscout.core.Device;
import dev.modelscout.core.InvalidOptionException;
import dev.modelscout.engine.FineTuneOptions;

/**
 * How a fine-tuning cell trains (the protocol of {@code modelscout finetune}): SGD with momentum and weight
 * decay, a cosine learning-rate decay, a stratified train / validation split of the dataset drawn from
 * {@code seed}; the accuracy is the validation accuracy after the last epoch.
 *
 * @param epochs         passes over the training images, >= 1
 * @param learningRate   rate of the first step, > 0
 * @param batchSize      images per step, >= 1
 * @param momentum       SGD momentum, in [0, 1)
 * @param weightDecay    L2 weight decay, >= 0
 * @param seed           head initialisation, batch order and the train / validation split
 * @param freezeBackbone train the new head only
 * @param valFraction    share of each class held out for validation, in (0, 1); unused with {@code validation}
 * @param validation     a folder with one validation image folder per dataset id ({@code VALIDATION/<id>}): every
 *                       cell of a dataset is validated on the same fixed images and trains on the whole (subsampled)
 *                       dataset; null: each cell splits its dataset with {@code valFraction} and {@code seed}
 */
public record FineTuneSettings(int epochs, double learningRate, int batchSize, double momentum, double weightDecay,
                               long seed, boolean freezeBackbone, double valFraction, String validation) {

    public FineTuneSettings {
        check(epochs >= 1, "--epochs", epochs, "an integer >= 1");
        check(learningRate > 0 && Double.isFinite(learningRate), "--lr", learningRate, "a number > 0");
        check(batchSize >= 1, "--ft-batch-size", batchSize, "an integer >= 1");
        check(momentum >= 0 && momentum < 1, "--momentum", momentum, "a number in [0, 1)");
        check(weightDecay >= 0 && Double.isFinite(weightDecay), "--weight-decay", weightDecay, "a number >= 0");
        check(valFraction > 0 && valFraction < 1, "--val-fraction", valFraction, "a number in (0, 1)");
    }

    /** 10 epochs, learning rate 0.01, batch 32, momentum 0.9, weight decay 1e-4, seed 0, whole network, 20 % held out. */
    public static FineTuneSettings defaults() {
        return new FineTuneSettings(10, 0.01, 32, 0.9, 1e-4, 0, false, 0.2, null);
    }

    /** The engine's options for these settings on {@code device} with {@code threads} PyTorch threads (0: default). */
    public FineTuneOptions options(Device device, int threads) {
        return FineTuneOptions.defaults().withDevice(device).withEpochs(epochs).withLearningRate(learningRate)
                .withBatchSize(batchSize).withMomentum(momentum).withWeightDecay(weightDecay).withSeed(seed)
                .withFreezeBackbone(freezeBackbone).withThreads(threads);
    }

    private static void check(boolean ok, String option, Object value, String allowed) {
        if (!ok) {
            throw new InvalidOptionException(option + " " + value + ": out of range (allowed: " + allowed + ")");
        }
    }
}
