package dev.modelscout.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelscout.core.Backbone;
import dev.modelscout.core.Device;
import dev.modelscout.core.Npy;
import dev.modelscout.core.Preprocessing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fine-tunes the committed tiny TorchScript CNNs (random weights) on a synthetic but learnable ImageFolder:
 * three classes told apart by a planted colour bias (TestImages.rgb), 16 images each, split 12 / 4.
 */
class FineTuneIT {

    @TempDir
    static Path shared;
    static ImageDataset.Split split;

    @TempDir
    Path dir;

    @BeforeAll
    static void images() throws IOException {
        ImageDataset all = ImageDataset.open(TestImages.folder(shared.resolve("colours"), 3, 16, 36));
        split = all.stratifiedSplit(0.25, 1);
    }

    static Backbone tiny(String file) {
        return new Backbone(file.replace(".pt", ""), "cnn", null, new Preprocessing(37, 32,
                new double[] {0.485, 0.456, 0.406}, new double[] {0.229, 0.224, 0.225}, "RGB"), 32, null, null,
                FeatureExtractionIT.model(file).toString(), null);
    }

    static FineTuneOptions cpu(long seed) {
        return FineTuneOptions.defaults().withDevice(Device.CPU).withEpochs(2).withBatchSize(6).withLearningRate(0.05)
                .withSeed(seed).withThreads(2).withWorkers(1);
    }

    static double[] losses(FineTuneResult r) {
        return r.history().stream().mapToDouble(FineTuneEpoch::trainLoss).toArray();
    }

    @Test
    void fineTunesWholeScriptedNetworkWellAboveChanceAndRepeatsBitForBitPerSeed() {
        Backbone b = tiny("tinycnn_scripted.pt");
        List<FineTuneEpoch> heard = new ArrayList<>();
        int[] steps = {0};
        FineTuneListener listener = new FineTuneListener() {
            @Override
            public void stepped(int step, double loss) {
                steps[0] = step;
            }

            @Override
            public void epochFinished(FineTuneEpoch e) {
                heard.add(e);
            }
        };
        FineTuneResult first;
        float[] before;
        float[] after;
        try (FineTuner tuner = FineTuner.open(b, cpu(1))) {
            before = tuner.backboneParameters();
            first = tuner.fineTune(split.train(), split.val(), listener);
            after = tuner.backboneParameters();
        }
        assertEquals(36, first.trainSize());
        assertEquals(12, first.valSize());
        assertEquals(3, first.numClasses());
        assertEquals(List.of("class0", "class1", "class2"), first.classNames());
        assertEquals(Device.CPU, first.device());
        assertEquals(2, first.history().size());
        assertEquals(first.history(), heard);
        assertEquals(2 * 6, steps[0]);
        assertTrue(first.valAccuracy() >= 0.75, "accuracy " + first.valAccuracy() + " (chance 1/3)");
        // Gradients reached the TorchScript parameters, and train mode is honoured (BatchNorm of a scripted file).
        assertFalse(Arrays.equals(before, after), "backbone parameters did not change");
        assertTrue(first.protocol().trainMode());
        assertEquals(2, first.protocol().threads());
        assertEquals("sgd", first.protocol().toMap().get("optimizer"));

        // Same seed and threads, two decode workers instead of one: bit-identical.
        FineTuneResult again = FineTuner.fineTune(b, split.train(), split.val(), cpu(1).withWorkers(2),
                FineTuneListener.silent());
        assertEquals(first.valAccuracy(), again.valAccuracy());
        assertArrayEquals(losses(first), losses(again));
        assertEquals(first.history().get(1).valLoss(), again.history().get(1).valLoss());

        FineTuneResult other = FineTuner.fineTune(b, split.train(), split.val(), cpu(2), FineTuneListener.silent());
        assertTrue(other.valAccuracy() >= 0.75, "seed 2 accuracy " + other.valAccuracy());
        assertNotEquals(losses(first)[0], losses(other)[0]);
    }

