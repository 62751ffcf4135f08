package dev.modelscout.workflow.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelscout.report.RecommendationReport.Candidate;
import dev.modelscout.report.RecommendationReport.Ranker;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each score on its own held against the truth (the report's truth section), on a planted example: "good" orders the
 * backbones as the truth does, "bad" reverses it, "tied" ties the two best-scored, and one backbone has no truth.
 */
class RankersTest {

    static final String[] MODELS = {"a", "b", "c", "d", "e"};
    static final double[] TRUTH = {0.9, 0.8, 0.7, 0.6, Double.NaN};

    static List<Candidate> candidates() {
        double[] good = {5, 4, 3, 2, 9};
        double[] bad = {1, 2, 3, 4, 0};
        double[] tied = {1, 2, 2, 0, 0};
        List<Candidate> cs = new java.util.ArrayList<>();
        for (int i = 0; i < MODELS.length; i++) {
            Map<String, Double> s = Map.of("good", good[i], "bad", bad[i], "tied", tied[i]);
            cs.add(new Candidate(i + 1, MODELS[i], "", "", 0.9 - 0.1 * i, s, 1, 1, TRUTH[i]));
        }
        return cs;
    }

    static Map<String, Double> truth() {
        Map<String, Double> t = new HashMap<>();
        for (int i = 0; i < 4; i++) {
            t.put(MODELS[i], TRUTH[i]);
        }
        return t;
    }

    @Test
    void aScoreThatOrdersAsTheTruthHasTauOneAndNoRegret() {
        Ranker r = RecommendReportData.ranker("good", false, candidates(), c -> c.score("good"), truth(), Map.of(), Map.of());
        assertEquals(4, r.n(), "the backbone without a truth is left out");
        assertEquals(1.0, r.kendall(), 1e-12);
        assertEquals("a", r.pick(), "e scores highest but has no truth, so it is not the pick held against it");
        assertEquals(0.0, r.regret(), 1e-12);
        assertTrue(Double.isNaN(r.kendallLow()), "no standard errors, no interval");
    }

    @Test
    void aReversedScoreHasTauMinusOneAndTheWorstRegret() {
        Ranker r = RecommendReportData.ranker("bad", false, candidates(), c -> c.score("bad"), truth(), Map.of(), Map.of());
        assertEquals(-1.0, r.kendall(), 1e-12);
        assertEquals("d", r.pick());
        assertEquals(0.9 - 0.6, r.regret(), 1e-12);
    }

    @Test
    void aTieForFirstIsWorthItsMeanAndNamesAll() {
        Ranker r = RecommendReportData.ranker("tied", false, candidates(), c -> c.score("tied"), truth(), Map.of(), Map.of());
        assertEquals("b | c", r.pick());
        assertEquals(0.75, r.pickAccuracy(), 1e-12);
        assertEquals(0.15, r.regret(), 1e-12);
    }

    @Test
    void withStandardErrorsTheIntervalHoldsTheTauOfATruthFarAboveItsNoise() {
        Map<String, Double> se = Map.of("a", 0.001, "b", 0.001, "c", 0.001, "d", 0.001);
        Ranker r = RecommendReportData.ranker("good", false, candidates(), c -> c.score("good"), truth(), se, Map.of());
        assertEquals(1.0, r.kendallLow(), 1e-12, "0.1 apart with SE 0.001: every drawn truth has the same order");
        assertEquals(1.0, r.kendallHigh(), 1e-12);
        Map<String, Double> wide = Map.of("a", 0.2, "b", 0.2, "c", 0.2, "d", 0.2);
        Ranker w = RecommendReportData.ranker("good", false, candidates(), c -> c.score("good"), truth(), wide, Map.of());
        assertTrue(w.kendallLow() < 0 && w.kendallHigh() == 1.0, "SE twice the gaps: the interval is wide: "
                + w.kendallLow() + " to " + w.kendallHigh());
    }
}
