package dev.modelscout.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelscout.recommender.HistoryReader;
import dev.modelscout.recommender.Job;
import dev.modelscout.recommender.ReadOptions;
import dev.modelscout.recommender.TrainingHistory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code modelscout finetune} end to end on a tiny folder: the history row, determinism, and kills. */
class FineTuneIT {

    static final Path SCRIPTED = Path.of("../engine/src/test/resources/models/tinycnn_scripted.pt");

    @TempDir
    Path dir;

    Path zoo;
    Path images;

    @BeforeEach
    void zooAndImages() throws IOException {
        Assumptions.assumeTrue(Files.isRegularFile(SCRIPTED), "needs " + SCRIPTED);
        Path model = Files.copy(SCRIPTED, dir.resolve("tiny.pt"));
        zoo = dir.resolve("zoo.csv");
        CliTest.run("--device", "cpu", "zoo", "add", "--zoo", zoo.toString(), "--id", "tiny", "--weights",
                model.toString(), "--crop", "32", "--resize", "32", "--arch", "cnn", "--pretrain", "random-init")
                .expectExit(0);
        images = dir.resolve("colours");
        ExtractIT.images(images, 2, 10);
    }

    private List<String> args(Path history, Path out, long seed) {
        List<String> a = new ArrayList<>(List.of("--device", "cpu", "finetune", "--zoo", zoo.toString(), "--model", "tiny",
                "--images", images.toString(), "--epochs", "2", "--lr", "0.05", "--batch-size", "8", "--threads", "1",
                "--finetune-seed", Long.toString(seed), "--scores", "logme,reg_hscore", "--cache", dir.resolve("cache").toString()));
        if (history != null) {
            a.addAll(List.of("--history", history.toString()));
        }
        if (out != null) {
            a.addAll(List.of("--out", out.toString()));
        }
        return a;
    }

    @Test
    void appendsOneValidRowThatTrainReadsAndTheSameSeedGivesTheSameRow() throws IOException {
        Path h1 = dir.resolve("h1.csv");
        Path out = dir.resolve("result.json");
        CliTest.run(args(h1, out, 3).toArray(String[]::new)).expectExit(0)
                .expectOut("tiny on colours: validation top-1 accuracy").expectOut("appended the job to " + h1);
        TrainingHistory h = HistoryReader.read(h1, ReadOptions.defaults());
        assertEquals(1, h.size());
        Job row = h.jobs().get(0);
        JsonNode result = new ObjectMapper().readTree(out.toFile());
        assertEquals(result.get("val_accuracy").asDouble(), row.accuracy(), 0.0);
        assertEquals("colours", row.dataset());
        assertEquals("tiny", row.model());
        assertEquals(20.0, row.number("dataset_size"));
        assertEquals(2.0, row.number("num_classes"));
        assertEquals("cnn", row.cell("arch_family"));
        assertTrue(Double.isFinite(row.number("score_logme")) && Double.isFinite(row.number("score_reg_hscore")));
        assertEquals(result.get("scores").get("logme").asDouble(), row.number("score_logme"), 0.0);
        assertTrue(row.cell("source").startsWith("modelscout finetune: sgd lr 0.05"), row.cell("source"));
        assertEquals(2, result.get("epochs").size());
        for (JsonNode epoch : result.get("epochs")) {
            List<String> keys = new ArrayList<>();
            epoch.fieldNames().forEachRemaining(keys::add);
            assertEquals(List.of("epoch", "train_loss", "train_accuracy", "val_loss", "val_accuracy", "learning_rate",
                    "seconds"), keys, "the epochs' keys are snake_case, as the cell files' and every other output's");
        }
        assertEquals(3, result.get("protocol").get("seed").asLong());
        CliTest.run("train", "--history", h1.toString(), "--recommender", "popularity", "--out",
                dir.resolve("m.json").toString()).expectExit(0);

        assertTrue(result.get("modelscout_version").isTextual() && result.get("created_at").isTextual(), result.toString());
        Path h2 = dir.resolve("h2.csv");
        List<String> toStdout = args(h2, null, 3);
        toStdout.addAll(List.of("--out", "-"));
        CliTest second = CliTest.run(toStdout.toArray(String[]::new)).expectExit(0)
                .expectErr("tiny on colours: validation top-1 accuracy");
        JsonNode viaStdout = new ObjectMapper().readTree(second.out());
        assertEquals(result.get("val_accuracy"), viaStdout.get("val_accuracy"), "--out - writes the result JSON to stdout");
        assertArrayEquals(Files.readAllBytes(h1), Files.readAllBytes(h2), "same seed, same threads: the same row");
        CliTest rerun = CliTest.run(args(h2, null, 3).toArray(String[]::new)).expectExit(1)
                .expectErr("is already in the history; nothing was computed");
        assertFalse(rerun.out().contains("validation top-1"), "checked before training: " + rerun.out());
    }

