package dev.modelscout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelscout.core.FeatureMatrix;
import dev.modelscout.core.Npy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What extract and score say about their inputs, end to end with the tiny committed TorchScript model: files in
 * the class folders that are not images are named once in a note and the extraction succeeds; a file given as
 * --images to score is one clear error; score --features notes once that a CUDA --device is not used.
 */
class ImageNoteIT {

    @TempDir
    Path dir;

    @BeforeAll
    static void guardTheNetwork() throws IOException {
        NetworkGuard.install();
    }

    private static List<String> notes(CliTest r) {
        return r.err().lines().filter(l -> l.startsWith("note:")).toList();
    }

    @Test
    void extractNotesFilesThatAreNotImagesOnceAndSucceeds() throws IOException {
        Assumptions.assumeTrue(Files.isRegularFile(ExtractIT.TINY), "needs " + ExtractIT.TINY);
        Path zoo = dir.resolve("zoo.csv");
        Path model = Files.copy(ExtractIT.TINY, dir.resolve("tinycnn.pt"));
        CliTest.run("--device", "cpu", "zoo", "add", "--zoo", zoo.toString(), "--id", "tiny", "--weights",
                model.toString(), "--crop", "32").expectExit(0);
        Path data = dir.resolve("data");
        ExtractIT.images(data, 2, 3);
        Files.writeString(data.resolve("class0/notes.txt"), "labelled by hand\n");
        Files.writeString(data.resolve("class1/LICENSE"), "CC-BY\n");

        CliTest r = CliTest.run("--device", "cpu", "extract", "--zoo", zoo.toString(), "--images", data.toString(),
                "--out", dir.resolve("features").toString()).expectExit(0).expectOut("extracted")
                .expectErr("dataset: 6 images in 2 classes");
        assertEquals(List.of("note: " + data + ": skipped 2 files that are not images (class0/notes.txt, "
                + "class1/LICENSE); the images read are .bmp, .gif, .jpeg, .jpg, .png, .tif, .tiff"), notes(r));

        CliTest bench = CliTest.run("--device", "cpu", "bench", "extract", "--zoo", zoo.toString(), "--model", "tiny",
                "--images", data.toString(), "--warmup", "0", "--batches", "1", "--batch-size", "2").expectExit(0);
        assertEquals(notes(r), notes(bench));
    }

    @Test
    void imagesAboveThePixelLimitButNotTwiceItAreExtractedWithAWarningEach() throws IOException {
        Assumptions.assumeTrue(Files.isRegularFile(ExtractIT.TINY), "needs " + ExtractIT.TINY);
        Path zoo = dir.resolve("zoo.csv");
        Path model = Files.copy(ExtractIT.TINY, dir.resolve("tinycnn.pt"));
        CliTest.run("--device", "cpu", "zoo", "add", "--zoo", zoo.toString(), "--id", "tiny", "--weights",
                model.toString(), "--crop", "32").expectExit(0);
        Path data = dir.resolve("data");
        ExtractIT.images(data, 2, 3); // 40x36, 41x36 and 42x36 pixels per class: 1440, 1476, 1512

        CliTest r = CliTest.run("--device", "cpu", "extract", "--zoo", zoo.toString(), "--images", data.toString(),
                "--max-image-pixels", "1450", "--out", dir.resolve("features").toString()).expectExit(0)
                .expectOut("extracted");
        List<String> warnings = r.err().lines().filter(l -> l.contains("is above --max-image-pixels 1450")).toList();
        assertEquals(4, warnings.size(), r.err());
        assertTrue(warnings.stream().allMatch(l -> l.startsWith("warning: " + data)), r.err());
        assertTrue(r.err().lines().noneMatch(l -> l.contains("img0.")), "1440 pixels: no warning");
    }

    @Test
    void scoreWithAFileAsImagesSaysWhatItExpects() throws IOException {
        Path npy = dir.resolve("f.npy");
        Npy.write(npy, new FeatureMatrix(2, 2, new double[] {1, 2, 3, 4}), true);
        CliTest r = CliTest.run("score", "--images", npy.toString(), "--zoo", dir.resolve("zoo.csv").toString())
                .expectExit(1);
        assertEquals(List.of("error: " + npy + ": is not a CSV manifest: not UTF-8 text (expected a folder with one "
                + "sub-folder of images per class, or a CSV manifest of path,label rows)"), r.err().lines().toList());
    }

    @Test
    void scoreWithFeatureFilesNotesOnceThatACudaDeviceIsNotUsed() {
        Random rnd = new Random(3);
        int n = 40;
        double[] f = new double[n * 3];
        long[] y = new long[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2 == 0 ? 3_000_000_000L : 7; // ids beyond 32 bits, remapped
            for (int j = 0; j < 3; j++) {
                f[i * 3 + j] = rnd.nextGaussian() + (j == i % 2 ? 2 : 0);
            }
        }
        Path features = dir.resolve("f.npy");
        Npy.write(features, new FeatureMatrix(n, 3, f), true);
        Path labels = dir.resolve("y.csv");
        StringBuilder sb = new StringBuilder("label\n");
        for (long id : y) {
            sb.append(id).append('\n');
        }
        try {
            Files.writeString(labels, sb.toString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        CliTest r = CliTest.run("--device", "cuda:5", "score", "--features", features.toString(), "--labels",
                labels.toString(), "--scores", "logme").expectExit(0).expectOut("logme");
        assertEquals(List.of("note: score --features runs on the ND4J back end of this build (see doctor), not on a "
                + "PyTorch device; --device cuda:5 is not used"), notes(r));
    }
}
