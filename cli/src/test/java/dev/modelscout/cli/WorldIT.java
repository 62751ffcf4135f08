package dev.modelscout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelscout.recommender.HistoryReader;
import dev.modelscout.recommender.Job;
import dev.modelscout.recommender.ReadOptions;
import dev.modelscout.recommender.TrainingHistory;
import dev.modelscout.workflow.EmbeddedWorld;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded world: the default run end to end, and one committed history cell re-run by finetune. */
class WorldIT {

    /** The protocol src/world/make-history.sh fine-tunes the history with. */
    static final String EPOCHS = "3";
    static final String LR = "0.01";
    static final String PER_CLASS = "20";
    static final String THREADS = "1";

    /**
     * How far a re-run of seed 0 may land from that seed's stored accuracy (history-seeds.csv): 0 on the machine and
     * threads that made the history (the run is deterministic); on another CPU the float sums differ in their last
     * bits, which may flip a few of the 640 validation images, so up to 6 of them.
     */
    static final double TOLERANCE = 0.01;

    @TempDir
    Path dir;

    static EmbeddedWorld world;

    @BeforeAll
    static void theWorld() {
        world = EmbeddedWorld.locate();
        Assumptions.assumeTrue(Files.isRegularFile(world.history()), "needs " + world.history());
    }

    @Test
    void theHistoryWasMadeWithTheCommittedZoo() throws Exception {
        String made = Files.readString(world.root().resolve("history.zoo-sha256")).strip();
        String now = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(world.zoo())));
        assertEquals(made, now, "src/world/zoo/zoo.csv is not the zoo src/world/history.csv was made with; "
                + "rerun src/world/make-history.sh");
        TrainingHistory h = HistoryReader.read(world.history(), ReadOptions.defaults());
        assertEquals(h.datasets().size() * h.models().size(), h.size(), "every backbone on every history target");
        assertTrue(h.datasets().size() >= 12 && h.models().size() >= 16, h.datasets() + " x " + h.models());
        for (Job j : h.jobs()) {
            double se = j.number(dev.modelscout.recommender.HistorySchema.ACCURACY_SE);
            assertTrue(se >= 0 && se <= 0.1 && j.number(dev.modelscout.recommender.HistorySchema.ACCURACY_SEEDS) >= 3,
                    "every job is a mean over 3 or more seeds with its standard error: " + j.dataset() + ", " + j.model());
        }
    }

    @Test
    void theDefaultRunRanksTheSampleTargetAndSaysHowGoodTheRankingWas() {
        CliTest r = CliTest.run("--device", "cpu", "recommend", "--cache", dir.resolve("cache").toString()).expectExit(0)
                .expectOut("backbones ranked by predicted fine-tuned accuracy")
                .expectOut("against the true fine-tuned accuracies of")
                .expectOut("best on average in the training history")
                .expectOut("highest LogME")
                .expectOut("largest model")
                .expectOut("top-1 regret")
                .expectOut("the truth's noise: standard errors")
                .expectOut("95% interval")
                .expectErr("recommender: the embedded world's");
        assertTrue(r.out().contains("dataset " + world.sampleImages().getFileName()), r.out());
    }

    @Test
    void theReportNamesTheEmbeddedWorldsRecommenderAndThisInstallationsHistory() throws Exception {
        Path report = dir.resolve("world.html");
        CliTest.run("--device", "cpu", "recommend", "--models", "resnet-s-mnist,vit-s-fashion", "--cache",
                dir.resolve("cache").toString(), "--report", report.toString()).expectExit(0);
        String html = Files.readString(report);
        assertTrue(html.contains("the embedded world&#39;s (recommender.json, trained on its history)")
                || html.contains("the embedded world's (recommender.json, trained on its history)"), "origin");
        assertFalse(html.contains("the embedded default"), "the world's recommender is not the TransferGraph default");
        assertTrue(html.contains(world.history().toString()), "the history as this installation has it");
        assertFalse(html.replace(world.history().toString(), "").contains("src/world/history.csv"),
                "no path of the machine that trained it, only this installation's");
    }

    @Test
    void aCellOfTheCommittedHistoryRerunsToItsStoredAccuracy() throws Exception {
        String target = "sklearn-digits";
        String model = "resnet-m-fashion";
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/python3", world.root().resolve("targets.py").toString(), "--only", target)
                .redirectErrorStream(true).redirectOutput(dir.resolve("targets.log").toFile());
        pb.environment().put("WORLD_DIR", dir.toString()); // the target script writes under WORLD_DIR/targets and /validation
        Process p = pb.start();
        Assumptions.assumeTrue(p.waitFor(300, TimeUnit.SECONDS) && p.exitValue() == 0,
                "Debian's /usr/bin/python3 with python3-sklearn makes the target: " + Files.readString(dir.resolve("targets.log")));
        Path images = dir.resolve("targets").resolve(target);
        Path validation = dir.resolve("validation").resolve(target);
        TrainingHistory h = HistoryReader.read(world.history(), ReadOptions.defaults());
        Job stored = h.jobs().stream().filter(j -> j.dataset().equals(target) && j.model().equals(model)).findFirst()
                .orElseThrow();
        assertTrue(stored.cell("source").contains("lr " + LR + " ") && stored.cell("source").contains(EPOCHS + " epochs"),
                "the history was made with the protocol this test re-runs: " + stored.cell("source"));
        double seed0 = seedAccuracy(target, model, 0);
        Path out = dir.resolve("rerun.json");
        CliTest.run("--device", "cpu", "finetune", "--model", model, "--images", images.toString(), "--val",
                validation.toString(), "--dataset-id", target, "--epochs", EPOCHS, "--lr", LR, "--per-class", PER_CLASS,
                "--finetune-seed", "0", "--threads", THREADS, "--scores", "logme", "--cache", dir.resolve("cache").toString(),
                "--out", out.toString()).expectExit(0);
        double rerun = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toFile()).get("val_accuracy").asDouble();
        assertEquals(seed0, rerun, TOLERANCE, "re-run of seed 0 of (" + target + ", " + model + ")");
        // The stated noise: one seed lies within 3 seed standard deviations (se * sqrt(seeds)) of the stored mean.
        double sd = stored.number(dev.modelscout.recommender.HistorySchema.ACCURACY_SE)
                * Math.sqrt(stored.number(dev.modelscout.recommender.HistorySchema.ACCURACY_SEEDS));
        assertEquals(stored.accuracy(), rerun, 3 * sd + TOLERANCE, "re-run against the stored mean of the seeds");
    }

    /** The accuracy of one seed of one history job, from history-seeds.csv beside the history. */
    private static double seedAccuracy(String dataset, String model, int seed) throws java.io.IOException {
        java.util.List<String> lines = Files.readAllLines(world.root().resolve("history-seeds.csv"));
        java.util.List<String> header = java.util.List.of(lines.get(0).split(",", -1));
        int d = header.indexOf("dataset");
        int m = header.indexOf("model");
        int s = header.indexOf("seed");
        int a = header.indexOf("accuracy");
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",", -1);
            if (c[d].equals(dataset) && c[m].equals(model) && Integer.parseInt(c[s]) == seed) {
                return Double.parseDouble(c[a]);
            }
        }
        throw new AssertionError("history-seeds.csv has no seed " + seed + " of (" + dataset + ", " + model + ")");
    }
}