    @Test
    void freezeBackboneTrainsHeadOnlyAndSavedBackboneGivesTheSameFeatures() throws IOException {
        Backbone b = tiny("tinycnn_scripted.pt");
        FineTuneOptions opts = cpu(3).withFreezeBackbone(true).withEpochs(3).withLearningRate(0.1);
        FineTuneResult r;
        float[] before;
        try (FineTuner tuner = FineTuner.open(b, opts)) {
            before = tuner.backboneParameters();
            r = tuner.fineTune(split.train(), split.val(), FineTuneListener.silent());
            assertArrayEquals(before, tuner.backboneParameters(), "a frozen backbone changed");
            // The head did train: it moved away from its seeded initialisation, U(-1/sqrt(d), 1/sqrt(d)).
            SplitMix64 rng = new SplitMix64(3);
            float[] init = new float[3 * 32];
            for (int i = 0; i < init.length; i++) {
                init[i] = (float) ((2 * rng.nextDouble() - 1) / Math.sqrt(32));
            }
            float[] head = tuner.headWeight();
            assertEquals(init.length, head.length);
            double moved = 0;
            for (int i = 0; i < init.length; i++) {
                moved = Math.max(moved, Math.abs(head[i] - init[i]));
            }
            assertTrue(moved > 1e-3, "head moved by " + moved);
            tuner.save(dir.resolve("saved"));
        }
        assertTrue(r.protocol().freezeBackbone());
        assertFalse(r.protocol().trainMode());
        assertTrue(r.valAccuracy() >= 0.75, "head-only accuracy " + r.valAccuracy() + " (chance 1/3)");
        assertTrue(r.history().get(2).trainLoss() < r.history().get(0).trainLoss(), r.history().toString());

        // The saved backbone extracts exactly the features of the original file: the backbone did not train.
        Path saved = dir.resolve("saved");
        for (String f : List.of("backbone.pt", "head_weight.npy", "head_bias.npy", "finetune.json")) {
            assertTrue(Files.isRegularFile(saved.resolve(f)), f);
        }
        ExtractionOptions x = FeatureExtractionIT.cpu();
        ExtractedFeatures original = FeatureExtraction.features(b, split.val(), x, null, ExtractionListener.silent());
        Backbone reloaded = new Backbone("saved", "cnn", null, b.preprocessing(), 32, null, null,
                saved.resolve("backbone.pt").toString(), null);
        ExtractedFeatures fromSaved = FeatureExtraction.features(reloaded, split.val(), x, null,
                ExtractionListener.silent());
        assertEquals(original.features(), fromSaved.features());

        // The saved head on those features reproduces the reported validation accuracy.
        assertEquals(r.valAccuracy(), accuracy(fromSaved, saved), 1e-12);
        assertTrue(Files.readString(saved.resolve("finetune.json")).contains("\"freeze_backbone\" : true"));
        assertTrue(Files.readString(saved.resolve("finetune.json")).startsWith("{\n  \"modelscout_version\" : "));
    }

    @Test
    void savedWholeNetworkReproducesValidationAccuracy() {
        Backbone b = tiny("tinycnn_scripted.pt");
        FineTuneResult r;
        try (FineTuner tuner = FineTuner.open(b, cpu(4))) {
            r = tuner.fineTune(split.train(), split.val(), FineTuneListener.silent());
            tuner.save(dir);
        }
        Backbone reloaded = new Backbone("saved", "cnn", null, b.preprocessing(), 32, null, null,
                dir.resolve("backbone.pt").toString(), null);
        ExtractedFeatures f = FeatureExtraction.features(reloaded, split.val(), FeatureExtractionIT.cpu(), null,
                ExtractionListener.silent());
        assertEquals(r.valAccuracy(), accuracy(f, dir), 1e-12);
    }

