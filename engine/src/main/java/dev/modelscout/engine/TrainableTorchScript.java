package dev.modelscout.engine;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.modelscout.core.Backbone;
import dev.modelscout.core.WeightsKind;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A catalog backbone's TorchScript file loaded as a trainable DJL block ({@link PtSymbolBlock}).
 *
 * <p>How the file becomes trainable: DJL's PyTorch model loader takes the option {@code trainParam=true},
 * which loads the module with {@code requires_grad} set on every parameter (and leaves them unfrozen);
 * {@link PtSymbolBlock#getParameters()} wraps the module's own parameter tensors ({@code named_parameters},
 * not the buffers), so a gradient computed under a {@code GradientCollector} lands on them, and an in-place
 * update of those arrays is an update of the module. {@code train()}/{@code eval()} are the module's
 * ({@code JniUtils.enableTrainingMode} / {@code enableInferenceMode}); the block believes it starts in train
 * mode while the loader leaves the module in eval mode, so the constructor puts the module in train mode
 * once to make the two agree, and every forward pass then says which mode it wants.
 *
 * <p>A file traced with {@code torch.jit.trace} in eval mode has its BatchNorm mode baked in as a
 * constant: switching the module to train mode changes nothing (BatchNorm keeps normalising with its
 * stored statistics, dropout stays off). A file from {@code torch.jit.script} honours the mode.
 */
final class TrainableTorchScript implements AutoCloseable {

    private final Backbone backbone;
    private final Model model;
    private final PtSymbolBlock block;
    private final ParameterStore store;
    private final String sha256;
    private final int crop;
    private final List<NDArray> parameters = new ArrayList<>();
    private final boolean batchNorm;

    private TrainableTorchScript(Backbone backbone, Model model, String sha256, boolean batchNorm) {
        this.backbone = backbone;
        this.model = model;
        this.sha256 = sha256;
        this.batchNorm = batchNorm;
        this.crop = backbone.inputSize();
        Block b = model.getBlock();
        if (!(b instanceof PtSymbolBlock pt)) {
            throw new FineTuneException("model " + backbone.id() + ": the PyTorch engine loaded "
                    + b.getClass().getSimpleName() + ", not a TorchScript module");
        }
        this.block = pt;
        this.store = new ParameterStore(model.getNDManager(), false);
        JniUtils.enableTrainingMode(block);
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().getArray() != null) {
                parameters.add(p.getValue().getArray());
            }
        }
    }

    /** Loads the entry's TorchScript file ({@code weights} absolute, as for extraction) on {@code device}. */
    static TrainableTorchScript load(Backbone b, ai.djl.Device device) {
        if (WeightsKind.of(b.weights()) != WeightsKind.FILE) {
            throw new FineTuneException("model " + b.id() + ": weights '" + b.weights() + "' are not a TorchScript "
                    + "file; fine-tuning needs one (export it with src/models/export_scripted.py)");
        }
        Path file = Path.of(b.weights());
        String problem = dev.modelscout.core.WeightsKind.fileProblem(file);
        if (problem != null) {
            throw new FineTuneException("model " + b.id() + ": weights file " + file + " " + problem);
        }
        String sha;
        try {
            sha = BackboneModel.sha256(file);
        } catch (ExtractionException e) {
            throw new FineTuneException("model " + b.id() + ": " + e.getMessage(), e);
        }
        if (b.sha256() != null && !b.sha256().equalsIgnoreCase(sha)) {
            throw new FineTuneException("model " + b.id() + ": weights file " + file + " has SHA-256 " + sha
                    + " but the zoo entry says " + b.sha256() + " (file changed or wrong file)");
        }
        Model model = Model.newInstance(b.id(), device, PyTorchRuntime.ENGINE_NAME);
        try {
            model.load(file, null, Map.of("mapLocation", "true", "trainParam", "true"));
            return new TrainableTorchScript(b, model, sha, TorchScriptFiles.usesBatchNorm(file));
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            if (e instanceof FineTuneException fe) {
                throw fe;
            }
            throw new FineTuneException("model " + b.id() + ": " + file + " is not a loadable TorchScript file: "
                    + BackboneModel.firstLine(e), e);
        }
    }

    NDManager manager() {
        return model.getNDManager();
    }

    Backbone backbone() {
        return backbone;
    }

    String sha256() {
        return sha256;
    }

    /** Whether the module has a BatchNorm layer ({@link TorchScriptFiles#usesBatchNorm}). */
    boolean usesBatchNorm() {
        return batchNorm;
    }

    /** The module's parameters (weights, biases, norm scales), in the module's order. */
    List<NDArray> parameters() {
        return parameters;
    }

    long parameterCount() {
        return parameters.stream().mapToLong(NDArray::size).sum();
    }

    /** Gradients on (trainable) or off (frozen) for every parameter of the module. */
    void setTrainable(boolean trainable) {
        for (NDArray p : parameters) {
            p.setRequiresGradient(trainable);
        }
    }

    /**
     * The module's output for a batch, as n x D: a vector per image (trailing singleton dimensions, as
     * from a pooling layer, are dropped). {@code training} selects the module's train or eval mode.
     */
    NDArray forward(NDArray x, boolean training) {
        NDList out;
        try {
            out = block.forward(store, new NDList(x), training);
        } catch (ai.djl.engine.EngineException | IllegalArgumentException | IllegalStateException e) {
            throw new FineTuneException("model " + backbone.id() + ": forward pass failed: "
                    + BackboneModel.firstLine(e), e);
        }
        if (out.size() != 1) {
            throw new FineTuneException("model " + backbone.id() + ": returns " + out.size()
                    + " outputs, expected one feature vector per image");
        }
        NDArray f = out.get(0);
        Shape s = f.getShape();
        boolean vector = s.dimension() == 2 || (s.dimension() > 2 && s.slice(2).size() == 1);
        if (!vector || s.get(1) < 1) {
            throw new FineTuneException("model " + backbone.id() + ": output has shape " + s
                    + ", not a feature vector per image (export the penultimate layer, e.g. fc = Identity)");
        }
        if (s.dimension() > 2) {
            f = f.reshape(s.get(0), s.get(1));
        }
        return f.getDataType() == DataType.FLOAT32 ? f : f.toType(DataType.FLOAT32, false);
    }

    /** The feature dimension, from one eval-mode forward pass of a zero image. */
    int probeDimension() {
        try (NDManager m = manager().newSubManager()) {
            NDArray zero = m.zeros(new Shape(1, 3, crop, crop));
            return (int) forward(zero, false).getShape().get(1);
        }
    }

    /** Writes the module, as it now is, as a TorchScript file (in eval mode, the way it was loaded). */
    void write(OutputStream out) {
        try (NDManager m = manager().newSubManager()) {
            forward(m.zeros(new Shape(1, 3, crop, crop)), false);
        }
        JniUtils.writeModule(block, out, false);
    }

    /** A copy of every parameter value, in module order (for tests and checks). */
    float[] parameterValues() {
        int n = (int) parameterCount();
        float[] all = new float[n];
        int at = 0;
        for (NDArray p : parameters) {
            float[] v = p.toFloatArray();
            System.arraycopy(v, 0, all, at, v.length);
            at += v.length;
        }
        return all;
    }

    @Override
    public void close() {
        model.close();
    }
}
