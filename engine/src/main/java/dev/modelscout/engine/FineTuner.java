package dev.modelscout.engine;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.modelscout.core.AtomicFiles;
import dev.modelscout.core.Backbone;
import dev.modelscout.core.Device;
import dev.modelscout.core.FeatureMatrix;
import dev.modelscout.core.IoErrors;
import dev.modelscout.core.ModelScoutException;
import dev.modelscout.core.Npy;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 */
public final class FineTuner implements AutoCloseable {

    private static final Object ONE_AT_A_TIME = new Object();
    private static final String HEAD = "linear(features -> classes), weight and bias ~ U(-1/sqrt(d), 1/sqrt(d)) "
            + "from splitmix64(seed)";

    private final TrainableTorchScript net;
    private final FineTuneOptions options;
    private final Device device;
    private final int featureDim;
    private final ImagePreprocessor preprocessor;
    private NDArray weight;
    private NDArray bias;
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
        if (result != null || weight != null) {
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
        int stepsPerEpoch = (n + bs - 1) / bs;
        CosineSchedule schedule = new CosineSchedule(options.learningRate(), options.epochs() * stepsPerEpoch);
        if (options.threads() > 0) {
            JniUtils.setNumThreads(options.threads());
        }
        int threads = JniUtils.getNumThreads();
        JniUtils.setSeed(options.seed());
        SplitMix64 rng = new SplitMix64(options.seed());
        initHead(classes, rng);
        boolean freeze = options.freezeBackbone();
        net.setTrainable(!freeze);
        List<NDArray> trained = new ArrayList<>();
        if (!freeze) {
            trained.addAll(net.parameters());
        }
        trained.add(weight);
        trained.add(bias);
        Engine engine = PyTorchRuntime.engine();
        NDManager manager = net.manager();
        List<FineTuneEpoch> history = new ArrayList<>();
        boolean trainMode = false;
        int per = preprocessor.size();
        int crop = backbone().inputSize();
        listener.started(id, n, val.size(), options.epochs(), schedule.steps());
        long start = System.nanoTime();
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
                        NDArray x = manager.create(FloatBuffer.wrap(b.pixels(), 0, b.size() * per),
                                new Shape(b.size(), 3, crop, crop));
                        NDArray y = manager.create(toLongs(b.labels()));
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
                                if (!trainMode) {
                                    listener.warn(noTrainModeWarning(id));
                                }
                            }
                            NDArray logits = Linear.linear(f, weight, bias).singletonOrThrow();
                            NDArray loss = crossEntropy(logits, y);
                            gc.backward(loss);
                            batchLoss = loss.getFloat();
                            if (!Double.isFinite(batchLoss)) {
                                throw new FineTuneException("model " + id + ": the training loss became " + batchLoss
                                        + " at step " + (step + 1) + " (learning rate " + lr + " too high?)");
                            }
                            lossSum += batchLoss * b.size();
                            correct += logits.argMax(1).eq(y).sum().getLong();
                        }
                    }
                    sgd.step(lr);
                    step++;
                    listener.stepped(step, batchLoss);
                }
                double[] v = evaluate(valLoader, val.size());
                double seconds = (System.nanoTime() - t0) / 1e9;
                FineTuneEpoch e = new FineTuneEpoch(epoch, lossSum / n, (double) correct / n, v[0], v[1], lr, seconds);
                history.add(e);
                listener.epochFinished(e);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        FineTuneProtocol protocol = new FineTuneProtocol(FineTuneProtocol.OPTIMIZER, options.learningRate(),
                options.momentum(), options.weightDecay(), FineTuneProtocol.SCHEDULE, options.epochs(), bs,
                options.seed(), freeze, threads, FineTuneProtocol.LOSS, HEAD, trainMode,
                backbone().preprocessing().toString());
        return new FineTuneResult(id, history.get(history.size() - 1).valAccuracy(), history, n, val.size(), classes,
                train.classNames(), featureDim, seconds, device, protocol);
    }

    /** Mean cross-entropy and top-1 accuracy on {@code data}, in eval mode, in dataset order. */
    private double[] evaluate(BatchLoader loader, int size) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        NDManager manager = net.manager();
        int per = preprocessor.size();
        int crop = backbone().inputSize();
        double lossSum = 0;
        long correct = 0;
        BatchLoader.Pass pass = loader.pass(order, options.batchSize());
        while (pass.hasNext()) {
            BatchLoader.Batch b = pass.next();
            try (NDScope scope = new NDScope()) {
                NDArray x = manager.create(FloatBuffer.wrap(b.pixels(), 0, b.size() * per),
                        new Shape(b.size(), 3, crop, crop));
                NDArray y = manager.create(toLongs(b.labels()));
                NDArray logits = Linear.linear(net.forward(x, false), weight, bias).singletonOrThrow();
                lossSum += crossEntropy(logits, y).getFloat() * b.size();
                correct += logits.argMax(1).eq(y).sum().getLong();
            }
        }
        return new double[] {lossSum / size, (double) correct / size};
    }

    /** Mean softmax cross-entropy: {@code -mean(log_softmax(logits)[i, y_i])}, as PyTorch's cross_entropy. */
    private static NDArray crossEntropy(NDArray logits, NDArray labels) {
        long n = labels.size();
        return logits.logSoftmax(1).gather(labels.reshape(n, 1), 1).mean().neg();
    }

    /** Whether train mode changed the output on the probe batch (relative max difference above 1e-4). */
    private static boolean differs(NDArray train, NDArray eval) {
        float scale = eval.abs().max().getFloat();
        float diff = train.sub(eval).abs().max().getFloat();
        return diff > 1e-4f * Math.max(scale, 1e-12f);
    }

    private static String noTrainModeWarning(String id) {
        return "warning: model " + id + ": train mode does not change its output, so any BatchNorm keeps its "
                + "stored statistics (a file traced in eval mode bakes the mode in; export with torch.jit.script, "
                + "src/models/export_scripted.py, to train them)";
    }

    private void initHead(int classes, SplitMix64 rng) {
        double bound = 1 / Math.sqrt(featureDim);
        float[] w = new float[classes * featureDim];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) ((2 * rng.nextDouble() - 1) * bound);
        }
        float[] b = new float[classes];
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) ((2 * rng.nextDouble() - 1) * bound);
        }
        NDManager m = net.manager();
        weight = m.create(w, new Shape(classes, featureDim));
        bias = m.create(b, new Shape(classes));
        NDScope.unregister(weight, bias);
        weight.setRequiresGradient(true);
        bias.setRequiresGradient(true);
    }

    private static long[] toLongs(int[] v) {
        long[] out = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    /** The backbone's parameter values now, in module order (tests: frozen means unchanged). */
    float[] backboneParameters() {
        return net.parameterValues();
    }

    /** The head's weight (classes x featureDim, row-major) now, or null before training. */
    float[] headWeight() {
        return weight == null ? null : weight.toFloatArray();
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
        String id = backbone().id();
        Path pt = dir.resolve("backbone.pt");
        try {
            Files.createDirectories(dir);
            AtomicFiles.write(pt, net::write);
            int classes = result.numClasses();
            Npy.write(dir.resolve("head_weight.npy"), FeatureMatrix.ofFloats(classes, featureDim, weight.toFloatArray()),
                    true);
            Npy.write(dir.resolve("head_bias.npy"), FeatureMatrix.ofFloats(1, classes, bias.toFloatArray()), true);
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            AtomicFiles.write(dir.resolve("finetune.json"), json.writeValueAsString(describe(BackboneModel.sha256(pt))) + "\n");
        } catch (IOException e) {
            throw new FineTuneException("model " + id + ": cannot save to " + dir + ": " + IoErrors.reason(e), e);
        } catch (ModelScoutException e) {
            if (e instanceof FineTuneException) {
                throw e;
            }
            throw new FineTuneException("model " + id + ": cannot save to " + dir + ": " + e.getMessage(), e);
        } catch (ai.djl.engine.EngineException e) {
            throw new FineTuneException("model " + id + ": cannot write " + pt + ": " + BackboneModel.firstLine(e), e);
        }
        return dir;
    }

    private Map<String, Object> describe(String savedSha) {
        Backbone b = backbone();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", b.id());
        m.put("source_weights", b.weights());
        m.put("source_sha256", net.sha256());
        m.put("backbone", "backbone.pt");
        m.put("backbone_sha256", savedSha);
        m.put("head_weight", "head_weight.npy");
        m.put("head_bias", "head_bias.npy");
        m.put("feature_dim", featureDim);
        m.put("classes", result.classNames());
        Map<String, Object> pre = new LinkedHashMap<>();
        pre.put("resize", b.preprocessing().resize());
        pre.put("crop", b.preprocessing().crop());
        pre.put("mean", b.preprocessing().mean());
        pre.put("std", b.preprocessing().std());
        pre.put("channels", b.preprocessing().channels());
        m.put("preprocessing", pre);
        m.put("val_accuracy", result.valAccuracy());
        m.put("train_size", result.trainSize());
        m.put("val_size", result.valSize());
        m.put("seconds", result.seconds());
        m.put("device", result.device().toString());
        m.put("protocol", result.protocol().toMap());
        List<Map<String, Object>> epochs = new ArrayList<>();
        for (FineTuneEpoch e : result.history()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("epoch", e.epoch());
            row.put("train_loss", e.trainLoss());
            row.put("train_accuracy", e.trainAccuracy());
            row.put("val_loss", e.valLoss());
            row.put("val_accuracy", e.valAccuracy());
            row.put("learning_rate", e.learningRate());
            row.put("seconds", e.seconds());
            epochs.add(row);
        }
        m.put("history", epochs);
        return m;
    }

    @Override
    public void close() {
        if (weight != null) {
            weight.close();
            bias.close();
        }
        net.close();
    }
}
