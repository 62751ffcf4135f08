package dev.modelscout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelscout.report.Chromium;
import dev.modelscout.workflow.recommend.RecommendReportData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evaluate --report} end to end on {@link SyntheticHistory} with some pairs taken out: the page holds the
 * summary beside the baseline and the coverage, and in a real browser (headless Chromium, when installed) the
 * per-dataset bars, the learning curve and the heat map are drawn, one bar per dataset, recommender and metric,
 * one cell per (dataset, model) pair with a job, and the page requests nothing.
 */
class EvaluateReportIT {

    static final Path SHOTS = Path.of("target", "report-screenshots");

    @TempDir
    Path dir;

    /** SyntheticHistory (5 datasets x 9 models) without every 7th job: 39 of 45 pairs. */
    Path history() throws Exception {
        List<String> lines = Files.readAllLines(SyntheticHistory.write(dir));
        List<String> kept = new ArrayList<>(List.of(lines.get(0)));
        for (int i = 1; i < lines.size(); i++) {
            if (i % 7 != 0) {
                kept.add(lines.get(i));
            }
        }
        Path p = dir.resolve("gappy-history.csv");
        Files.write(p, kept);
        return p;
    }

    @Test
    void learningCurveReportDrawsBarsCurveAndCoverageOffline() throws Exception {
        Path report = dir.resolve("evaluation.html");
        CliTest.run("evaluate", "--history", history().toString(), "--protocol", "learning-curve", "--recommender", "lr",
                "--features", "d,m", "--fractions", "0.3,0.6,1.0", "--repeats", "2", "--report", report.toString())
                .expectExit(0).expectErr("wrote " + report);
        String html = Files.readString(report);
        for (String fact : List.of("linear-regression", "popularity (baseline)",
                "39 of 45 (dataset, model) pairs have a fine-tuning job (87 %)", "--fractions", "0.3, 0.6, 1.0",
                RecommendReportData.sha256(dir.resolve("gappy-history.csv")))) {
            assertTrue(html.contains(fact), () -> "the report lacks '" + fact + "'");
        }
        Optional<Chromium> chromium = Chromium.find();
        Assumptions.assumeTrue(chromium.isPresent(), "chromium is not installed (src/build/setup.sh installs it)");
        Files.createDirectories(SHOTS);
        Chromium.Result r = chromium.get().open(report, null, SHOTS.resolve("evaluate-e2e.png"), 1280, 2400);
        assertEquals("true", r.rootAttribute("data-charts-done"));
        assertEquals(List.of("per-dataset-chart", "curve-chart", "coverage-chart"), r.charts());
        for (String id : r.charts()) {
            assertEquals("true", r.attribute(id, "data-rendered"), () -> id + " not drawn: " + r.tag(id));
        }
        assertEquals(39, r.mark("coverage-chart", "cells"), "one cell per pair with a job");
        assertEquals(3 * 2 * 3, r.mark("curve-chart", "curve"), "3 fractions x 2 recommenders x 3 metrics");
        long bars = r.mark("per-dataset-chart", "bars");
        assertTrue(bars > 0 && bars <= 5 * 2 * 3, "at most one bar per dataset, recommender and metric: " + bars);
        assertNull(r.rootAttribute("data-blocked-requests"), () -> "blocked: " + r.rootAttribute("data-blocked-last"));
        assertNull(r.rootAttribute("data-script-errors"), () -> "script error: " + r.rootAttribute("data-script-error-last"));
        assertEquals(List.of(), r.pageRequests(), "requests the page made");
    }

    @Test
    void leaveOneDatasetOutReportTablesEachDatasetThePairedDifferenceAndAutosChoices() throws Exception {
        Path report = dir.resolve("auto.html");
        CliTest run = CliTest.run("evaluate", "--history", history().toString(), "--recommender", "auto", "--features",
                "d,m", "--report", report.toString()).expectExit(0);
        String html = Files.readString(report);
        assertTrue(html.contains("id=\"per-dataset-table\""), "the per-dataset table");
        assertTrue(html.contains("id=\"difference-table\""), "the paired difference to popularity");
        assertTrue(html.contains("paired bootstrap over the test datasets"), "how its interval was made");
        assertTrue(html.contains("<th data-key=\"auto\">auto chose</th>"), "auto's choice per held-out dataset");
        assertTrue(html.contains("id=\"auto-choices\">auto chose, in each of its 5 fits"), html.lines()
                .filter(l -> l.contains("auto chose")).toList().toString());
        assertTrue(html.contains("No learning curve: it is computed only with --protocol learning-curve"));
        // what the terminal says auto chose is what the page says
        String line = run.err().lines().filter(l -> l.startsWith("auto's choice by held-out dataset: ")).findFirst()
                .orElseThrow(() -> new AssertionError(run.err()));
        // "ds0: fm(lambdaV=2), ds1: ensemble(lambda=3, lambdaV=2, fmWeight=0.5), ...": split before each "dataset: "
        for (String pair : line.substring(line.indexOf(": ") + 2).split(", (?=[^,() ]+: )")) {
            String[] dc = pair.split(": ", 2);
            assertTrue(html.contains("<tr><td>" + dc[0] + "</td>")
                    && html.contains("<td class=\"wrap\">" + dc[1] + "</td></tr>"), pair);
        }
    }

    @Test
    void aBadReportNameIsAUsageErrorBeforeAnyTraining() throws Exception {
        CliTest r = CliTest.run("evaluate", "--history", history().toString(), "--report", dir.resolve("e.pdf").toString())
                .expectExit(2).expectErr("--report must end in .html or .htm");
        assertFalse(r.out().contains("leave-one-dataset-out on"), r.out());
    }
}
