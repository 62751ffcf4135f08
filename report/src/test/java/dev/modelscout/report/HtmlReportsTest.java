package dev.modelscout.report;

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
        assertEquals(Set.of("cost-chart", "scores-chart", "truth-chart"), specs(html).keySet());
        for (String column : List.of("rank", "model", "family", "pretrain data", "predicted accuracy", "true accuracy",
                "LogME", "regularised H-score", "GMACs", "params (M)")) {
            assertTrue(html.contains(">" + column + "</th>"), column);
        }
        assertTrue(html.contains("<table class=\"sortable\" id=\"ranking-table\">"));
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
