package dev.modelscout.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelscout.report.RecommendationReport.Candidate;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report pages in a real browser (headless Chromium; skipped when it is not installed, CI installs it): every
 * chart is drawn with one mark per backbone (or cell, or bar), the page makes no request at all, and the two
 * request detectors (the page's CSP listener and Chromium's net log) do catch a page that tries one.
 * Screenshots are kept in target/report-screenshots.
 */
class ReportBrowserIT {

    static Chromium chromium;
    static final Path SHOTS = Path.of("target", "report-screenshots");

    @TempDir
    Path dir;

    @BeforeAll
    static void browser() throws IOException {
        chromium = Chromium.find().orElse(null);
        Assumptions.assumeTrue(chromium != null, "chromium is not installed (src/build/setup.sh installs it)");
        Files.createDirectories(SHOTS);
    }

    private Chromium.Result open(String name, String html, String fragment, boolean screenshot) throws IOException {
        Path page = dir.resolve(name + ".html");
        Files.writeString(page, html);
        return chromium.open(page, fragment, screenshot ? SHOTS.resolve(name + ".png") : null, 1280, 2400);
    }

    static void assertDrawnWithoutRequests(Chromium.Result r, List<String> charts) {
        assertEquals("true", r.rootAttribute("data-charts-done"), "the page's script finished drawing");
        assertEquals(charts, r.charts());
        for (String id : charts) {
            assertEquals("true", r.attribute(id, "data-rendered"), () -> id + " not drawn: " + r.tag(id));
        }
        assertNull(r.rootAttribute("data-blocked-requests"), () -> "the page tried a request: " + r.rootAttribute("data-blocked-last"));
        assertNull(r.rootAttribute("data-script-errors"), () -> "script error: " + r.rootAttribute("data-script-error-last"));
        assertEquals(List.of(), r.pageRequests(), "requests the page made (Chromium's net log)");
    }

    @Test
    void recommendationPageDrawsOneMarkPerBackboneWithoutAnyRequest() throws IOException {
        RecommendationReport data = SampleReports.recommendation(true);
        Chromium.Result r = open("recommend-sample", HtmlReports.recommendation(data), null, true);
        assertDrawnWithoutRequests(r, List.of("cost-chart", "scores-chart", "truth-chart", "rankers-chart"));
        List<Candidate> c = data.candidates();
        long withCost = c.stream().filter(x -> x.gmacs() > 0).count();
        Map<String, Integer> cost = r.marks("cost-chart");
        assertEquals(withCost, r.mark("cost-chart", "backbones"), "one point per backbone with GMACs: " + cost);
        int placed = 0;
        for (var row : HtmlReportsTest.specs(HtmlReports.recommendation(data)).get("cost-chart").get("data").get("values")) {
            placed += row.get("label").asBoolean() ? 1 : 0;
        }
        assertEquals(placed, r.mark("cost-chart", "labels"), "every placed label drawn: " + cost);
        assertTrue(placed >= withCost - 1, "at most one label of this small zoo left out: " + placed);
        assertEquals(CostChart.paretoFront(c, CostChart.costOf(c)).size(), r.mark("cost-chart", "front"));
        long rankCells = data.scores().stream()
                .mapToLong(s -> c.stream().filter(x -> Double.isFinite(x.score(s))).count()).sum()
                + c.size() + c.stream().filter(x -> Double.isFinite(x.trueAccuracy())).count();
        assertEquals(rankCells, r.mark("scores-chart", "rank_cells"), "a cell per score value, rank and true accuracy");
        assertEquals(data.truth().matched(), r.mark("truth-chart", "truth_points"));
        int truthLabels = 0;
        for (var row : HtmlReportsTest.specs(HtmlReports.recommendation(data)).get("truth-chart").get("data").get("values")) {
            truthLabels += row.get("label").asBoolean() ? 1 : 0;
        }
        assertEquals(truthLabels, r.mark("truth-chart", "truth_labels"), "every placed label drawn");
        assertTrue(truthLabels >= data.truth().matched() - 2, "most of a small zoo labelled: " + truthLabels);
        assertEquals(data.truth().matched(), r.mark("truth-chart", "truth_se"), "an error bar per true accuracy with an SE");
        assertEquals(data.truth().naivePicks().size(), r.mark("truth-chart", "naive_picks"));
        // the truth section: the recommender beside each score, a Kendall and a regret bar each, Kendall's interval
        int rankers = data.truth().rankers().size();
        assertEquals(2 * rankers, r.mark("rankers-chart", "ranker_bars"));
        assertEquals(rankers, r.mark("rankers-chart", "ranker_intervals"));
        assertTrue(r.dom().contains("id=\"rankers-table\""), "the table beside the chart");
        assertTrue(r.dom().contains("<summary>"), "the settings folded");
        BufferedImage shot = ImageIO.read(r.screenshot().toFile());
        assertEquals(1280, shot.getWidth());
        assertTrue(Files.size(r.screenshot()) > 50_000, "a screenshot with something drawn in it");
    }

    @Test
    void recommendationPageWithoutTruthHasNoTruthChart() throws IOException {
        Chromium.Result r = open("recommend-sample-no-truth", HtmlReports.recommendation(SampleReports.recommendation(false)),
                null, false);
        assertDrawnWithoutRequests(r, List.of("cost-chart", "scores-chart"));
    }

