package dev.modelscout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code modelscout jobs} end to end in process, without Slurm: a plan over two real image folders and a zoo of
 * the committed TorchScript model and a seeded DJL ResNet, its shards run by a shell-style loop, status, merge, and
 * the merged scores against {@code score --images} on the same cells.
 */
class JobsIT {

    @TempDir
    Path dir;

    Path zoo;

    @BeforeAll
    static void guardTheNetwork() throws IOException {
        NetworkGuard.install();
    }

    @BeforeEach
    void zooAndImages() throws IOException {
        zoo = TestZoo.tinyAndResnet(dir, List.of("--arch", "cnn"), List.of("--arch", "resnet"));
        ExtractIT.images(dir.resolve("Pets"), 2, 5);
        ExtractIT.images(dir.resolve("Birds"), 2, 4);
    }

    @Test
    void shardsRunInALoopMergeToTheScoresOfScoreImages() throws IOException {
        Path plan = dir.resolve("plan");
        CliTest.run("--device", "cpu", "jobs", "plan", "--zoo", zoo.toString(), "--datasets",
                dir.resolve("Pets") + "," + dir.resolve("Birds"), "--scores", "logme,lfc,hscore", "--shards", "3",
                "--out", plan.toString()).expectExit(0).expectOut("planned 4 score cells (2 datasets x 2 models) in 3 shards");
        assertTrue(Files.readString(plan.resolve("submit.sbatch")).contains("#SBATCH --array=0-2\n"));
        CliTest.run("jobs", "status", "--plan", plan.toString()).expectExit(0).expectOut("done 0, running 0, failed 0, pending 4")
                .expectOut("unfinished shards: 0-2");
        for (int i = 0; i < 3; i++) {
            CliTest.run("--device", "cpu", "jobs", "run", "--plan", plan.toString(), "--shard", Integer.toString(i))
                    .expectExit(0).expectOut("shard " + i + " of 3:");
        }
        CliTest.run("--device", "cpu", "jobs", "run", "--plan", plan.toString(), "--shard", "2").expectExit(0)
                .expectOut("0 computed, 0 failed, 2 done earlier").expectErr("done earlier; skipped");
        CliTest.run("jobs", "status", "--plan", plan.toString()).expectExit(0).expectOut("done 4, running 0, failed 0, pending 0");
        CliTest.run("jobs", "submit", "--plan", plan.toString()).expectExit(0).expectErr("nothing to submit");
        Path rows = dir.resolve("rows.csv");
        CliTest.run("jobs", "merge", "--plan", plan.toString(), "--out", rows.toString()).expectExit(0)
                .expectOut("merged 4 of 4 cells");

        Map<String, CSVRecord> merged = new HashMap<>();
        for (CSVRecord r : csv(rows)) {
            merged.put(r.get("dataset") + "/" + r.get("model"), r);
        }
        int compared = 0;
        for (String d : List.of("Pets", "Birds")) {
            Path ref = dir.resolve("ref-" + d + ".csv");
            CliTest.run("--device", "cpu", "score", "--images", dir.resolve(d).toString(), "--zoo", zoo.toString(),
                    "--scores", "logme,lfc,hscore", "--cache", dir.resolve("ref-cache-" + d).toString(), "--out",
                    ref.toString()).expectExit(0);
            for (CSVRecord r : csv(ref)) {
                CSVRecord m = merged.get(d.toLowerCase(java.util.Locale.ROOT) + "/" + r.get("model"));
                for (String s : List.of("logme", "lfc", "hscore")) {
                    double want = Double.parseDouble(r.get(s));
                    assertEquals(want, Double.parseDouble(m.get("score_" + s)), 1e-9 * Math.max(1, Math.abs(want)),
                            d + "/" + r.get("model") + " " + s);
                    compared++;
                }
                assertEquals(d.equals("Pets") ? "10" : "8", m.get("dataset_size"));
                assertEquals("", m.get("accuracy"));
            }
        }
        // the image fields: one probe per dataset (on the zoo's reference backbone), whichever cell computed it
        for (String d : List.of("pets", "birds")) {
            List<CSVRecord> of = merged.values().stream().filter(r -> r.get("dataset").equals(d)).toList();
            assertEquals(1, of.stream().map(r -> r.get("probe_accuracy")).distinct().count(), d);
            double probe = Double.parseDouble(of.get(0).get("probe_accuracy"));
            assertTrue(probe >= 0 && probe <= 1, of.get(0).toString());
            assertEquals(1, of.stream().map(r -> r.get("probe_model")).distinct().count(), d);
            assertTrue(!of.get(0).get("probe_model").isEmpty());
        }
        assertEquals(12, compared);
    }