    /** Top-1 accuracy of the saved head (head_weight.npy, head_bias.npy in dir) on extracted features. */
    static double accuracy(ExtractedFeatures f, Path dir) {
        Npy.Array w = Npy.read(dir.resolve("head_weight.npy"));
        Npy.Array bias = Npy.read(dir.resolve("head_bias.npy"));
        int classes = w.shape()[0];
        int d = w.shape()[1];
        int correct = 0;
        for (int i = 0; i < f.features().rows(); i++) {
            int best = -1;
            double top = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                double z = bias.values()[c];
                for (int k = 0; k < d; k++) {
                    z += w.values()[c * d + k] * f.features().get(i, k);
                }
                if (z > top) {
                    top = z;
                    best = c;
                }
            }
            correct += best == f.labels().ids()[i] ? 1 : 0;
        }
        return (double) correct / f.features().rows();
    }

    @Test
    void tracedFileTrainsButWarnsThatTrainModeChangesNothing() {
        List<String> warnings = new ArrayList<>();
        FineTuneListener l = new FineTuneListener() {
            @Override
            public void warn(String m) {
                warnings.add(m);
            }
        };
        FineTuneResult r = FineTuner.fineTune(tiny("tinycnn.pt"), split.train(), split.val(), cpu(1).withEpochs(1), l);
        assertFalse(r.protocol().trainMode());
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("model tinycnn: train mode does not change its output"), warnings.get(0));
    }

    @Test
    void rejectsWhatCannotBeFineTunedWithOneLineNamingTheModelOrFile() throws IOException {
        Backbone builtin = new Backbone("r18", "resnet", null, Preprocessing.imagenet(32), 0, null, null,
                "builtin:resnet18", null);
        String msg = assertThrows(FineTuneException.class, () -> FineTuner.open(builtin, cpu(1))).getMessage();
        assertTrue(msg.startsWith("model r18: weights 'builtin:resnet18' are not a TorchScript file"), msg);

        Backbone missing = new Backbone("m", null, null, Preprocessing.imagenet(32), 0, null, null,
                dir.resolve("nope.pt").toString(), null);
        msg = assertThrows(FineTuneException.class, () -> FineTuner.open(missing, cpu(1))).getMessage();
        assertTrue(msg.contains("model m: weights file") && msg.contains("nope.pt not found"), msg);

        Backbone wrongSha = new Backbone("w", null, null, tiny("tinycnn.pt").preprocessing(), 32, null, null,
                FeatureExtractionIT.model("tinycnn.pt").toString(), "0".repeat(64));
        msg = assertThrows(FineTuneException.class, () -> FineTuner.open(wrongSha, cpu(1))).getMessage();
        assertTrue(msg.contains("but the zoo entry says 000"), msg);

        Path junk = dir.resolve("junk.pt");
        Files.writeString(junk, "not a model");
        Backbone bad = new Backbone("j", null, null, Preprocessing.imagenet(32), 0, null, null, junk.toString(), null);
        msg = assertThrows(FineTuneException.class, () -> FineTuner.open(bad, cpu(1))).getMessage();
        assertTrue(msg.contains("junk.pt is not a loadable TorchScript file"), msg);

        Backbone map = new Backbone("map", null, null, tiny("tinycnn.pt").preprocessing(), 0, null, null,
                FeatureExtractionIT.model("tinycnn_map.pt").toString(), null);
        msg = assertThrows(FineTuneException.class, () -> FineTuner.open(map, cpu(1))).getMessage();
        assertTrue(msg.contains("model map: output has shape (1, 4, 32, 32), not a feature vector"), msg);

        ImageDataset twoClasses = ImageDataset.open(TestImages.folder(dir.resolve("two"), 2, 3, 36));
        try (FineTuner tuner = FineTuner.open(tiny("tinycnn.pt"), cpu(1))) {
            msg = assertThrows(FineTuneException.class, () -> tuner.fineTune(split.train(), twoClasses,
                    FineTuneListener.silent())).getMessage();
            assertTrue(msg.contains("have classes [class0, class1, class2] but validation images"), msg);
        }

        Path broken = dir.resolve("broken");
        TestImages.folder(broken, 2, 3, 36);
        TestImages.truncated(broken.resolve("class0/img0.png"), broken.resolve("class1/zz.png"));
        ImageDataset withBroken = ImageDataset.open(broken);
        try (FineTuner tuner = FineTuner.open(tiny("tinycnn.pt"), cpu(1))) {
            msg = assertThrows(FineTuneException.class, () -> tuner.fineTune(withBroken, twoClasses,
                    FineTuneListener.silent())).getMessage();
            assertTrue(msg.contains("zz.png: corrupt or truncated image"), msg);
        }
    }
}