    @Test
    void selectPageDrawsTheTrajectoryBesideTheInitialRankingWithoutAnyRequest() throws IOException {
        SelectionReport t = SelectReportTest.trajectory();
        Chromium.Result r = open("select-sample", HtmlReports.selection(SampleReports.recommendation(false), t), null,
                true);
        assertDrawnWithoutRequests(r, List.of("trajectory-chart", "cost-chart", "scores-chart"));
        assertEquals(t.steps().size(), r.mark("trajectory-chart", "measured"), "one point per fine-tune");
        assertEquals(t.steps().size(), r.mark("trajectory-chart", "intervals"), "one interval per fine-tune");
    }

    @Test
    void activeEvaluationPageDrawsEveryOrdersRegretPointWithoutAnyRequest() throws IOException {
        ActiveReport a = ActiveSectionTest.sample(true);
        Chromium.Result r = open("evaluate-sample-active", HtmlReports.evaluation(SampleReports.evaluation(false), a),
                null, true);
        assertDrawnWithoutRequests(r, List.of("per-dataset-chart", "active-chart", "fidelity-chart", "coverage-chart"));
        assertEquals(a.byFineTunes().size(), r.mark("active-chart", "active_points"));
        assertEquals(a.byBudget().stream().filter(x -> Double.isFinite(x.regret())).count(),
                r.mark("fidelity-chart", "fidelity_points"), "no point where nothing was fully fine-tuned");
    }

    @Test
    void evaluationPagesDrawEveryBarCurvePointAndCell() throws IOException {
        for (boolean curve : new boolean[] {false, true}) {
            EvaluationReport data = SampleReports.evaluation(curve);
            Chromium.Result r = open("evaluate-sample-" + data.protocol(), HtmlReports.evaluation(data), null, true);
            assertDrawnWithoutRequests(r, curve ? List.of("per-dataset-chart", "curve-chart", "coverage-chart")
                    : List.of("per-dataset-chart", "coverage-chart"));
            long bars = data.perDataset().stream().mapToLong(d -> EvaluationPage.METRICS.stream()
                    .filter(m -> Double.isFinite(m.ofDataset().applyAsDouble(d))).count()).sum();
            assertEquals(bars, r.mark("per-dataset-chart", "bars"), "one bar per known metric value");
            assertEquals(data.coverage().cells().size(), r.mark("coverage-chart", "cells"), "one cell per pair");
            if (curve) {
                assertEquals(data.curve().size() * EvaluationPage.METRICS.size(), r.mark("curve-chart", "curve"));
            }
        }
    }

    @Test
    void rankingTableSortsAsTheAddressAsks() throws IOException {
        RecommendationReport data = SampleReports.recommendation(false);
        Chromium.Result r = open("sorted", HtmlReports.recommendation(data), "sort=gmacs", false);
        assertEquals("gmacs", r.attribute("ranking-table", "data-sorted-by"));
        List<String> expected = new ArrayList<>(data.candidates().stream().filter(c -> Double.isFinite(c.gmacs()))
                .sorted((a, b) -> Double.compare(a.gmacs(), b.gmacs())).map(Candidate::model).toList());
        data.candidates().stream().filter(c -> !Double.isFinite(c.gmacs())).forEach(c -> expected.add(c.model()));
        assertEquals(expected, rowModels(r.dom()), "low to high, unknown last");
        r = open("sorted-desc", HtmlReports.recommendation(data), "sort=-predicted", false);
        assertEquals(data.candidates().stream().map(Candidate::model).toList(), rowModels(r.dom()));
    }

    /** The model cell (second column) of every row of the ranking table, in DOM order, unescaped. */
    static List<String> rowModels(String dom) {
        int start = dom.indexOf("id=\"ranking-table\"");
        String table = dom.substring(start, dom.indexOf("</table>", start));
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("<tr[^>]*><td[^>]*>[^<]*</td><td>([^<]*)</td>").matcher(table);
        while (m.find()) {
            out.add(m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                    .replace("&amp;", "&"));
        }
        return out;
    }

    @Test
    void bothDetectorsCatchAPageThatTriesARequest() throws IOException {
        String html = HtmlReports.recommendation(SampleReports.recommendation(false));
        String probe = "<script>fetch('https://example.invalid/probe.json').catch(function () {});</script>\n</body>";
        Chromium.Result blocked = open("probe-csp", html.replace("</body>", probe), null, false);
        assertEquals("1", blocked.rootAttribute("data-blocked-requests"), "the CSP listener counts the blocked fetch");
        assertTrue(blocked.rootAttribute("data-blocked-last").contains("connect-src"), blocked.rootAttribute("data-blocked-last"));
        // Without the CSP the request reaches Chromium's network stack (a closed loopback port) and its net log.
        String open = html.replaceFirst("<meta http-equiv=\"Content-Security-Policy\"[^>]*>", "")
                .replace("</body>", "<script>fetch('http://127.0.0.1:9/probe.json').catch(function () {});</script>\n</body>");
        Chromium.Result leaked = open("probe-net-log", open, null, false);
        assertEquals(List.of("http://127.0.0.1:9/probe.json"), leaked.pageRequests());
    }
}
