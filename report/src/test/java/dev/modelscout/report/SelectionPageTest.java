package dev.modelscout.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SelectionPageTest {

    @Test
    void showsEveryFineTuneWithItsIntervalTheBestSoFarAndHowManyLandedInside() {
        String html = HtmlReports.selection(new SelectionReport("pets", List.of(
                new SelectionReport.Step(1, "resnet-s", 0.80, 0.70, 0.90, 0.75),
                new SelectionReport.Step(2, "vit<b>", 0.78, 0.60, 0.70, 0.91)),
                "stopped: budget: 2 fine-tunes spent", "vit<b>"));
        assertTrue(html.contains("id=\"trajectory-chart\""), "the chart");
        assertTrue(html.contains("<td>resnet-s</td>") && html.contains("vit&lt;b&gt;"), "rows, escaped");
        assertTrue(html.contains("0.700 - 0.900"), "the interval");
        assertTrue(html.contains("1 of 2 measured accuracies inside"), "coverage of the run");
        assertTrue(html.contains("0.9100</td></tr>"), "best so far after the second");
        assertTrue(!html.contains("<b>"), "nothing unescaped");
    }
}