    @Test
    void badOutputsAndOptionsAreUsageErrorsBeforeAnyTraining() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        List<List<String>> bad = List.of(List.of("--save", file.toString()), List.of("--dataset-id", ""),
                List.of("--dataset-id", "  "), List.of("--epochs", "2147483647", "--batch-size", "1"),
                List.of("--history", dir.resolve("missing/h.csv").toString()));
        for (List<String> extra : bad) {
            List<String> a = args(null, null, 1);
            a.removeAll(List.of("--epochs", "2", "--batch-size", "8"));
            a.addAll(extra);
            CliTest r = CliTest.run(a.toArray(String[]::new)).expectExit(2);
            assertFalse(r.out().contains("validation top-1"), extra + ": " + r.out());
        }
    }

    @Test
    void aScoreUndefinedOnATinyDatasetIsLeftEmptyWithOneNoteAndNoneIsAccepted() throws IOException {
        Path tiny = dir.resolve("tiny-set");
        ExtractIT.images(tiny, 2, 2);
        Path h = dir.resolve("h.csv");
        List<String> a = new ArrayList<>(List.of("--device", "cpu", "finetune", "--zoo", zoo.toString(), "--model", "tiny",
                "--images", tiny.toString(), "--epochs", "1", "--batch-size", "2", "--threads", "1", "--val-fraction", "0.5",
                "--cache", dir.resolve("cache").toString(), "--history", h.toString()));
        List<String> withScores = new ArrayList<>(a);
        withScores.addAll(List.of("--scores", "parc,logme"));
        CliTest r = CliTest.run(withScores.toArray(String[]::new)).expectExit(0)
                .expectErr("note: parc of tiny on tiny-set is left empty: parc: undefined");
        assertEquals(1, r.err().lines().filter(l -> l.contains("left empty")).count(), r.err());
        Job row = HistoryReader.read(h, ReadOptions.defaults()).jobs().get(0);
        assertEquals("", row.cell("score_parc"));
        assertTrue(Double.isFinite(row.number("score_logme")));
        List<String> none = new ArrayList<>(a);
        none.addAll(List.of("--scores", "none", "--dataset-id", "other"));
        CliTest.run(none.toArray(String[]::new)).expectExit(0);
    }

    @Test
    void aKilledFineTuneLeavesTheHistoryUnchangedOrWithExactlyTheOneNewRow() throws Exception {
        Path history = dir.resolve("history.csv");
        Files.writeString(history, "dataset,model,accuracy\nother,net,0.5\n");
        byte[] before = Files.readAllBytes(history);
        // One full run in its own process, to know how long a run takes here.
        long t0 = System.nanoTime();
        Process full = start(history, 11);
        assertTrue(full.waitFor(300, TimeUnit.SECONDS));
        assertEquals(0, full.exitValue(), new String(full.getInputStream().readAllBytes()));
        long runMillis = (System.nanoTime() - t0) / 1_000_000;
        Files.write(history, before);
        int unchanged = 0;
        int appended = 0;
        for (double at : new double[] {0.1, 0.4, 0.7, 0.9, 0.97, 1.05}) {
            Process p = start(history, 11);
            boolean finished = p.waitFor((long) (at * runMillis), TimeUnit.MILLISECONDS);
            if (!finished) {
                p.destroyForcibly().waitFor();
            }
            TrainingHistory h = HistoryReader.read(history, ReadOptions.defaults());
            if (h.size() == 1) {
                assertArrayEquals(before, Files.readAllBytes(history), "killed at " + at + ": unchanged");
                unchanged++;
            } else {
                assertEquals(2, h.size(), "killed at " + at + ": exactly the one new row");
                assertEquals("tiny", h.jobs().get(1).model());
                assertTrue(Double.isFinite(h.jobs().get(1).accuracy()));
                assertTrue(Files.readString(history).startsWith(new String(before)), "the old bytes are kept");
                appended++;
            }
            Files.write(history, before);
        }
        assertTrue(unchanged >= 1, "some kills came before the append");
        assertEquals(6, unchanged + appended);
    }

    private Process start(Path history, long seed) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(args(history, null, seed));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("run.log").toFile()).start();
    }

    /**
     * The folder rule of every command (extract and recommend accept such a folder with a note): a file that is not
     * an image and an image that does not decode are each said once, the job runs on the rest; --strict makes the
     * unreadable image fatal, naming it.
     */
    @Test
    void aFolderWithAFileThatIsNotAnImageAndAnUnreadableImageFineTunesWithOneNoteEachAndStrictRefusesIt()
            throws IOException {
        Files.writeString(images.resolve("class0/README.txt"), "labelled by hand\n");
        Path broken = Files.writeString(images.resolve("class1/broken.png"), "not a png");
        Path out = dir.resolve("result.json");
        CliTest r = CliTest.run(args(null, out, 3).toArray(String[]::new)).expectExit(0)
                .expectOut("validation top-1 accuracy");
        List<String> notes = r.err().lines().filter(l -> l.contains("README.txt")).toList();
        assertEquals(1, notes.size(), r.err());
        assertTrue(notes.get(0).startsWith("note: "), notes.get(0));
        List<String> skipped = r.err().lines().filter(l -> l.contains("broken.png")).toList();
        assertEquals(List.of("warning: skipped 1 unreadable image(s): " + broken
                + ": not a JPEG, PNG, BMP, TIFF or GIF image"), skipped);
        JsonNode result = new ObjectMapper().readTree(out.toFile());
        assertEquals(20, result.get("train_size").asInt() + result.get("val_size").asInt(),
                "the 20 readable images, split");
        assertEquals(21, result.get("dataset_size").asInt(), "counted as recommend counts them, as listed");

        List<String> strict = new ArrayList<>(args(null, null, 3));
        strict.add("--strict");
        CliTest s = CliTest.run(strict.toArray(String[]::new)).expectExit(1).expectErr(broken + ": not a JPEG");
        assertTrue(s.err().contains("(--strict)"), s.err());
    }
}
