package dev.modelscout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelscout.report.Chromium;
import dev.modelscout.workflow.recommend.RecommendReportData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code recommend --report} end to end on the tiny zoo of {@link RecommendIT}: the page holds the ranking, the
 * truth and the provenance, and in a real browser (headless Chromium, when installed) every chart is drawn with
 * one mark per backbone and the page requests nothing.
 */
class RecommendReportIT {

    static final Path SHOTS = Path.of("target", "report-screenshots");

    @TempDir
    Path dir;

    Path zoo;
    Path images;

    @BeforeAll
    static void guardTheNetwork() throws IOException {
        NetworkGuard.install();
    }

    @BeforeEach
    void zooAndImages() throws IOException {
        zoo = TestZoo.tinyAndResnet(dir, List.of("--arch", "resnet", "--pretrain", "imagenet"), List.of("--arch", "resnet", "--pretrain", "imagenet"));
        images = dir.resolve("Pets");
        ExtractIT.images(images, 2, 6);
        Files.writeString(images.resolve("class0/notes.txt"), "not an image");
    }

    @Test
    void reportHoldsTheRankingTheTruthAndTheProvenanceAndDrawsEveryChartOffline() throws IOException {
        Path truth = dir.resolve("truth.csv");
        Files.writeString(truth, "model,accuracy,accuracy_se\ntiny,0.61,0.01\nr18,0.74,0.02\nalexnet,0.5,0.01\n");
        Path report = dir.resolve("pets-report.html");
        NetworkGuard.ATTEMPTS.clear();
        CliTest.run("--device", "cpu", "recommend", "--images", images.toString(), "--zoo", zoo.toString(),
                "--cache", dir.resolve("cache").toString(), "--report", report.toString(), "--truth", truth.toString())
                .expectExit(0).expectOut("dataset pets: 2 backbones ranked").expectErr("wrote " + report);
        assertEquals(0, NetworkGuard.ATTEMPTS.size(), () -> "network attempts: " + NetworkGuard.ATTEMPTS);
        String html = Files.readString(report);
        for (String fact : List.of(">r18</td>", ">tiny</td>", RecommendReportData.sha256(zoo),
                "12 images in 2 classes; features of 12 images (all)", "class0/notes.txt",
                "factorization-machine, the embedded default (default-recommender.json)",
                "True fine-tuned accuracies from " + truth, "highest LogME", "largest model (parameters)",
                "1 model of " + truth + " not ranked here", "alexnet", ">cpu<", ">0.740 ± 0.020</td>",
                "<tr class=\"top\"><td>the recommender</td>", ">LogME</td>", "measured with noise")) {
            assertTrue(html.contains(fact), () -> "the report lacks '" + fact + "'");
        }
        Optional<Chromium> chromium = Chromium.find();
        Assumptions.assumeTrue(chromium.isPresent(), "chromium is not installed (src/build/setup.sh installs it)");
        Files.createDirectories(SHOTS);
        Chromium.Result r = chromium.get().open(report, null, SHOTS.resolve("recommend-e2e.png"), 1280, 2400);
        assertEquals("true", r.rootAttribute("data-charts-done"));
        assertEquals(List.of("cost-chart", "scores-chart", "truth-chart", "rankers-chart"), r.charts());
        for (String id : r.charts()) {
            assertEquals("true", r.attribute(id, "data-rendered"), () -> id + " not drawn: " + r.tag(id));
        }
        // r18 has GMACs (a DJL-built ResNet), the TorchScript tiny CNN has none: one point, the other listed as not drawn
        assertEquals(1, r.mark("cost-chart", "backbones"));
        assertTrue(html.contains("Not drawn (no GMACs or no prediction): tiny."));
        assertEquals(2 * 4, r.mark("scores-chart", "rank_cells"), "2 backbones x (logme, reg_hscore, recommender, truth)");
        assertEquals(2, r.mark("truth-chart", "truth_points"));
        assertEquals(2, r.mark("truth-chart", "truth_se"), "each true accuracy's standard error");
        assertEquals(3 * 2, r.mark("rankers-chart", "ranker_bars"), "(recommender, logme, reg_hscore) x (Kendall, regret)");
        assertEquals(3, r.mark("rankers-chart", "ranker_intervals"), "Kendall's interval over the truth's noise");
        assertNull(r.rootAttribute("data-blocked-requests"), () -> "blocked: " + r.rootAttribute("data-blocked-last"));
        assertNull(r.rootAttribute("data-script-errors"), () -> "script error: " + r.rootAttribute("data-script-error-last"));
        assertEquals(List.of(), r.pageRequests(), "requests the page made");
    }

    @Test
    void reportAndTruthAreCheckedBeforeAnyWork() throws IOException {
        Path truth = dir.resolve("truth.csv");
        Files.writeString(truth, "model,accuracy\ntiny,0.61\n");
        String[] base = {"--device", "cpu", "recommend", "--images", images.toString(), "--zoo", zoo.toString(),
            "--cache", dir.resolve("cache").toString()};
        // --truth alone is read (and checked) before any work too: its quality summary is printed after the ranking
        CliTest r = CliTest.run(concat(base, "--truth", dir.resolve("absent.csv").toString())).expectExit(1)
                .expectErr("absent.csv: no such file");
        assertFalse(r.err().contains("extracting"), r.err());
        r = CliTest.run(concat(base, "--report", dir.resolve("r.txt").toString())).expectExit(2)
                .expectErr("--report must end in .html or .htm");
        assertFalse(r.err().contains("extracting"), r.err());
        r = CliTest.run(concat(base, "--report", dir.resolve("r.html").toString(), "--truth",
                dir.resolve("none.csv").toString())).expectExit(1).expectErr("none.csv: no such file");
        assertFalse(r.err().contains("extracting"), r.err());
        Files.writeString(truth, "dataset,model,accuracy\ncars,tiny,0.61\n");
        r = CliTest.run(concat(base, "--report", dir.resolve("r.html").toString(), "--truth", truth.toString()))
                .expectExit(1).expectErr("no accuracy of dataset 'pets' (its datasets: cars)");
        assertFalse(r.err().contains("extracting"), r.err());
        Files.writeString(truth, "model,accuracy\ntiny,61\n");
        CliTest.run(concat(base, "--report", dir.resolve("r.html").toString(), "--truth", truth.toString()))
                .expectExit(1).expectErr(":2:2: column 'accuracy': 61 is outside [0,1]");
        assertFalse(Files.exists(dir.resolve("r.html")), "no report written on a refused run");
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
