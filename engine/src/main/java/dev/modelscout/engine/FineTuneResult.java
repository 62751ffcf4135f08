package dev.modelscout.engine;

import dev.modelscout.core.Device;
import java.util.List;

/**
 * The outcome of fine-tuning one backbone on one dataset.
 *
 * @param modelId     the backbone's id
 * @param valAccuracy top-1 accuracy on the validation images of the network after the last epoch (the last
 *                    epoch's, never the best epoch's: choosing an epoch on the validation images would make
 *                    their accuracy optimistic)
 * @param history     one entry per epoch, in order
 * @param trainSize   training images
 * @param valSize     validation images
 * @param numClasses  outputs of the new head
 * @param classNames  class names by output index
 * @param featureDim  the backbone's feature dimension (inputs of the head)
 * @param seconds     wall time of the run (loading not included)
 * @param device      where it ran (resolved: never {@code auto})
 * @param protocol    how it was trained
 */
public record FineTuneResult(String modelId, double valAccuracy, List<FineTuneEpoch> history, int trainSize,
                             int valSize, int numClasses, List<String> classNames, int featureDim, double seconds,
                             Device device, FineTuneProtocol protocol) {

    public FineTuneResult {
        history = List.copyOf(history);
        classNames = List.copyOf(classNames);
    }

    /** Mean seconds per epoch. */
    public double secondsPerEpoch() {
        return history.stream().mapToDouble(FineTuneEpoch::seconds).average().orElse(Double.NaN);
    }
}
