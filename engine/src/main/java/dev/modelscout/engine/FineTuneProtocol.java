package dev.modelscout.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a fine-tuning run did, complete enough to repeat it or to write it into a training history next to
 * its accuracy (see docs/finetune.md).
 *
 * @param optimizer      {@code sgd}: PyTorch's {@code torch.optim.SGD} rule (no dampening, not Nesterov)
 * @param learningRate   rate of the first step
 * @param momentum       SGD momentum
 * @param weightDecay    L2 weight decay, on every trained parameter (biases and norm scales too)
 * @param schedule       {@code cosine-per-step}: {@code lr * (1 + cos(pi * t / T)) / 2} at step t of T
 * @param epochs         passes over the training images
 * @param batchSize      images per step; the last batch of an epoch holds the rest
 * @param seed           head initialisation, batch order and PyTorch's generator
 * @param freezeBackbone true when only the head was trained (backbone in eval mode, weights fixed)
 * @param threads        PyTorch intra-op threads (0: PyTorch's default)
 * @param loss           {@code softmax-cross-entropy}, the mean over a batch
 * @param head           the new linear layer and its initialisation
 * @param trainMode      whether {@code train()} changes the backbone's output: false for a file traced in
 *                       eval mode (BatchNorm then normalises with its stored running statistics and dropout
 *                       is off while training) or for a network without BatchNorm and dropout
 * @param preprocessing  the catalog's recipe, applied as is (no augmentation)
 */
public record FineTuneProtocol(String optimizer, double learningRate, double momentum, double weightDecay,
                               String schedule, int epochs, int batchSize, long seed, boolean freezeBackbone,
                               int threads, String loss, String head, boolean trainMode, String preprocessing) {

    public static final String OPTIMIZER = "sgd";
    public static final String SCHEDULE = "cosine-per-step";
    public static final String LOSS = "softmax-cross-entropy";

    /** The fields by name, in declaration order (for JSON, CSV and provenance). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("optimizer", optimizer);
        m.put("learning_rate", learningRate);
        m.put("momentum", momentum);
        m.put("weight_decay", weightDecay);
        m.put("schedule", schedule);
        m.put("epochs", epochs);
        m.put("batch_size", batchSize);
        m.put("seed", seed);
        m.put("freeze_backbone", freezeBackbone);
        m.put("threads", threads);
        m.put("loss", loss);
        m.put("head", head);
        m.put("train_mode", trainMode);
        m.put("preprocessing", preprocessing);
        return m;
    }
}
