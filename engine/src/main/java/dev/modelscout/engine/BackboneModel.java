package dev.modelscout.engine;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.basicmodelzoo.cv.classification.ResNetV1;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.translate.Batchifier;
import ai.djl.translate.TranslateException;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import ai.djl.util.Pair;
import dev.modelscout.core.Backbone;
import dev.modelscout.core.Device;
import dev.modelscout.core.IoErrors;
import dev.modelscout.core.WeightsKind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A backbone loaded into DJL: the TorchScript file, model-zoo model or DJL-built architecture of one
 * catalog entry, checked against the entry (checksum; output a vector of the stated dimension). Forward
 * passes take and return plain float arrays, so no DJL type leaves this module.
 */
final class BackboneModel implements AutoCloseable {

    private static final Pattern BUILTIN = Pattern.compile("builtin:(resnet)(18|34|50|101|152)(?:\\?seed=(-?\\d+))?");

    private final Backbone backbone;
    private final Model model;
    private final Predictor<float[][], float[]> predictor;
    private final String checksum;
    private final Device device;
    private final int crop;
    private int featureDim;

    private BackboneModel(Backbone backbone, Model model, String checksum, Device device) {
        this.backbone = backbone;
        this.model = model;
        this.checksum = checksum;
        this.device = device;
        this.crop = backbone.inputSize();
        this.predictor = model.newPredictor(new FloatTranslator());
    }

    /**
     * Loads the entry's weights ({@code backbone.weights()} must already be absolute for files) on the
     * device, verifies the checksum and, with {@code verifyDim}, that a forward pass gives a vector of
     * {@code featureDim} values.
     *
     * @param online allow a {@code djl://} URL to download (otherwise it fails before any connection)
     */
    static BackboneModel load(Backbone backbone, Device device, boolean online, boolean verifyDim) {
        Device resolved = PyTorchRuntime.resolve(device, s -> { });
        PyTorchRuntime.engine();
        String id = backbone.id();
        BackboneModel loaded = switch (WeightsKind.of(backbone.weights())) {
            case FILE -> loadTorchScript(backbone, resolved);
            case BUILTIN -> buildBuiltin(backbone, resolved);
            case DJL_URL -> loadFromModelZoo(backbone, resolved, online);
        };
        try {
            int dim = loaded.probeDimension();
            if (verifyDim && backbone.featureDim() > 0 && dim != backbone.featureDim()) {
                throw ExtractionException.of(id, "outputs " + dim + "-d features but the zoo entry says "
                        + backbone.featureDim() + " (wrong weights file, or re-run `modelscout zoo add --replace`)");
            }
            return loaded;
        } catch (RuntimeException e) {
            loaded.close();
            throw e;
        }
    }

    private static BackboneModel loadTorchScript(Backbone b, Device device) {
        Path file = Path.of(b.weights());
        String problem = dev.modelscout.core.WeightsKind.fileProblem(file);
        if (problem != null) {
            throw ExtractionException.of(b.id(), "weights file " + file + " " + problem);
        }
        String sha = sha256(file);
        if (b.sha256() != null && !b.sha256().equalsIgnoreCase(sha)) {
            throw ExtractionException.of(b.id(), "weights file " + file + " has SHA-256 " + sha
                    + " but the zoo entry says " + b.sha256() + " (file changed or wrong file)");
        }
        Model model = Model.newInstance(b.id(), PyTorchRuntime.toDjl(device), PyTorchRuntime.ENGINE_NAME);
        try {
            model.load(file, null, Map.of("mapLocation", "true"));
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw ExtractionException.of(b.id(), file + " is not a loadable TorchScript file: "
                    + firstLine(e), e);
        }
        return new BackboneModel(b, model, sha, device);
    }

