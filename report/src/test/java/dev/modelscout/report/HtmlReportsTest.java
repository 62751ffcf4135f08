package dev.modelscout.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelscout.report.RecommendationReport.Candidate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pages as text: self-contained, escaped, one valid spec per chart, the right sections; no browser needed. */
class HtmlReportsTest {

    @TempDir
    Path dir;

    static final Pattern SPEC = Pattern.compile("<script type=\"application/json\" id=\"([^\"]+)-spec\">(.*?)</script>",
            Pattern.DOTALL);

    /** Chart id -> its spec, parsed. */
    static Map<String, JsonNode> specs(String html) throws IOException {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        Matcher m = SPEC.matcher(html);
        while (m.find()) {
            out.put(m.group(1), new ObjectMapper().readTree(m.group(2)));
        }
        return out;
    }

    static List<String> pages() {
        return List.of(HtmlReports.recommendation(SampleReports.recommendation(true)),
                HtmlReports.recommendation(SampleReports.recommendation(false)),
                HtmlReports.evaluation(SampleReports.evaluation(false)), HtmlReports.evaluation(SampleReports.evaluation(true)));
    }

    @Test
    void everyPageForbidsRequestsAndLoadsNothingFromOutside() {
        for (String page : pages()) {
            String html = page;
            for (VegaRuntime.Library l : VegaRuntime.libraries()) {
                assertTrue(html.contains(l.script()), l.name() + " inlined with its licence");
                html = html.replace(l.script(), "");
            }
            assertTrue(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                    + "script-src 'unsafe-inline'; style-src 'unsafe-inline'"), "CSP forbids every request");
            assertFalse(Pattern.compile("<script[^>]*\\ssrc=", Pattern.CASE_INSENSITIVE).matcher(html).find(), "no script src");
            assertFalse(Pattern.compile("<link\\b", Pattern.CASE_INSENSITIVE).matcher(html).find(), "no linked style or font");
            assertFalse(Pattern.compile("<img\\b|@import|@font-face|url\\(", Pattern.CASE_INSENSITIVE).matcher(html).find(),
                    "no image, import, font or url() to load (outside the published libraries)");
        }
    }

    @Test
    void everyChartHasOneValidVegaLiteSpecWithItsData() throws IOException {
        for (String html : pages()) {
            Map<String, JsonNode> specs = specs(html);
            Matcher count = Pattern.compile("data-charts=\"(\\d+)\"").matcher(html);
            assertTrue(count.find());
            assertEquals(Integer.parseInt(count.group(1)), specs.size());
            for (Map.Entry<String, JsonNode> e : specs.entrySet()) {
                assertTrue(html.contains("data-chart=\"" + e.getKey() + "\""), e.getKey());
                JsonNode values = e.getValue().path("data").path("values");
                assertTrue(values.isArray() && values.size() > 0, e.getKey() + " has data rows");
                assertFalse(e.getValue().toString().contains("NaN"), e.getKey() + ": NaN is written as null");
                assertNotNull(e.getValue().get("config"), e.getKey());
            }
        }
    }

    @Test
    void aModelNameWithMarkupIsTextEverywhere() throws IOException {
        String html = HtmlReports.recommendation(SampleReports.recommendation(true));
        assertFalse(html.contains(SampleReports.TRICKY), "never raw in the page");
        assertTrue(html.contains("vit&lt;/script&gt;&lt;b&gt;&quot;&amp;&#39;"), "escaped in the table");
        assertFalse(html.contains("vit</script>"), "cannot close a script element");
        JsonNode rows = specs(html).get("scores-chart").get("data").get("values");
        boolean found = false;
        for (JsonNode row : rows) {
            found |= SampleReports.TRICKY.equals(row.path("model").asText());
        }
        assertTrue(found, "the chart data holds the real name");
    }

    @Test
    void recommendationPageHasTheRankingTheChartsAndTheProvenance() throws IOException {
        RecommendationReport data = SampleReports.recommendation(true);
        String html = HtmlReports.recommendation(data);
        assertEquals(Set.of("cost-chart", "scores-chart", "truth-chart", "rankers-chart"), specs(html).keySet());
        for (String column : List.of("rank", "model", "family", "pretrain", "predicted", "true ± SE", "LogME",
                "reg. H-score", "domain dist.", "GMACs", "params")) {
            assertTrue(html.contains(">" + column + "</th>"), column);
        }
        assertTrue(html.contains("title=\"regularised H-score\" data-type=\"number\" class=\"num\">reg. H-score</th>"),
                "the full name on hover");
        assertTrue(html.contains("<table class=\"sortable compact\" id=\"ranking-table\">"));
        assertEquals(data.top(), count(html, "<tr class=\"top\"><td class=\"num\""), "the top-k rows are marked");
        for (String fact : List.of(data.run().zoo().sha256(), data.run().recommender().historySha256(), "/data/pets",
                "120 images in 3 classes; features of 60 images (at most 20 per class)", "skipped 1 file", "cpu",
                "factorization-machine", "highest LogME", "best on average in the training history", "largest model")) {
            assertTrue(html.contains(Html.esc(fact)), fact);
        }
        String without = HtmlReports.recommendation(SampleReports.recommendation(false));
        assertEquals(Set.of("cost-chart", "scores-chart"), specs(without).keySet());
        assertFalse(without.contains("true accuracy"));
    }

    /** The cells of the table with id {@code id}: one list per body row, the cells' text unescaped. */
    static List<List<String>> tableRows(String html, String id) {
        int start = html.indexOf("id=\"" + id + "\"");
        assertTrue(start >= 0, id);
        String table = html.substring(start, html.indexOf("</table>", start));
        String body = table.substring(table.indexOf("<tbody>"));
        List<List<String>> rows = new ArrayList<>();
        Matcher tr = Pattern.compile("<tr[^>]*>(.*?)</tr>", Pattern.DOTALL).matcher(body);
        while (tr.find()) {
            List<String> cells = new ArrayList<>();
            Matcher td = Pattern.compile("<td[^>]*>(.*?)</td>", Pattern.DOTALL).matcher(tr.group(1));
            while (td.find()) {
                cells.add(td.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                        .replace("&#39;", "'").replace("&amp;", "&"));
            }
            rows.add(cells);
        }
        return rows;
    }

    @Test
    void truthSectionTablesTheRecommenderBesideEachScoreOnItsOwn() throws IOException {
        RecommendationReport data = SampleReports.recommendation(true);
        String html = HtmlReports.recommendation(data);
        List<List<String>> rows = tableRows(html, "rankers-table");
        assertEquals(data.truth().rankers().size(), rows.size(), "the recommender and one row per score");
        for (int i = 0; i < rows.size(); i++) {
            RecommendationReport.Ranker x = data.truth().rankers().get(i);
            assertEquals(List.of(x.recommender() ? "the recommender" : Names.score(x.name()), Integer.toString(x.n()),
                    Html.fixed(x.kendall(), 3), Html.fixed(x.kendallLow(), 2) + " to " + Html.fixed(x.kendallHigh(), 2),
                    x.pick(), Html.fixed(x.pickAccuracy(), 4), Html.fixed(x.regret(), 4)), rows.get(i));
        }
        assertTrue(html.contains("<tr class=\"top\"><td>the recommender</td>"), "the recommender's row is marked");
        // the chart: a Kendall and a regret bar per ranker, the Kendall interval where known
        JsonNode values = specs(html).get("rankers-chart").get("data").get("values");
        assertEquals(2 * data.truth().rankers().size(), values.size());
        for (JsonNode v : values) {
            assertTrue(v.get("metric").asText().startsWith("Kendall") == v.get("low").isNumber(), v.toString());
        }
        assertTrue(html.contains("The true accuracies are themselves measured with noise (each true accuracy drawn "
                + "from a normal with its standard error, 2000 draws): rank 1 is the truly best."));
        assertTrue(html.contains("95% interval over the truth's noise 0.43 to 0.81"), "the recommender's interval in the callout");
    }

    @Test
    void theTrueAccuracyCarriesItsStandardErrorInTheTableAndTheChart() throws IOException {
        RecommendationReport data = SampleReports.recommendation(true);
        String html = HtmlReports.recommendation(data);
        List<List<String>> rows = tableRows(html, "ranking-table");
        Candidate first = data.candidates().get(0);
        assertTrue(rows.get(0).contains(Html.fixed(first.trueAccuracy(), 3) + " ± " + Html.fixed(first.trueSe(), 3)),
                rows.get(0).toString());
        JsonNode truth = specs(html).get("truth-chart");
        for (JsonNode v : truth.get("data").get("values")) {
            assertEquals(v.get("truth").asDouble() - v.get("se").asDouble(), v.get("truth_low").asDouble(), 1e-12);
        }
        JsonNode domain = truth.get("encoding").get("x").get("scale").get("domain");
        assertTrue(domain.get(0).asDouble() >= 0 && domain.get(1).asDouble() <= 1, "accuracy axes within [0, 1]: " + domain);
    }

    @Test
    void accuracyAxesHugTheDataAndNeverLeaveTheUnitInterval() {
        double[] d = Labels.accuracyRange(0.2, 0.99);
        assertEquals(1.0, d[1], 0.0, "not 1.1");
        assertTrue(d[0] < 0.2 && d[0] > 0.1, Double.toString(d[0]));
        d = Labels.accuracyRange(0.001, 0.5);
        assertEquals(0.0, d[0], 0.0);
        assertTrue(d[1] > 0.5 && d[1] < 0.55);
        d = Labels.accuracyRange(0.3, 0.3);
        assertTrue(d[0] < 0.3 && d[1] > 0.3, "one value still has a range");
    }

    @Test
    void scoresSectionRanksBackbonesByEachScoreAndNeverPlotsAScoreAgainstThePrediction() throws IOException {
        for (boolean truth : new boolean[] {false, true}) {
            RecommendationReport data = SampleReports.recommendation(truth);
            JsonNode spec = specs(HtmlReports.recommendation(data)).get("scores-chart");
            assertFalse(spec.toString().contains("\"field\":\"predicted\""), "no axis of predicted accuracy");
            Set<String> columns = new java.util.LinkedHashSet<>();
            for (JsonNode v : spec.get("data").get("values")) {
                columns.add(v.get("column").asText());
            }
            List<String> expected = new ArrayList<>(List.of("LogME", "regularised H-score", ScoresChart.RECOMMENDER));
            if (truth) {
                expected.add(ScoresChart.TRUTH);
            }
            assertEquals(expected, new ArrayList<>(columns));
        }
        List<Candidate> cs = List.of(candidate(1, "a", 0.9, 1, 1), candidate(2, "b", 0.8, 2, 1),
                candidate(3, "c", 0.7, Double.NaN, 1), candidate(4, "d", 0.6, 2, 1));
        double[] r = ScoresChart.ranks(cs, Candidate::gmacs);
        assertArrayEquals(new double[] {3, 1, Double.NaN, 1}, r, 0.0, "highest first, ties share a rank, NaN stays out");
    }

    @Test
    void settingsAreFoldedUnderOneLine() {
        RecommendationReport data = SampleReports.recommendation(false);
        String html = HtmlReports.recommendation(data);
        int n = data.run().recommender().settings().size();
        assertTrue(html.contains("<dt>settings</dt><dd><details class=\"fold\"><summary>" + n
                + " settings of the factorization-machine (show)</summary>factors = 8\nlambdaW = 1.0\n"), "folded");
        assertFalse(html.contains("id=\"run-notes\""), "one note of the run is not folded");
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < ProvenanceSection.FOLD_NOTES_ABOVE + 1; i++) {
            notes.add("model m" + i + ": features cached, up to date");
        }
        RecommendationReport.Run r = data.run();
        RecommendationReport many = new RecommendationReport(data.dataset(), data.candidates(), data.scores(), data.top(),
                null, new RecommendationReport.Run(r.version(), r.createdAt(), r.zoo(), r.images(), r.recommender(),
                        r.device(), r.timings(), notes));
        assertTrue(HtmlReports.recommendation(many).contains("<details class=\"fold\" id=\"run-notes\"><summary>"
                + notes.size() + " notes (show)</summary>"), "many notes of the run are folded");
    }

    @Test
    void domainDistanceIsAColumnOnlyWhenTheRunHasIt() {
        String with = HtmlReports.recommendation(SampleReports.recommendation(false));
        List<List<String>> rows = tableRows(with, "ranking-table");
        RecommendationReport data = SampleReports.recommendation(false);
        int col = 4 + 1 + data.scores().size(); // rank, model, family, pretrain, predicted, then the scores
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(Html.significant(data.candidates().get(i).domainDistance(), 3), rows.get(i).get(col));
        }
        RecommendationReport none = new RecommendationReport("d", List.of(candidate(1, "a", 0.9, 1, 1)), List.of(), 1,
                null, data.run());
        assertFalse(HtmlReports.recommendation(none).contains("domain dist."));
    }

    @Test
    void countsAndSignedNumbersAreForPeople() {
        assertEquals("77.4K", Html.count(77_400));
        assertEquals("11.7M", Html.count(11.69e6));
        assertEquals("1.00M", Html.count(999_600));
        assertEquals("950", Html.count(950));
        assertEquals("0.000", Html.signed(-0.0001, 3), "never -0.000");
        assertEquals("−0.034", Html.signed(-0.034, 3));
        assertEquals("+0.120", Html.signed(0.12, 3));
    }

    @Test
    void placedLabelsNeverOverlapEachOtherOrLeaveThePlot() {
        Random rnd = new Random(11);
        for (int trial = 0; trial < 100; trial++) {
            List<Candidate> cs = new ArrayList<>();
            int n = 2 + rnd.nextInt(30);
            for (int i = 0; i < n; i++) {
                cs.add(candidate(i + 1, "model-" + "x".repeat(rnd.nextInt(12)) + i, 0.5 + 0.4 * rnd.nextDouble(),
                        Math.exp(rnd.nextGaussian() * 2), 1));
            }
            CostChart.Cost cost = CostChart.costOf(cs);
            Labels.Axes axes = CostChart.axes(cs, cost);
            Map<String, double[]> placed = CostChart.placeLabels(cs, cs, cost, axes, CostChart.paretoFront(cs, cost));
            List<double[]> boxes = new ArrayList<>();
            for (Candidate c : cs) {
                double[] at = placed.get(c.model());
                if (at == null) {
                    continue;
                }
                double w = Labels.CHAR_WIDTH * c.model().length();
                double cx = axes.px(at[0]);
                double cy = axes.py(at[1]);
                double[] box = {cx - w / 2, cy - Labels.LABEL_HEIGHT / 2, cx + w / 2, cy + Labels.LABEL_HEIGHT / 2};
                assertTrue(box[0] >= -1e-6 && box[2] <= CostChart.WIDTH + 1e-6 && box[1] >= -1e-6
                        && box[3] <= CostChart.HEIGHT + 1e-6, "inside the plot");
                for (double[] b : boxes) {
                    assertFalse(Labels.overlaps(b, shrink(box)), "labels overlap in trial " + trial);
                }
                for (Candidate o : cs) {
                    double px = axes.px(o.gmacs());
                    double py = axes.py(o.predicted());
                    double r = Labels.POINT_RADIUS - 1e-6;
                    assertFalse(Labels.overlaps(new double[] {px - r, py - r, px + r, py + r}, box),
                            "a label over a point in trial " + trial);
                }
                boxes.add(box);
            }
            if (n <= 8) {
                assertTrue(placed.size() >= n / 2, "most of a small zoo is labelled: " + placed.size() + " of " + n);
            }
        }
    }

    /** A box a hair smaller (rounding through the log axis must not read as an overlap of touching boxes). */
    private static double[] shrink(double[] b) {
        return new double[] {b[0] + 1e-6, b[1] + 1e-6, b[2] - 1e-6, b[3] - 1e-6};
    }

    @Test
    void evaluationPageTablesEachDatasetThePairedDifferenceAndAutosChoices() {
        EvaluationReport data = SampleReports.evaluation(false);
        String html = HtmlReports.evaluation(data);
        List<List<String>> rows = tableRows(html, "per-dataset-table");
        assertEquals(5, rows.size(), "one row per test dataset");
        List<String> cifar = rows.get(0);
        assertEquals(List.of("cifar100", "12", "0.500", "0.300", "0.050", "0.400", "0.200", "0.060", "+0.100", "−0.010",
                "fm"), cifar);
        assertEquals("<svhn>", rows.get(4).get(0));
        assertEquals("popularity", rows.get(4).get(rows.get(4).size() - 1), "auto's choice for that held-out dataset");
        assertEquals("–", rows.get(2).get(6), "a metric the baseline lacks");
        List<List<String>> diff = tableRows(html, "difference-table");
        assertEquals(List.of("kendall (higher is better)", "4", "+0.220", "+0.080 to +0.370", "the recommender is better"),
                diff.get(0));
        assertEquals("no clear difference (the interval holds 0)", diff.get(1).get(4));
        assertTrue(html.contains("fm × 3, lr × 1, popularity × 1"), "auto's choices counted");
        assertTrue(html.contains("No learning curve: it is computed only with --protocol learning-curve (this run: "
                + "leave-one-dataset-out)."));
        assertFalse(HtmlReports.evaluation(SampleReports.evaluation(true)).contains("No learning curve"));
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void paretoFrontIsExactlyTheBackbonesNothingCheaperBeats() {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            List<Candidate> cs = new ArrayList<>();
            int n = 1 + rnd.nextInt(12);
            for (int i = 0; i < n; i++) {
                // coarse values so that ties in cost and in prediction happen
                cs.add(candidate(i + 1, "m" + i, (1 + rnd.nextInt(5)) / 10.0, (1 + rnd.nextInt(6)) * 0.5, 1));
            }
            CostChart.Cost cost = CostChart.costOf(cs);
            Set<String> front = CostChart.paretoFront(cs, cost);
            assertFalse(front.isEmpty());
            for (Candidate a : cs) {
                boolean dominated = cs.stream().anyMatch(b -> b.gmacs() <= a.gmacs() && b.predicted() >= a.predicted()
                        && (b.gmacs() < a.gmacs() || b.predicted() > a.predicted()));
                assertEquals(!dominated, front.contains(a.model()), a + " in " + cs);
            }
        }
    }

    static Candidate candidate(int rank, String model, double predicted, double gmacs, double params) {
        return new Candidate(rank, model, "cnn", "imagenet", predicted, Map.of(), gmacs, params, Double.NaN);
    }

    @Test
    void costIsGmacsUnlessFewerThanHalfTheBackbonesHaveThemAndMoreHaveAParameterCount() {
        List<Candidate> half = List.of(candidate(1, "a", 0.9, 1, 10), candidate(2, "b", 0.8, Double.NaN, 5));
        assertEquals("gmacs", CostChart.costOf(half).field());
        List<Candidate> few = List.of(candidate(1, "a", 0.9, 1, 10), candidate(2, "b", 0.8, Double.NaN, 5),
                candidate(3, "c", 0.7, Double.NaN, 1));
        assertEquals("params_m", CostChart.costOf(few).field());
        List<Candidate> none = List.of(candidate(1, "a", 0.9, Double.NaN, 10), candidate(2, "b", 0.8, Double.NaN, 5));
        assertEquals("params_m", CostChart.costOf(none).field());
        List<Candidate> all = List.of(candidate(1, "a", 0.9, 1, 10), candidate(2, "b", 0.8, 2, Double.NaN));
        assertEquals("gmacs", CostChart.costOf(all).field());
        assertNull(CostChart.costOf(List.of(candidate(1, "a", 0.9, Double.NaN, Double.NaN))));
    }

    @Test
    void aBackboneWithoutCostIsListedUnderTheChart() {
        String html = HtmlReports.recommendation(SampleReports.recommendation(false));
        assertTrue(html.contains("Not drawn (no GMACs or no prediction): " + Html.esc(SampleReports.TRICKY)));
    }

    @Test
    void evaluationPageShowsTheCurveOnlyForTheLearningCurveProtocol() throws IOException {
        assertEquals(Set.of("per-dataset-chart", "coverage-chart"),
                specs(HtmlReports.evaluation(SampleReports.evaluation(false))).keySet());
        String lc = HtmlReports.evaluation(SampleReports.evaluation(true));
        assertEquals(Set.of("per-dataset-chart", "curve-chart", "coverage-chart"), specs(lc).keySet());
        assertTrue(lc.contains("53 of 70 (dataset, model) pairs have a fine-tuning job (76 %)"));
        assertTrue(lc.contains("popularity (baseline)"));
    }

    @Test
    void writeReplacesTheFileWholeAndNamesItWhenItCannot() throws IOException {
        Path file = dir.resolve("r.html");
        HtmlReports.write(file, "<p>one</p>");
        HtmlReports.write(file, "<p>two</p>");
        assertEquals("<p>two</p>", Files.readString(file));
        Path folder = Files.createDirectories(dir.resolve("folder.html"));
        ReportException e = assertThrows(ReportException.class, () -> HtmlReports.write(folder, "x"));
        assertTrue(e.getMessage().startsWith(folder + ": cannot write the report"), e.getMessage());
    }

    @Test
    void jsonInAScriptElementCannotEndIt() {
        com.fasterxml.jackson.databind.node.ObjectNode o = new ObjectMapper().createObjectNode();
        o.put("name", "</script><!-- & \u2028");
        String s = Page.scriptSafeJson(o);
        assertFalse(s.contains("<") || s.contains(">") || s.contains("&") || s.contains("\u2028"), s);
        assertEquals("</script><!-- & \u2028", Specs.parse(s).get("name").asText(), "the same string once parsed");
    }
}
