package dev.modelscout.workflow.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelscout.report.EvaluationReport.DatasetMetrics;
import dev.modelscout.report.EvaluationReport.PairedDifference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The recommender minus the baseline, paired by test dataset, with its bootstrap interval. */
class PairedDifferencesTest {

    static PairedDifference kendall(List<DatasetMetrics> rows) {
        return PairedDifferences.of("kendall", rows, DatasetMetrics::kendall, DatasetMetrics::recommender,
                DatasetMetrics::dataset, "fm", "popularity");
    }

    @Test
    void splitsOfADatasetAreAveragedBeforePairingAndUnpairedDatasetsLeftOut() {
        List<DatasetMetrics> rows = List.of(
                new DatasetMetrics("fm", "a", 0, 5, 0, 0.5, 0), new DatasetMetrics("fm", "a", 1, 5, 0, 0.7, 0),
                new DatasetMetrics("popularity", "a", 0, 5, 0, 0.2, 0), new DatasetMetrics("popularity", "a", 1, 5, 0, 0.2, 0),
                new DatasetMetrics("fm", "b", null, 5, 0, 0.4, 0), new DatasetMetrics("popularity", "b", null, 5, 0, 0.3, 0),
                new DatasetMetrics("fm", "c", null, 5, 0, 0.9, 0), new DatasetMetrics("popularity", "c", null, 5, 0, Double.NaN, 0));
        PairedDifference d = kendall(rows);
        assertEquals(2, d.datasets(), "c has no baseline value");
        assertEquals(((0.6 - 0.2) + (0.4 - 0.3)) / 2, d.mean(), 1e-12);
        assertTrue(d.low() >= 0.1 - 1e-12 && d.high() <= 0.4 + 1e-12, "within the differences' range: " + d);
    }

    @Test
    void oneDatasetHasNoInterval() {
        PairedDifference d = kendall(List.of(new DatasetMetrics("fm", "a", null, 5, 0, 0.5, 0),
                new DatasetMetrics("popularity", "a", null, 5, 0, 0.2, 0)));
        assertEquals(1, d.datasets());
        assertTrue(Double.isNaN(d.low()) && Double.isNaN(d.high()));
    }

    @Test
    void theIntervalCoversTheTrueMeanDifferenceAsOftenAsItSays() {
        // planted: differences ~ N(0.1, 0.2) over 30 datasets; a 95% interval should cover 0.1 in about 95% of trials
        Random rnd = new Random(5);
        int covered = 0;
        int trials = 200;
        for (int t = 0; t < trials; t++) {
            double[] d = new double[30];
            for (int i = 0; i < d.length; i++) {
                d[i] = 0.1 + 0.2 * rnd.nextGaussian();
            }
            double[] ci = PairedDifferences.interval(d, 2000, t);
            covered += ci[0] <= 0.1 && 0.1 <= ci[1] ? 1 : 0;
            assertTrue(ci[0] <= ci[1] && ci[0] >= Arrays.stream(d).min().orElseThrow()
                    && ci[1] <= Arrays.stream(d).max().orElseThrow());
        }
        assertTrue(covered >= 0.88 * trials && covered <= trials, "coverage " + covered + " of " + trials);
    }

    @Test
    void theSameResultsGiveTheSameInterval() {
        List<DatasetMetrics> rows = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            rows.add(new DatasetMetrics("fm", "d" + i, null, 5, 0, 0.1 * i, 0));
            rows.add(new DatasetMetrics("popularity", "d" + i, null, 5, 0, 0.05 * i * i / 3, 0));
        }
        assertEquals(kendall(rows), kendall(rows));
    }
}
