package dev.modelscout.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelscout.core.Npy;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code zoo add/list/show} and {@code extract} end to end, with the tiny committed TorchScript model and a DJL-built ResNet. */
class ExtractIT {

    /** The committed test model of the engine module (surefire/failsafe run in the module folder). */
    static final Path TINY = Path.of("../engine/src/test/resources/models/tinycnn.pt");

    @TempDir
    Path dir;

    @BeforeAll
    static void guardTheNetwork() throws IOException {
        NetworkGuard.install();
    }

    /** Synthetic images with a planted class signal (class 0 reddish, class 1 greenish). */
    static void images(Path root, int classes, int perClass) throws IOException {
        String[] formats = {"png", "jpeg", "bmp", "gif"};
        for (int c = 0; c < classes; c++) {
            Path d = root.resolve("class" + c);
            Files.createDirectories(d);
            for (int i = 0; i < perClass; i++) {
                Random r = new Random(100 * c + i);
                BufferedImage img = new BufferedImage(40 + i, 36, BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < img.getHeight(); y++) {
                    for (int x = 0; x < img.getWidth(); x++) {
                        int v = r.nextInt(128);
                        img.setRGB(x, y, c == 0 ? ((v + 127) << 16) | (v << 8) : (v << 16) | ((v + 127) << 8));
                    }
                }
                String f = formats[(c + i) % formats.length];
                ImageIO.write(img, f, d.resolve("img" + i + "." + (f.equals("jpeg") ? "jpg" : f)).toFile());
            }
        }
    }

    @Test
    void addsModelsAndExtractsThenReusesTheCache() throws IOException {
        Assumptions.assumeTrue(Files.isRegularFile(TINY), "needs " + TINY);
        Path zoo = dir.resolve("zoo.csv");
        Path model = Files.copy(TINY, dir.resolve("tinycnn.pt"));
        Path data = dir.resolve("data");
        images(data, 2, 4);
        Files.write(data.resolve("class1/broken.jpg"), Arrays.copyOf(Files.readAllBytes(data.resolve("class1/img0.jpg")), 50));

        CliTest.run("--device", "cpu", "zoo", "add", "--zoo", zoo.toString(), "--id", "tiny", "--weights", model.toString(),
                "--crop", "32", "--arch", "cnn").expectExit(0).expectOut("32-d features, 0.0060 M parameters");
        CliTest.run("--device", "cpu", "zoo", "add", "--zoo", zoo.toString(), "--id", "r18", "--weights",
                "builtin:resnet18?seed=1", "--crop", "32").expectExit(0).expectOut("512-d features");
        assertTrue(Files.readString(zoo).contains(",tinycnn.pt,"), "stored relative to the catalog");
        CliTest.run("zoo", "list", "--zoo", zoo.toString()).expectExit(0).expectOut("tiny").expectOut("builtin:resnet18?seed=1");
        CliTest.run("zoo", "show", "--zoo", zoo.toString(), "tiny").expectExit(0).expectOut("sha256")
                .expectOut(dir.resolve("tinycnn.pt").toString());
        CliTest.run("zoo", "add", "--zoo", zoo.toString(), "--id", "tiny", "--weights", model.toString())
                .expectExit(1).expectErr("already in the zoo");

        Path out = dir.resolve("features");
        CliTest first = CliTest.run("--device", "cpu", "extract", "--zoo", zoo.toString(), "--images", data.toString(),
                "--out", out.toString(), "--batch-size", "3").expectExit(0).expectErr("skipped 1 unreadable image(s)")
                .expectErr("broken.jpg").expectOut("extracted");
        Npy.Array f = Npy.read(out.resolve("tiny/features.npy"));
        assertArrayEquals(new int[] {8, 32}, f.shape());
        assertArrayEquals(new int[] {8, 512}, Npy.read(out.resolve("r18/features.npy")).shape());
        assertEquals(8, Npy.read(out.resolve("tiny/labels.npy")).toIntVector(out).length);
        assertTrue(Files.readString(out.resolve("tiny/features.json")).contains("\"class_names\" : [ \"class0\", \"class1\" ]"));

        // a cache hit is said with -v (and shown in the table either way)
        CliTest.run("-v", "--device", "cpu", "extract", "--zoo", zoo.toString(), "--images", data.toString(), "--out",
                out.toString(), "--models", "tiny").expectExit(0).expectOut("cached").expectErr("up to date");
        CliTest.run("--device", "cpu", "extract", "--zoo", zoo.toString(), "--images", data.toString(), "--out",
                dir.resolve("strict").toString(), "--strict").expectExit(1).expectErr("broken.jpg");
        assertTrue(first.err().contains("dataset: 9 images in 2 classes"), first.err());
    }

    @Test
    void badInputIsAOneLineError() throws IOException {
        Assumptions.assumeTrue(Files.isRegularFile(TINY), "needs " + TINY);
        Path one = dir.resolve("one");
        images(one, 1, 2);
        Path zoo = dir.resolve("zoo.csv");
        Files.writeString(zoo, "id,weights,crop,sha256\ntiny," + TINY.toAbsolutePath() + ",32," + "0".repeat(64) + "\n");
        CliTest.run("--device", "cpu", "extract", "--zoo", zoo.toString(), "--images", one.toString(), "--out",
                dir.resolve("o").toString()).expectExit(1).expectErr("only one class (class0)");
        Path two = dir.resolve("two");
        images(two, 2, 2);
        CliTest r = CliTest.run("--device", "cpu", "extract", "--zoo", zoo.toString(), "--images", two.toString(), "--out",
                dir.resolve("o").toString()).expectExit(1).expectErr("has SHA-256").expectErr("but the zoo entry says 0000");
        assertEquals(1, r.err().strip().lines().filter(l -> l.startsWith("error:")).count(), r.err());
        CliTest.run("--device", "cpu", "extract", "--zoo", zoo.toString(), "--images", two.toString(), "--out",
                dir.resolve("o").toString(), "--models", "nope").expectExit(1).expectErr("no backbone 'nope' in the zoo (has: tiny)");

        NetworkGuard.ATTEMPTS.clear();
        CliTest.run("zoo", "add", "--zoo", zoo.toString(), "--id", "web", "--weights", "djl://ai.djl.pytorch/resnet")
                .expectExit(1).expectErr("needs the network, but modelscout runs offline");
        assertEquals(0, NetworkGuard.ATTEMPTS.size(), () -> "network attempts: " + NetworkGuard.ATTEMPTS);
    }
}
