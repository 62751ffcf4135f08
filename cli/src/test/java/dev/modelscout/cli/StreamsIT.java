package dev.modelscout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Results on stdout, diagnostics on stderr, in every command that computes: commands run in-process, stdout holds
 * no progress, note, warning, timing, provenance or "wrote" line, and stderr holds them, each once; the same run
 * with -q has the same stdout and an empty stderr. On a folder with a file that is not an image and unreadable
 * images, as a user's folder often is.
 */
class StreamsIT {

    /** The starts of every diagnostic line the commands print. */
    private static final List<String> DIAGNOSTICS = List.of("note:", "warning:", "timing:", "recommender:", "wrote ",
            "auto chose", "auto's choice", "model ", "backbone ", "tiny:", "r18:", "fine-tuning ", "epoch ");

    @TempDir
    Path dir;

    @BeforeAll
    static void guardTheNetwork() throws IOException {
        NetworkGuard.install();
    }

    private static void onlyResults(CliTest r) {
        for (String line : r.out().lines().toList()) {
            for (String d : DIAGNOSTICS) {
                assertFalse(line.startsWith(d), () -> "a diagnostic on stdout: '" + line + "'\nstdout:\n" + r.out());
            }
        }
    }

    private static long count(String text, String fragment) {
        return text.lines().filter(l -> l.contains(fragment)).count();
    }

    @Test
    void recommendPrintsTheRankingOnStdoutAndEverythingElseOnStderrOnce() throws IOException {
        Path zoo = TestZoo.tinyAndResnet(dir, List.of("--arch", "cnn"), List.of("--arch", "resnet"));
        Path images = dir.resolve("pets");
        ExtractIT.images(images, 2, 6);
        Files.writeString(images.resolve("class0/notes.txt"), "by hand\n");
        Files.writeString(images.resolve("class0/broken.png"), "not a png");
        Files.writeString(images.resolve("class1/cut.jpg"), "not a jpeg");
        Path out = dir.resolve("recs.csv");
        String[] args = {"--device", "cpu", "recommend", "--images", images.toString(), "--zoo", zoo.toString(),
                "--cache", dir.resolve("cache").toString(), "--out", out.toString()};

        CliTest cold = CliTest.run(args).expectExit(0).expectOut("dataset pets: 2 backbones ranked")
                .expectErr("recommender: ").expectErr("timing: 2 backbones").expectErr("wrote " + out);
        onlyResults(cold);
        assertEquals(1, count(cold.err(), "notes.txt"), cold.err());
        assertEquals(1, count(cold.err(), "unreadable image(s)"), "said once, not once per backbone:\n" + cold.err());
        assertTrue(count(cold.err(), ": features of ") <= 2, "at most a line per backbone:\n" + cold.err());
        assertFalse(cold.err().contains("CUDA"), "--device cpu: nothing of CUDA\n" + cold.err());
        assertFalse(cold.err().contains("-D"), "no system property advertised\n" + cold.err());

        CliTest warm = CliTest.run(args).expectExit(0);
        onlyResults(warm);
        assertEquals(cold.out(), warm.out());
        assertFalse(warm.err().contains("up to date"), "cache hits only with -v:\n" + warm.err());
        assertEquals(1, count(warm.err(), "unreadable image(s)"), "a warm run says the folder's notes too\n" + warm.err());

        String[] verbose = new String[args.length + 1];
        verbose[0] = "-v";
        System.arraycopy(args, 0, verbose, 1, args.length);
        CliTest detail = CliTest.run(verbose).expectExit(0).expectErr("up to date").expectErr("timing: tiny: features ");
        assertEquals(cold.out(), detail.out());

        String[] quiet = verbose.clone();
        quiet[0] = "-q";
        CliTest q = CliTest.run(quiet).expectExit(0);
        assertEquals("", q.err());
        assertEquals(cold.out(), q.out());
    }

    @Test
    void evaluateAndPredictPrintTheirTablesOnStdoutAndTimingChoicesAndFilesOnStderr() throws Exception {
        Path h = SyntheticHistory.write(dir);
        Path results = dir.resolve("results.json");
        CliTest eval = CliTest.run("evaluate", "--history", h.toString(), "--test-datasets", "ds1,ds2", "--out",
                results.toString()).expectExit(0).expectOut("recommender").expectErr("timing: ")
                .expectErr("wrote " + results);
        onlyResults(eval);
        Path model = dir.resolve("m.json");
        CliTest.run("train", "--history", h.toString(), "--out", model.toString()).expectExit(0);
        Path rows = Files.writeString(dir.resolve("rows.csv"), "dataset,dataset_size,num_classes,model,arch_family,"
                + "params_m\nnew,3000,12,model8,convnext,13\nnew,3000,12,model0,vit,5\n");
        Path preds = dir.resolve("preds.csv");
        CliTest predict = CliTest.run("predict", "--model", model.toString(), "--rows", rows.toString(), "--out",
                preds.toString()).expectExit(0).expectOut("model8").expectErr("rows predicted").expectErr("wrote " + preds);
        onlyResults(predict);
    }
}
