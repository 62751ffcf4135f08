package dev.modelscout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands that use no PyTorch device (train, evaluate, predict) say once on stderr that an explicit CUDA
 * --device is not used, and go on (README, "The command"); auto and cpu say nothing. The device named need not
 * exist: nothing looks for it. On {@link SyntheticHistory}; no natives.
 */
class UnusedDeviceNoteTest {

    @TempDir
    Path dir;

    private static long count(String text, String fragment) {
        return text.lines().filter(l -> l.contains(fragment)).count();
    }

    @Test
    void trainNotesOnceThatCudaIsNotUsedWhenGivenBeforeTheCommand() throws Exception {
        Path h = SyntheticHistory.write(dir);
        CliTest before = CliTest.run("--device", "cuda:5", "train", "--history", h.toString(), "--recommender", "lr",
                "--out", dir.resolve("a.json").toString()).expectExit(0);
        assertEquals(1, count(before.err(), "note: train runs on the CPU; --device cuda:5 is not used"), before.err());
        // After the name of a command that uses no device, --device is not one of its options (its help lists none).
        CliTest after = CliTest.run("train", "--history", h.toString(), "--recommender", "lr", "--out",
                dir.resolve("b.json").toString(), "--device", "cuda").expectExit(2).expectErr("--device");
        assertFalse(Files.exists(dir.resolve("b.json")), after.err());
    }

    @Test
    void autoAndCpuSayNothing() throws Exception {
        Path h = SyntheticHistory.write(dir);
        for (String device : new String[] {"auto", "cpu"}) {
            CliTest r = CliTest.run("--device", device, "train", "--history", h.toString(), "--recommender", "lr",
                    "--out", dir.resolve("m.json").toString()).expectExit(0);
            assertFalse(r.err().contains("note:"), r.err());
        }
    }

    @Test
    void predictAndEvaluateNoteItOnce() throws Exception {
        Path h = SyntheticHistory.write(dir);
        Path model = dir.resolve("m.json");
        CliTest.run("train", "--history", h.toString(), "--recommender", "lr", "--out", model.toString()).expectExit(0);
        Path rows = dir.resolve("rows.csv");
        Files.writeString(rows, "dataset,dataset_size,num_classes,model,arch_family,params_m\nnew,3000,12,model8,convnext,13\n");
        CliTest p = CliTest.run("--device", "cuda:5", "predict", "--model", model.toString(), "--rows", rows.toString())
                .expectExit(0);
        assertEquals(1, count(p.err(), "note: predict runs on the CPU; --device cuda:5 is not used"), p.err());
        CliTest e = CliTest.run("--device", "cuda:5", "evaluate", "--history", h.toString(), "--recommender", "lr",
                "--no-tune", "--test-datasets", "ds1", "--no-baseline").expectExit(0);
        assertEquals(1, count(e.err(), "note: evaluate runs on the CPU; --device cuda:5 is not used"), e.err());
    }
}
