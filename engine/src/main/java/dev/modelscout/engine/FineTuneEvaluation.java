package dev.modelscout.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;

/** Validation of a fine-tuning run: mean cross-entropy and top-1 accuracy, in eval mode, in dataset order. */
final class FineTuneEvaluation {

    private final TrainableTorchScript net;
    private final LinearHead head;
    private final int per;
    private final int batchSize;

    FineTuneEvaluation(TrainableTorchScript net, LinearHead head, ImagePreprocessor preprocessor, int batchSize) {
        this.net = net;
        this.head = head;
        this.per = preprocessor.size();
        this.batchSize = batchSize;
    }

    /** {loss, accuracy} on the {@code size} images of {@code loader}. */
    double[] evaluate(BatchLoader loader, int size) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        NDManager manager = net.manager();
        int crop = net.backbone().inputSize();
        double lossSum = 0;
        long correct = 0;
        BatchLoader.Pass pass = loader.pass(order, batchSize);
        while (pass.hasNext()) {
            BatchLoader.Batch b = pass.next();
            try (NDScope scope = new NDScope()) {
                NDArray x = FineTuneTensors.images(manager, b, per, crop);
                NDArray y = FineTuneTensors.labels(manager, b);
                NDArray logits = head.logits(net.forward(x, false));
                lossSum += FineTuneTensors.crossEntropy(logits, y).getFloat() * b.size();
                correct += FineTuneTensors.correct(logits, y);
            }
        }
        return new double[] {lossSum / size, (double) correct / size};
    }
}
