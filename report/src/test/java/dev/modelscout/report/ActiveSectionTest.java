package dev.modelscout.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The regret curves of {@code evaluate --protocol active --report}. */
class ActiveSectionTest {

    /** Three full orders over k = 1, 2, 3, 5, 10; with curves, two orders and a multi-fidelity one over 4 budgets. */
    static ActiveReport sample(boolean curves) {
        List<ActiveReport.Point> tunes = new ArrayList<>();
        int[] ks = {1, 2, 3, 5, 10};
        String[] orders = {"guided", "popularity", "random<x>"};
        for (int o = 0; o < orders.length; o++) {
            for (int k : ks) {
                tunes.add(new ActiveReport.Point(orders[o], "full", k, (0.1 + 0.05 * o) / k, 0.01));
            }
        }
        List<ActiveReport.Point> budget = new ArrayList<>();
        if (curves) {
            int[] b = {3, 6, 30, 60};
            for (int i = 0; i < b.length; i++) {
                budget.add(new ActiveReport.Point("guided", "full", b[i], 0.03 / (i + 1), 0.01));
                budget.add(new ActiveReport.Point("popularity", "full", b[i], 0.07 / (i + 1), 0.02));
                budget.add(new ActiveReport.Point("one_epoch_top_3", "multi_fidelity", b[i], i < 2 ? Double.NaN : 0.007,
                        0.013));
            }
        }
        return new ActiveReport(0.01, tunes, budget, curves ? 3 : 0, curves ? "history-curves.csv" : null);
    }

    @Test
    void addsTheRegretCurvesAfterThePerDatasetTableAndInTheContents() {
        String html = HtmlReports.evaluation(SampleReports.evaluation(false), sample(true));
        assertTrue(html.contains("<a href=\"#active\">The guided loop</a>"));
        assertTrue(html.contains("id=\"active-chart\"") && html.contains("id=\"fidelity-chart\""));
        assertTrue(html.indexOf("id=\"per-dataset\"") < html.indexOf("id=\"active\""));
        assertTrue(html.contains("a full fine-tune costs 3"));
        assertFalse(html.contains("random<x>"), "names escaped in the embedded spec");
    }

    @Test
    void withoutCurvesOnlyTheFineTuneChartAndWithoutActiveNothing() {
        String html = HtmlReports.evaluation(SampleReports.evaluation(false), sample(false));
        assertTrue(html.contains("id=\"active-chart\""));
        assertFalse(html.contains("id=\"fidelity-chart\""));
        assertFalse(HtmlReports.evaluation(SampleReports.evaluation(false)).contains("id=\"active\""));
    }
}
