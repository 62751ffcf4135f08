package dev.modelscout.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelscout.core.Backbone;
import dev.modelscout.core.Device;
import dev.modelscout.core.Preprocessing;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loads the committed tiny TorchScript models and DJL-built ResNets, and extracts features from generated images. */
class FeatureExtractionIT {

    private static final String TINY_SHA = "b9a0fed4da7a8d4ca98e734a1dfff74ec937776a6e35c5c574b97ca7b2ebe5bd";

    @TempDir
    static Path shared;
    static Path images;

    @TempDir
    Path dir;

    @BeforeAll
    static void images() throws IOException {
        images = TestImages.folder(shared.resolve("images"), 3, 5, 40);
    }

    static Path model(String name) {
        try {
            return Path.of(FeatureExtractionIT.class.getResource("/models/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Backbone tiny(String sha, int dim) {
        return new Backbone("tinycnn", "cnn", null, new Preprocessing(37, 32, new double[] {0.485, 0.456, 0.406},
                new double[] {0.229, 0.224, 0.225}, "RGB"), dim, null, null, model("tinycnn.pt").toString(), sha);
    }

    static ExtractionOptions cpu() {
        return ExtractionOptions.defaults().withDevice(Device.CPU).withBatchSize(4).withWorkers(2);
    }

    @Test
    void anInterruptedExtractionStopsWithinOneBatchWhateverItsListener() {
        // 3 classes x 5 images at batch 4: 4 batches. The thread is interrupted as the first batch is reported (as a
        // prefetcher interrupts the extraction nobody will take); a plain listener does not check for it.
        int[] advanced = {0};
        ExtractionListener plain = new ExtractionListener() {
            @Override
            public void advanced(int n) {
                advanced[0] += n;
                Thread.currentThread().interrupt();
            }
        };
        try {
            ExtractionException e = assertThrows(ExtractionException.class, () -> FeatureExtraction.features(
                    tiny(TINY_SHA, 32), ImageDataset.open(images), cpu().withWorkers(1), null, plain));
            assertTrue(e.getMessage().startsWith("model tinycnn: stopped"), e.getMessage());
            assertEquals(4, advanced[0], "one batch, not the whole dataset");
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void extractsTinyTorchScriptFeaturesAndSkipsCorruptImagesAndOtherFiles() throws IOException {
        Path data = dir.resolve("data");
        TestImages.folder(data, 2, 5, 36);
        Path good = data.resolve("class0/img0.png");
        TestImages.truncated(good, data.resolve("class1/broken.png"));
        Files.writeString(data.resolve("class1/notes.txt"), "not an image: not a sample, not a warning");
        List<String> warnings = new ArrayList<>();
        int[] progress = {0, 0};
        ExtractionListener l = new ExtractionListener() {
            @Override
            public void started(String id, int total) {
                progress[0] = total;
            }

            @Override
            public void advanced(int n) {
                progress[1] += n;
            }

            @Override
            public void warn(String m) {
                warnings.add(m);
            }
        };
        ImageDataset ds = ImageDataset.open(data);
        ExtractedFeatures f = FeatureExtraction.features(tiny(TINY_SHA, 32), ds, cpu(), dir.resolve("cache"), l);
        assertEquals(10, f.features().rows());
        assertEquals(32, f.features().cols());
        assertArrayEquals(new int[] {5, 5}, f.labels().counts());
        assertEquals(1, f.skipped().size());
        assertTrue(f.skipped().get(0).contains("broken.png"), f.skipped().get(0));
        assertTrue(warnings.stream().anyMatch(w -> w.contains("skipped 1 unreadable image(s)") && w.contains("broken.png")));
        assertEquals(11, progress[0]);
        assertEquals(11, progress[1]);
        assertFalse(f.cached());
        assertTrue(Files.isRegularFile(dir.resolve("cache/tinycnn/features.npy")));

        // Same images and model: from the cache, identical.
        ExtractedFeatures again = FeatureExtraction.features(tiny(TINY_SHA, 32), ImageDataset.open(data), cpu(),
                dir.resolve("cache"), l);
        assertTrue(again.cached());
        assertEquals(f.features(), again.features());

        // Batch size does not change the features (within float rounding).
        ExtractedFeatures other = FeatureExtraction.features(tiny(TINY_SHA, 32), ds, cpu().withBatchSize(3).withWorkers(1), null, l);
        for (int i = 0; i < f.features().data().length; i++) {
            assertEquals(f.features().data()[i], other.features().data()[i], 1e-4);
        }

        // A changed image invalidates the cache.
        TestImages.write(TestImages.rgb(36, 36, 4242, 1), "png", good);
        ExtractedFeatures changed = FeatureExtraction.features(tiny(TINY_SHA, 32), ImageDataset.open(data), cpu(),
                dir.resolve("cache"), l);
        assertFalse(changed.cached());
        assertFalse(java.util.Arrays.equals(f.features().row(0), changed.features().row(0)));

        // --strict fails on the corrupt image.
        ExtractionException e = assertThrows(ExtractionException.class, () -> FeatureExtraction.features(
                tiny(TINY_SHA, 32), ImageDataset.open(data), cpu().withStrict(true), null, l));
        assertTrue(e.getMessage().contains("broken.png") && e.getMessage().contains("--strict"), e.getMessage());
    }

    @Test
    void rejectsWrongChecksumDimensionFileAndNonVectorOutput() throws IOException {
        ImageDataset ds = ImageDataset.open(images);
        String msg = assertThrows(ExtractionException.class, () -> FeatureExtractor.open(tiny("0".repeat(64), 32), cpu()))
                .getMessage();
        assertTrue(msg.contains("has SHA-256 " + TINY_SHA + " but the zoo entry says 000"), msg);
        msg = assertThrows(ExtractionException.class, () -> FeatureExtractor.open(tiny(TINY_SHA, 64), cpu())).getMessage();
        assertTrue(msg.contains("outputs 32-d features but the zoo entry says 64"), msg);
        Backbone missing = new Backbone("m", null, null, Preprocessing.imagenet(32), 0, null, null,
                dir.resolve("nope.pt").toString(), null);
        msg = assertThrows(ExtractionException.class, () -> FeatureExtraction.features(missing, ds, cpu(), null,
                ExtractionListener.silent())).getMessage();
        assertTrue(msg.contains("nope.pt not found"), msg);
        Path junk = dir.resolve("junk.pt");
        Files.writeString(junk, "not a model");
        Backbone bad = new Backbone("j", null, null, Preprocessing.imagenet(32), 0, null, null, junk.toString(), null);
        msg = assertThrows(ExtractionException.class, () -> FeatureExtractor.open(bad, cpu())).getMessage();
        assertTrue(msg.contains("junk.pt is not a loadable TorchScript file"), msg);
        Backbone map = new Backbone("map", null, null, new Preprocessing(37, 32, new double[] {0, 0, 0},
                new double[] {1, 1, 1}, "RGB"), 0, null, null, model("tinycnn_map.pt").toString(), null);
        msg = assertThrows(ExtractionException.class, () -> FeatureExtractor.open(map, cpu())).getMessage();
        assertTrue(msg.contains("output has shape (1, 4, 32, 32), not a feature vector"), msg);
        Backbone scalar = new Backbone("scalar", null, null, new Preprocessing(37, 32, new double[] {0, 0, 0},
                new double[] {1, 1, 1}, "RGB"), 0, null, null, model("scalar_scripted.pt").toString(), null);
        msg = assertThrows(ExtractionException.class, () -> FeatureExtractor.open(scalar, cpu())).getMessage();
        assertTrue(msg.contains("model scalar: returns a single number (shape ()), not a feature vector"), msg);
        for (String[] weights : new String[][] {{dir.toString(), "is a folder, not a TorchScript file"},
                {"/dev/zero", "is not a regular file"}}) {
            Backbone b = new Backbone("w", null, null, Preprocessing.imagenet(32), 0, null, null, weights[0], null);
            msg = assertThrows(ExtractionException.class, () -> FeatureExtraction.features(b, ds, cpu(), null,
                    ExtractionListener.silent())).getMessage();
            assertTrue(msg.contains(weights[1]), msg);
        }
    }

    @Test
    void measuresTorchScriptAndBuiltinModels() {
        ModelMeasurement t = ModelMeasurement.measure(tiny(null, 0), Device.CPU, false);
        assertEquals(6048, t.parameters()); // torchvision's sum(p.numel() for p in model.parameters())
        assertEquals(32, t.featureDim());
        assertNull(t.gmacs());
        assertEquals(TINY_SHA, t.sha256());

        Backbone r18 = new Backbone("r18", "resnet", null, Preprocessing.imagenet(32), 0, null, null,
                "builtin:resnet18", null);
        ModelMeasurement m = ModelMeasurement.measure(r18, Device.CPU, false);
        assertEquals(512, m.featureDim());
        // DJL's ResNetV1 (basic model zoo) is not torchvision's; these are its own sizes at 32 x 32.
        assertTrue(m.parameters() > 500_000, "resnet18 params " + m.parameters());
        assertTrue(m.gmacs() > 0.01, "resnet18 GMACs " + m.gmacs());
        assertNull(m.sha256());
    }

    @Test
    void countsConvolutionAndLinearMacsAndParameters() {
        ai.djl.nn.SequentialBlock net = new ai.djl.nn.SequentialBlock()
                .add(ai.djl.nn.convolutional.Conv2d.builder().setKernelShape(new ai.djl.ndarray.types.Shape(3, 3))
                        .optPadding(new ai.djl.ndarray.types.Shape(1, 1)).setFilters(8).build())
                .add(ai.djl.nn.Activation.reluBlock())
                .add(ai.djl.nn.Blocks.batchFlattenBlock())
                .add(ai.djl.nn.core.Linear.builder().setUnits(10).build());
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager("PyTorch")) {
            net.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, new ai.djl.ndarray.types.Shape(1, 3, 8, 8));
            // conv: 8 x 8 x 8 outputs x 3 x 3 x 3 inputs each; linear: 10 outputs x 512 inputs
            assertEquals(8 * 8 * 8 * 27 + 10 * 512, MacCounter.count(net, new ai.djl.ndarray.types.Shape(1, 3, 8, 8)));
        }
    }

    @Test
    void builtinWeightsAreSeeded() {
        ImageDataset ds = ImageDataset.open(images).subsample(2, 1);
        Backbone a = new Backbone("b", null, null, Preprocessing.imagenet(32), 512, null, null, "builtin:resnet18?seed=3", null);
        Backbone b = new Backbone("b", null, null, Preprocessing.imagenet(32), 512, null, null, "builtin:resnet18?seed=4", null);
        ExtractedFeatures fa = FeatureExtraction.features(a, ds, cpu(), null, ExtractionListener.silent());
        ExtractedFeatures fa2 = FeatureExtraction.features(a, ds, cpu(), null, ExtractionListener.silent());
        ExtractedFeatures fb = FeatureExtraction.features(b, ds, cpu(), null, ExtractionListener.silent());
        assertEquals(6, fa.features().rows());
        assertEquals(fa.features(), fa2.features());
        assertNotEquals(fa.features(), fb.features());
        Backbone unknown = new Backbone("u", null, null, Preprocessing.imagenet(32), 0, null, null, "builtin:vgg16", null);
        assertTrue(assertThrows(ExtractionException.class, () -> FeatureExtractor.open(unknown, cpu())).getMessage()
                .contains("unknown architecture 'builtin:vgg16'"));
    }

    @Test
    void modelZooUrlFailsOfflineWithoutConnecting() {
        Backbone url = new Backbone("zoo", null, null, Preprocessing.imagenet(224), 0, null, null,
                "djl://ai.djl.pytorch/resnet", null);
        String msg = assertThrows(ExtractionException.class, () -> FeatureExtractor.open(url, cpu())).getMessage();
        assertTrue(msg.contains("needs the network, but modelscout runs offline; pass --online"), msg);
    }
}