    @Test
    void badOptionsAndMissingShardsAreOneLineErrors() {
        Path plan = dir.resolve("plan");
        CliTest ft = CliTest.run("--device", "cpu", "jobs", "plan", "--zoo", zoo.toString(), "--datasets",
                dir.resolve("Pets").toString(), "--task", "finetune", "--out", dir.resolve("ft").toString());
        ft.expectExit(0).expectOut("planned 2 finetune cells");
        CliTest.run("jobs", "plan", "--zoo", zoo.toString(), "--datasets", dir.resolve("Pets").toString(), "--task",
                "finetune", "--gbc-pca", "8", "--out", plan.toString()).expectExit(2).expectErr("--gbc-pca");
        CliTest.run("jobs", "plan", "--zoo", zoo.toString(), "--datasets", dir.resolve("Pets").toString(), "--task",
                "finetune", "--sample-seed", "3", "--out", plan.toString()).expectExit(2).expectErr("--finetune-seed");
        CliTest.run("jobs", "plan", "--zoo", zoo.toString(), "--datasets", dir.resolve("Pets").toString(), "--epochs", "3",
                "--out", plan.toString()).expectExit(2).expectErr("need --task finetune");
        CliTest.run("jobs", "plan", "--zoo", zoo.toString(), "--datasets", dir.resolve("Pets").toString(), "--shards", "9",
                "--out", plan.toString()).expectExit(2).expectErr("--shards 9: out of range (allowed: 1 to 2");
        CliTest.run("jobs", "plan", "--zoo", zoo.toString(), "--datasets", dir.resolve("Pets").toString(), "--scores", "leep",
                "--out", plan.toString()).expectExit(2).expectErr("leep needs the source model's class probabilities");
        CliTest.run("jobs", "plan", "--zoo", zoo.toString(), "--datasets", dir.resolve("Pets").toString(), "--out",
                plan.toString()).expectExit(0);
        CliTest.run("jobs", "plan", "--zoo", zoo.toString(), "--datasets", dir.resolve("Pets").toString(), "--out",
                plan.toString()).expectExit(2).expectErr("already holds a plan");
        CliTest.run("jobs", "run", "--plan", plan.toString(), "--shard", "2").expectExit(2)
                .expectErr("--shard 2: out of range (allowed: 0 to 1)");
        if (System.getenv("SLURM_ARRAY_TASK_ID") == null && System.getenv("JOB_COMPLETION_INDEX") == null) {
            CliTest.run("jobs", "run", "--plan", plan.toString()).expectExit(2).expectErr("--shard I is required");
        }
        CliTest.run("jobs", "status", "--plan", dir.resolve("nothing").toString()).expectExit(1)
                .expectErr("not a plan folder");
        CliTest.run("jobs", "merge", "--plan", plan.toString(), "--out", dir.resolve("rows.csv").toString()).expectExit(1)
                .expectErr("no cell is done yet");
    }

