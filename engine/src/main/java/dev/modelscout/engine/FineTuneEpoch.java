package dev.modelscout.engine;

/**
 * One epoch of a fine-tuning run.
 *
 * @param epoch         1-based
 * @param trainLoss     mean softmax cross-entropy over the epoch's training images, in train mode, as the
 *                      network was at each step (before that step's update)
 * @param trainAccuracy top-1 accuracy over the same forward passes
 * @param valLoss       mean cross-entropy on the validation images after the epoch, in eval mode
 * @param valAccuracy   top-1 accuracy on the validation images after the epoch, in eval mode
 * @param learningRate  the rate of the epoch's last step
 * @param seconds       wall time of the epoch: training steps (with decoding) and the validation pass
 */
public record FineTuneEpoch(int epoch, double trainLoss, double trainAccuracy, double valLoss, double valAccuracy,
                            double learningRate, double seconds) {
}
