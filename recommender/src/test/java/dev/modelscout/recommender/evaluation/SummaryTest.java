package dev.modelscout.recommender.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Means and deviations leave NaN out, metric by metric; a metric with no value stays NaN. */
class SummaryTest {

    private static Summary of(double v, double pearson) {
        return new Summary(pearson, v, v, v, v, v, v);
    }

    @Test
    void meanAndPopulationStdLeaveNaNOut() {
        List<Summary> s = List.of(of(1, Double.NaN), of(2, 0.4), of(6, Double.NaN));
        Summary mean = Summary.mean(s);
        Summary std = Summary.std(s);
        assertEquals(3.0, mean.spearman(), 1e-12);
        assertEquals(Math.sqrt((4 + 1 + 9) / 3.0), std.hitAtK(), 1e-12);
        assertEquals(0.4, mean.pearson(), 1e-12);
        assertEquals(0.0, std.pearson(), 1e-12);
    }

    @Test
    void aMetricWithoutValuesStaysNaN() {
        Summary mean = Summary.mean(List.of(of(1, Double.NaN)));
        assertTrue(Double.isNaN(mean.pearson()));
        assertTrue(Double.isNaN(Summary.mean(List.of()).regret()));
    }

    @Test
    void asMapNamesTheMetricsInReportOrder() {
        assertEquals(List.of("pearson", "spearman", "kendall", "weighted_tau", "weighted_tau_rank_none", "regret",
                "hit_at_k"), List.copyOf(of(1, 2).asMap().keySet()));
        assertEquals(2.0, of(1, 2).asMap().get("pearson"));
    }
}
