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

    /** The fields by name, in declaration order (for JSON). */
    public java.util.Map<String, Object> toMap() {
        java.util.Map<String, Object> row = new java.util.LinkedHashMap<>();
        row.put("epoch", epoch);
        row.put("train_loss", trainLoss);
        row.put("train_accuracy", trainAccuracy);
        row.put("val_loss", valLoss);
        row.put("val_accuracy", valAccuracy);
        row.put("learning_rate", learningRate);
        row.put("seconds", seconds);
        return row;
    }
}