    @Test
    void fineTuningCellsMergeIntoRowsThatHistoryAppendTakes() throws IOException {
        Path scripted = Path.of("../engine/src/test/resources/models/tinycnn_scripted.pt");
        Assumptions.assumeTrue(Files.isRegularFile(scripted), "needs " + scripted);
        Path model = Files.copy(scripted, dir.resolve("scripted.pt"));
        CliTest.run("--device", "cpu", "zoo", "add", "--zoo", zoo.toString(), "--id", "trainable", "--weights",
                model.toString(), "--crop", "32", "--resize", "32", "--arch", "cnn").expectExit(0);
        Path plan = dir.resolve("ft");
        CliTest.run("--device", "cpu", "jobs", "plan", "--zoo", zoo.toString(), "--datasets",
                dir.resolve("Pets") + "," + dir.resolve("Birds"), "--models", "trainable", "--task", "finetune",
                "--scores", "logme", "--epochs", "1", "--ft-batch-size", "4", "--threads", "1", "--out", plan.toString())
                .expectExit(0).expectOut("planned 2 finetune cells (2 datasets x 1 models) in 2 shards");
        for (int i = 0; i < 2; i++) {
            CliTest.run("--device", "cpu", "jobs", "run", "--plan", plan.toString(), "--shard", Integer.toString(i))
                    .expectExit(0).expectOut("1 computed, 0 failed");
        }
        Path rows = dir.resolve("ft-rows.csv");
        CliTest.run("jobs", "merge", "--plan", plan.toString(), "--out", rows.toString()).expectExit(0)
                .expectOut("next: modelscout history append");
        for (CSVRecord r : csv(rows)) {
            double acc = Double.parseDouble(r.get("accuracy"));
            assertTrue(acc >= 0 && acc <= 1, r.toString());
            assertTrue(Double.isFinite(Double.parseDouble(r.get("score_logme"))), r.toString());
            assertTrue(r.get("source").startsWith("modelscout finetune: sgd"), r.get("source"));
            double probe = Double.parseDouble(r.get("probe_accuracy"));
            assertTrue(probe >= 0 && probe <= 1, r.toString());
        }
        Path history = dir.resolve("history.csv");
        CliTest.run("history", "append", "--history", history.toString(), "--jobs", rows.toString()).expectExit(0)
                .expectOut("2 jobs appended to " + history);
    }

    @Test
    void fineTuningCellsWithAValidationRootValidateOnItsFixedImagesAndTrainOnTheWholeDataset() throws IOException {
        Path scripted = Path.of("../engine/src/test/resources/models/tinycnn_scripted.pt");
        Assumptions.assumeTrue(Files.isRegularFile(scripted), "needs " + scripted);
        Path model = Files.copy(scripted, dir.resolve("scripted.pt"));
        CliTest.run("--device", "cpu", "zoo", "add", "--zoo", zoo.toString(), "--id", "trainable", "--weights",
                model.toString(), "--crop", "32", "--resize", "32", "--arch", "cnn").expectExit(0);
        ExtractIT.images(dir.resolve("val").resolve("pets"), 2, 3);
        Path plan = dir.resolve("ftval");
        CliTest.run("--device", "cpu", "jobs", "plan", "--zoo", zoo.toString(), "--datasets", dir.resolve("Pets").toString(),
                "--models", "trainable", "--task", "finetune", "--epochs", "1", "--ft-batch-size", "4", "--threads", "1",
                "--val-root", dir.resolve("val").toString(), "--out", plan.toString()).expectExit(0);
        CliTest.run("--device", "cpu", "jobs", "run", "--plan", plan.toString(), "--shard", "0").expectExit(0)
                .expectOut("1 computed, 0 failed");
        Path rows = dir.resolve("ftval-rows.csv");
        CliTest.run("jobs", "merge", "--plan", plan.toString(), "--out", rows.toString()).expectExit(0);
        CSVRecord r = csv(rows).get(0);
        assertTrue(r.get("source").endsWith("10 train / 6 val"), r.get("source"));
        assertEquals("10", r.get("dataset_size"), "the row describes the training images, not the validation folder");
        CliTest.run("--device", "cpu", "jobs", "plan", "--zoo", zoo.toString(), "--datasets", dir.resolve("Pets").toString(),
                "--val-root", dir.resolve("val").toString(), "--out", dir.resolve("score-plan").toString()).expectExit(2)
                .expectErr("need --task finetune");
    }

    private static List<CSVRecord> csv(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r).getRecords();
        }
    }
}
