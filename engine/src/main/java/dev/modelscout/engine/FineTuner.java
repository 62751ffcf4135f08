package dev.modelscout.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.jni.JniUtils;
import dev.modelscout.core.Backbone;
import dev.modelscout.core.Device;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Fine-tunes a catalog backbone (a TorchScript file) on an image dataset: the backbone with a new linear
 * head (features -> classes), trained end to end (or the head alone, {@code freezeBackbone}) with the
 * protocol of {@link FineTuneOptions} and docs/finetune.md, and validated after every epoch.
 *
 * <pre>{@code
 * try (FineTuner tuner = FineTuner.open(backbone, FineTuneOptions.defaults().withEpochs(5))) {
 *     FineTuneResult r = tuner.fineTune(split.train(), split.val(), listener);
 *     tuner.save(dir); // backbone.pt, head_weight.npy, head_bias.npy, finetune.json
 * }
 * }</pre>
 *
 * <p>Deterministic on the CPU: the head's initial weights and the batch order come from
 * {@link SplitMix64} with the seed, PyTorch's generator is seeded with it (dropout, stochastic depth), the
 * preprocessing has no randomness, and PyTorch's intra-op threads are set: the same seed and thread count
 * give bit-identical losses and accuracies. CUDA runs are not promised to be (cuDNN picks its algorithms).
 *
 * <p>One run trains at a time in a JVM (DJL's PyTorch gradient collector is process-wide); a second
 * waits. No DJL type is part of this class's API.
 *
 * <p>This class opens the network, checks the data, sets a run up (threads, seeds, the {@link LinearHead}, which
 * parameters train) and holds the trained state; the epochs are {@link FineTuneLoop}, validation
 * {@link FineTuneEvaluation}, writing the result {@link FineTuneSaver}.
 */
public final class FineTuner implements AutoCloseable {

    private static final Object ONE_AT_A_TIME = new Object();

    private final TrainableTorchScript net;
    private final FineTuneOptions options;
    private final Device device;
    private final int featureDim;
    private final ImagePreprocessor preprocessor;
    private LinearHead head;
    private FineTuneResult result;

    private FineTuner(TrainableTorchScript net, FineTuneOptions options, Device device, int featureDim) {
        this.net = net;
        this.options = options;
        this.device = device;
        this.featureDim = featureDim;
        this.preprocessor = new ImagePreprocessor(net.backbone().preprocessing());
    }

    /**
     * Loads the backbone's TorchScript file (weights location absolute, see {@code BackboneCatalog.resolved};
     * checksum checked when the entry has one) as a trainable module on the options' device, and checks that
     * it outputs a feature vector of the entry's dimension.
     *
     * @throws FineTuneException when the backbone cannot be trained (message names the model and file)
     * @throws EngineException   when the engine cannot start or the device is not usable
     */
    public static FineTuner open(Backbone backbone, FineTuneOptions options) {
        Device resolved = PyTorchRuntime.resolve(options.device(), s -> { });
        PyTorchRuntime.engine();
        TrainableTorchScript net = TrainableTorchScript.load(backbone, PyTorchRuntime.toDjl(resolved));
        try {
            int dim = net.probeDimension();
            if (backbone.featureDim() > 0 && dim != backbone.featureDim()) {
                throw new FineTuneException("model " + backbone.id() + ": outputs " + dim
                        + "-d features but the zoo entry says " + backbone.featureDim());
            }
            return new FineTuner(net, options, resolved, dim);
        } catch (RuntimeException e) {
            net.close();
            throw e;
        }
    }

    /** Opens, fine-tunes and closes: the result without the trained network. */
    public static FineTuneResult fineTune(Backbone backbone, ImageDataset train, ImageDataset val,
                                          FineTuneOptions options, FineTuneListener listener) {
        try (FineTuner tuner = open(backbone, options)) {
            return tuner.fineTune(train, val, listener);
        }
    }

    public Backbone backbone() {
        return net.backbone();
    }

    public int featureDim() {
        return featureDim;
    }

    /** Where it trains (resolved: never {@code auto}). */
    public Device device() {
        return device;
    }

    /**
     * Trains on {@code train} and reports top-1 accuracy on {@code val} after every epoch. Both datasets
     * must have the same class names (as the two parts of {@link ImageDataset#stratifiedSplit}); every
     * image must be readable. Runs once per {@code FineTuner}.
     *
     * @throws FineTuneException on a dataset that does not fit, an unreadable image, or a failed step
     */
    public FineTuneResult fineTune(ImageDataset train, ImageDataset val, FineTuneListener listener) {
        if (result != null || head != null) {
            throw new IllegalStateException("this FineTuner has already trained; open a new one");
        }
        checkData(train, val);
        synchronized (ONE_AT_A_TIME) {
            try (BatchLoader trainLoader = new BatchLoader(train, preprocessor, options.workers());
                 BatchLoader valLoader = new BatchLoader(val, preprocessor, options.workers())) {
                return result = train(train, val, trainLoader, valLoader, listener);
            } catch (ai.djl.engine.EngineException | IllegalStateException | IllegalArgumentException e) {
                throw new FineTuneException("model " + backbone().id() + ": training step failed: "
                        + BackboneModel.firstLine(e), e);
            }
        }
    }

    private void checkData(ImageDataset train, ImageDataset val) {
        String id = backbone().id();
        if (train.size() == 0) {
            throw new FineTuneException("model " + id + ": no training images (" + train.source() + ")");
        }
        if (val.size() == 0) {
            throw new FineTuneException("model " + id + ": no validation images (" + val.source() + ")");
        }
        if (!train.classNames().equals(val.classNames())) {
            throw new FineTuneException("model " + id + ": training images (" + train.source() + ") have classes "
                    + train.classNames() + " but validation images (" + val.source() + ") have "
                    + val.classNames());
        }
        if (train.classNames().size() < 2) {
            throw new FineTuneException("model " + id + ": " + train.source() + " has one class; a classifier "
                    + "needs at least two");
        }
    }

    private FineTuneResult train(ImageDataset train, ImageDataset val, BatchLoader trainLoader, BatchLoader valLoader,
                                 FineTuneListener listener) {
        String id = backbone().id();
        int classes = train.classNames().size();
        int n = train.size();
        int bs = options.batchSize();
        CosineSchedule schedule = new CosineSchedule(options.learningRate(), options.steps(n));
        if (options.threads() > 0) {
            JniUtils.setNumThreads(options.threads());
        }
        int threads = JniUtils.getNumThreads();
        JniUtils.setSeed(options.seed());
        SplitMix64 rng = new SplitMix64(options.seed());
        head = LinearHead.init(net.manager(), classes, featureDim, rng);
        boolean freeze = options.freezeBackbone();
        net.setTrainable(!freeze);
        List<NDArray> trained = new ArrayList<>();
        if (!freeze) {
            trained.addAll(net.parameters());
        }
        trained.add(head.weight());
        trained.add(head.bias());
        FineTuneEvaluation validation = new FineTuneEvaluation(net, head, preprocessor, bs);
        FineTuneLoop loop = new FineTuneLoop(net, head, options, preprocessor, listener);
        listener.started(id, n, val.size(), options.epochs(), schedule.steps());
        long start = System.nanoTime();
        FineTuneLoop.Outcome outcome = loop.run(trained, schedule, rng, trainLoader, n, validation, valLoader, val.size());
        List<FineTuneEpoch> history = outcome.history();
        double seconds = (System.nanoTime() - start) / 1e9;
        FineTuneProtocol protocol = new FineTuneProtocol(FineTuneProtocol.OPTIMIZER, options.learningRate(),
                options.momentum(), options.weightDecay(), FineTuneProtocol.SCHEDULE, options.epochs(), bs,
                options.seed(), freeze, threads, FineTuneProtocol.LOSS, LinearHead.DESCRIPTION, outcome.trainMode(),
                backbone().preprocessing().toString());
        return new FineTuneResult(id, history.get(history.size() - 1).valAccuracy(), history, n, val.size(), classes,
                train.classNames(), featureDim, seconds, device, protocol);
    }

    /** The backbone's parameter values now, in module order (tests: frozen means unchanged). */
    float[] backboneParameters() {
        return net.parameterValues();
    }

    /** The head's weight (classes x featureDim, row-major) now, or null before training. */
    float[] headWeight() {
        return head == null ? null : head.weight().toFloatArray();
    }

    /**
     * Writes the fine-tuned network to {@code dir} (created if missing; files replaced atomically):
     * <ul>
     *   <li>{@code backbone.pt}: the fine-tuned backbone as TorchScript, eval mode, penultimate features as
     *       the original file (usable as a catalog backbone, {@code torch.jit.load}-able);</li>
     *   <li>{@code head_weight.npy} (classes x featureDim) and {@code head_bias.npy} (1 x classes), float32:
     *       {@code logits = features @ W.T + b};</li>
     *   <li>{@code finetune.json}: class names by output, preprocessing, the result with its protocol, and
     *       the SHA-256 of the source file and of {@code backbone.pt}.</li>
     * </ul>
     *
     * @return {@code dir}
     */
    public Path save(Path dir) {
        if (result == null) {
            throw new IllegalStateException("nothing to save: fineTune has not run");
        }
        return FineTuneSaver.save(dir, net, head, featureDim, result);
    }

    @Override
    public void close() {
        if (head != null) {
            head.close();
        }
        net.close();
    }
}