    private static BackboneModel buildBuiltin(Backbone b, Device device) {
        Matcher m = BUILTIN.matcher(b.weights());
        if (!m.matches()) {
            throw ExtractionException.of(b.id(), "unknown architecture '" + b.weights()
                    + "' (built in: builtin:resnet18, resnet34, resnet50, resnet101, resnet152, optionally ?seed=N)");
        }
        int layers = Integer.parseInt(m.group(2));
        long seed = m.group(3) == null ? 0 : Long.parseLong(m.group(3));
        int crop = b.inputSize();
        SequentialBlock full = ResNetV1.builder().setImageShape(new Shape(3, crop, crop)).setNumLayers(layers)
                .setOutSize(10).build();
        SequentialBlock features = new SequentialBlock();
        for (Pair<String, Block> child : full.getChildren()) {
            if (!(child.getValue() instanceof Linear)) {
                features.add(child.getValue());
            }
        }
        Model model = Model.newInstance(b.id(), PyTorchRuntime.toDjl(device), PyTorchRuntime.ENGINE_NAME);
        model.setBlock(features);
        PyTorchRuntime.engine().setRandomSeed((int) seed);
        features.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 3, crop, crop));
        return new BackboneModel(b, model, parameterChecksum(features), device);
    }

    private static BackboneModel loadFromModelZoo(Backbone b, Device device, boolean online) {
        if (!online) {
            throw ExtractionException.of(b.id(), b.weights() + " is a DJL model-zoo URL and needs "
                    + "the network, but modelscout runs offline; pass --online to download it once, or export the "
                    + "model to TorchScript (src/models/export_torchvision.py) and point the zoo entry at the file");
        }
        String before = System.getProperty(Offline.DJL_OFFLINE);
        System.setProperty(Offline.DJL_OFFLINE, "false");
        try {
            Criteria<NDList, NDList> criteria = Criteria.builder().setTypes(NDList.class, NDList.class)
                    .optModelUrls(b.weights()).optEngine(PyTorchRuntime.ENGINE_NAME)
                    .optDevice(PyTorchRuntime.toDjl(device)).build();
            Model model = criteria.loadModel();
            return new BackboneModel(b, model, b.weights(), device);
        } catch (IOException | ModelNotFoundException | MalformedModelException | RuntimeException e) {
            throw ExtractionException.of(b.id(), "cannot load " + b.weights() + ": " + firstLine(e), e);
        } finally {
            System.setProperty(Offline.DJL_OFFLINE, before == null ? "true" : before);
        }
    }

    /** One forward pass on a zero image: the feature dimension, or an error when the output is not a vector. */
    private int probeDimension() {
        float[] out = forward(new float[3 * crop * crop], 1);
        return featureDim = out.length;
    }

    Backbone backbone() {
        return backbone;
    }

    Device device() {
        return device;
    }

    /** SHA-256 of the weights file; for builtins a SHA-256 of the initialised parameters; for URLs the URL. */
    String checksum() {
        return checksum;
    }

    int featureDim() {
        return featureDim;
    }

    /** Number of trainable parameters (the weights, biases and norm scales of every layer). */
    long parameterCount() {
        long n = 0;
        for (Pair<String, Parameter> p : model.getBlock().getParameters()) {
            if (p.getValue().getArray() != null) {
                n += p.getValue().getArray().size();
            }
        }
        return n;
    }

    /**
     * Giga multiply-accumulates of every convolution and linear layer for one image, or null when the
     * layers cannot be seen (TorchScript and model-zoo models are opaque to DJL).
     */
    Double gmacs() {
        if (WeightsKind.of(backbone.weights()) != WeightsKind.BUILTIN) {
            return null;
        }
        return MacCounter.count(model.getBlock(), new Shape(1, 3, crop, crop)) / 1e9;
    }

    /**
     * A forward pass over {@code n} images of 3 x crop x crop floats (CHW, one after the other).
     *
     * @return n x featureDim floats
     */
    float[] forward(float[] input, int n) {
        float[] out;
        try {
            out = predictor.predict(new float[][] {input, {n}});
        } catch (TranslateException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof ExtractionException ee) {
                throw ee;
            }
            throw ExtractionException.of(backbone.id(), "forward pass failed: " + firstLine(cause), cause);
        } catch (ai.djl.engine.EngineException e) {
            throw ExtractionException.of(backbone.id(), "forward pass failed: " + firstLine(e), e);
        }
        return out;
    }

    @Override
    public void close() {
        predictor.close();
        model.close();
    }

    static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).strip();
    }

    static String sha256(Path file) {
        try {
            return dev.modelscout.core.Sha256.hex(file);
        } catch (IOException e) {
            throw new ExtractionException(file + ": cannot read weights file: " + IoErrors.reason(e), e);
        }
    }

    private static String parameterChecksum(Block block) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Pair<String, Parameter> p : block.getParameters()) {
                md.update(p.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                float[] v = p.getValue().getArray().toFloatArray();
                ByteBuffer bb = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                bb.asFloatBuffer().put(v);
                md.update(bb);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Input {images, {n}} -> n x D features; a batch is one array, so no batchifier. */
    private final class FloatTranslator implements Translator<float[][], float[]> {

        @Override
        public NDList processInput(TranslatorContext ctx, float[][] input) {
            int n = (int) input[1][0];
            NDArray x = ctx.getNDManager().create(FloatBuffer.wrap(input[0], 0, n * 3 * crop * crop),
                    new Shape(n, 3, crop, crop));
            return new NDList(x);
        }

        @Override
        public float[] processOutput(TranslatorContext ctx, NDList list) {
            if (list.size() != 1) {
                throw ExtractionException.of(backbone.id(), "returns " + list.size()
                        + " outputs, expected one feature vector per image");
            }
            NDArray out = list.get(0);
            Shape s = out.getShape();
            if (s.dimension() == 0) {
                throw new ExtractionException("model " + backbone.id() + ": returns a single number (shape ()), not a "
                        + "feature vector per image (export the penultimate layer, e.g. fc = Identity)");
            }
            long n = s.get(0);
            long d = s.dimension() < 2 ? -1 : s.size() / n;
            boolean vector = s.dimension() == 2 || (s.dimension() > 2 && s.slice(2).size() == 1);
            if (!vector) {
                throw ExtractionException.of(backbone.id(), "output has shape " + s
                        + ", not a feature vector per image (export the penultimate layer, e.g. fc = Identity)");
            }
            if (d <= 0) {
                throw ExtractionException.of(backbone.id(), "output has shape " + s + ", no features");
            }
            if (out.getDataType() != DataType.FLOAT32) {
                out = out.toType(DataType.FLOAT32, false);
            }
            return out.toFloatArray();
        }

        @Override
        public Batchifier getBatchifier() {
            return null;
        }
    }
}
