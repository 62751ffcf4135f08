package dev.modelscout.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code select --report} page: the recommend report of the initial ranking with the loop's trajectory first. */
class SelectReportTest {

    static SelectionReport trajectory() {
        return new SelectionReport("pets", List.of(
                new SelectionReport.Step(1, "resnet-s", 0.80, 0.70, 0.90, 0.75),
                new SelectionReport.Step(2, "vit<b>", 0.78, 0.60, 0.70, 0.91)),
                "stopped: budget: 2 fine-tunes spent", "vit<b>");
    }

    @Test
    void showsEveryFineTuneWithItsIntervalTheBestSoFarAndHowManyLandedInside() {
        String html = HtmlReports.selection(SampleReports.recommendation(false), trajectory());
        assertTrue(html.contains("id=\"trajectory-chart\""), "the chart");
        assertTrue(html.contains("<td>resnet-s</td>") && html.contains("vit&lt;b&gt;"), "rows, escaped");
        assertTrue(html.contains("0.700 - 0.900"), "the interval");
        assertTrue(html.contains("1 of 2 measured accuracies inside"), "coverage of the run");
        assertTrue(html.contains("0.9100</td></tr>"), "best so far after the second");
        assertTrue(html.contains("Best backbone found: <strong>vit&lt;b&gt;</strong> after 2 fine-tunes."), "the callout");
        assertTrue(!html.contains("<b>"), "nothing unescaped");
    }

    @Test
    void isTheRecommendReportOfTheInitialRankingWithTheTrajectoryFirst() {
        RecommendationReport initial = SampleReports.recommendation(false);
        String html = HtmlReports.selection(initial, trajectory());
        String plain = HtmlReports.recommendation(initial);
        for (String id : List.of("id=\"ranking\"", "id=\"cost-chart\"", "id=\"scores-chart\"", "id=\"provenance\"")) {
            assertTrue(html.contains(id) && plain.contains(id), id);
        }
        assertTrue(html.indexOf("id=\"trajectory\"") < html.indexOf("id=\"ranking\""), "the trajectory first");
        assertTrue(html.contains("<a href=\"#trajectory\">Trajectory</a><a href=\"#ranking\">Initial ranking</a>"),
                "in the contents");
        assertTrue(!plain.contains("trajectory"), "recommend's own page has no trajectory");
    }
}
