package dev.modelscout.engine;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;

/**
 * The epochs of a fine-tuning run: each epoch a seeded shuffle, one SGD step per batch at the schedule's rate
 * (stopping on a non-finite loss), then validation; on the first step of a full fine-tune, a probe of whether train
 * mode changes the backbone's output (a warning when it does not and the backbone has a BatchNorm).
 */
final class FineTuneLoop {

    /** What the epochs produced: one row per epoch, and whether train mode changed the backbone's output. */
    record Outcome(List<FineTuneEpoch> history, boolean trainMode) {
    }

    private final TrainableTorchScript net;
    private final LinearHead head;
    private final FineTuneOptions options;
    private final int per;
    private final FineTuneListener listener;

    FineTuneLoop(TrainableTorchScript net, LinearHead head, FineTuneOptions options, ImagePreprocessor preprocessor,
                 FineTuneListener listener) {
        this.net = net;
        this.head = head;
        this.options = options;
        this.per = preprocessor.size();
        this.listener = listener;
    }

    /**
     * Trains the parameters {@code trained} on the {@code n} images of {@code trainLoader} for the options' epochs,
     * validating with {@code validation} on the {@code valSize} images of {@code valLoader} after each.
     */
    Outcome run(List<NDArray> trained, CosineSchedule schedule, SplitMix64 rng, BatchLoader trainLoader, int n,
                FineTuneEvaluation validation, BatchLoader valLoader, int valSize) {
        String id = net.backbone().id();
        int bs = options.batchSize();
        boolean freeze = options.freezeBackbone();
        Engine engine = PyTorchRuntime.engine();
        NDManager manager = net.manager();
        List<FineTuneEpoch> history = new ArrayList<>();
        boolean trainMode = false;
        int crop = net.backbone().inputSize();
        try (SgdMomentum sgd = new SgdMomentum(trained, options.momentum(), options.weightDecay())) {
            int step = 0;
            for (int epoch = 1; epoch <= options.epochs(); epoch++) {
                long t0 = System.nanoTime();
                int[] order = new int[n];
                for (int i = 0; i < n; i++) {
                    order[i] = i;
                }
                rng.shuffle(order);
                double lossSum = 0;
                long correct = 0;
                double lr = schedule.rate(step);
                BatchLoader.Pass pass = trainLoader.pass(order, bs);
                while (pass.hasNext()) {
                    BatchLoader.Batch b = pass.next();
                    lr = schedule.rate(step);
                    double batchLoss;
                    try (NDScope scope = new NDScope()) {
                        NDArray x = FineTuneTensors.images(manager, b, per, crop);
                        NDArray y = FineTuneTensors.labels(manager, b);
                        NDArray probe = null;
                        if (step == 0 && !freeze) {
                            probe = net.forward(x, false);
                        }
                        try (GradientCollector gc = engine.newGradientCollector()) {
                            // A frozen backbone runs in eval mode, which DJL computes under InferenceMode:
                            // its output must be copied to a normal tensor before the head can use it in autograd.
                            NDArray f = freeze ? net.forward(x, false).duplicate() : net.forward(x, true);
                            if (probe != null) {
                                trainMode = differs(f, probe);
                                if (warnsTrainModeUnused(trainMode, net.usesBatchNorm())) {
                                    listener.warn(noTrainModeWarning(id));
                                }
                            }
                            NDArray logits = head.logits(f);
                            NDArray loss = FineTuneTensors.crossEntropy(logits, y);
                            gc.backward(loss);
                            batchLoss = loss.getFloat();
                            if (!Double.isFinite(batchLoss)) {
                                throw new FineTuneException("model " + id + ": the training loss became " + batchLoss
                                        + " at step " + (step + 1) + " (learning rate " + lr + " too high?)");
                            }
                            lossSum += batchLoss * b.size();
                            correct += FineTuneTensors.correct(logits, y);
                        }
                    }
                    sgd.step(lr);
                    step++;
                    listener.stepped(step, batchLoss);
                }
                double[] v = validation.evaluate(valLoader, valSize);
                double seconds = (System.nanoTime() - t0) / 1e9;
                FineTuneEpoch e = new FineTuneEpoch(epoch, lossSum / n, (double) correct / n, v[0], v[1], lr, seconds);
                history.add(e);
                listener.epochFinished(e);
            }
        }
        return new Outcome(history, trainMode);
    }

    /** Whether train mode changed the output on the probe batch (relative max difference above 1e-4). */
    private static boolean differs(NDArray train, NDArray eval) {
        float scale = eval.abs().max().getFloat();
        float diff = train.sub(eval).abs().max().getFloat();
        return diff > 1e-4f * Math.max(scale, 1e-12f);
    }

    /**
     * Whether a full fine-tune warns that train mode did not change the backbone's output: only when the module has
     * a BatchNorm, whose stored statistics then stay as they are (a traced file). A module without one (a ViT: layer
     * norms, no dropout) computes the same in both modes by design, and there is nothing to say.
     */
    static boolean warnsTrainModeUnused(boolean trainModeChangedOutput, boolean usesBatchNorm) {
        return !trainModeChangedOutput && usesBatchNorm;
    }

    private static String noTrainModeWarning(String id) {
        return "warning: model " + id + ": train mode does not change its output, so any BatchNorm keeps its "
                + "stored statistics (a file traced in eval mode bakes the mode in; export with torch.jit.script, "
                + "src/models/export_scripted.py, to train them)";
    }
}
