package dev.modelscout.recommender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TruthNoiseTest {

    /** Predictions ranked best first, predicted = 1 - rank / 100. */
    private static List<Prediction> ranked(String... models) {
        List<Prediction> out = new ArrayList<>();
        for (int i = 0; i < models.length; i++) {
            out.add(new Prediction("t", models[i], i + 1, 1 - i / 100.0, Double.NaN,
                    new Job("test", i + 2, "t", models[i], Double.NaN, Map.of())));
        }
        return out;
    }

    private static Map<String, Double> map(Object... kv) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], ((Number) kv[i + 1]).doubleValue());
        }
        return m;
    }

    @Test
    void firstPickOneStandardErrorBehindTheBestIsWithinNoise() {
        TruthNoise n = TruthNoise.of(ranked("a", "b", "c"), map("a", 0.80, "b", 0.82, "c", 0.5),
                map("a", 0.015, "b", 0.015, "c", 0.01), Map.of()).orElseThrow();
        assertEquals("b", n.best());
        assertEquals(0.02, n.gap(), 1e-12);
        assertEquals(Math.hypot(0.015, 0.015), n.gapSe(), 1e-12);
        assertTrue(n.top1Verdict().startsWith("rank 1 is within 1 standard error"), n.top1Verdict());
    }

    @Test
    void firstPickFarBehindTheBestIsCountedInStandardErrors() {
        TruthNoise n = TruthNoise.of(ranked("a", "b"), map("a", 0.5, "b", 0.9), map("a", 0.01, "b", 0.01), Map.of())
                .orElseThrow();
        assertEquals(0.4 / Math.hypot(0.01, 0.01), n.gapInStandardErrors(), 1e-9);
        assertTrue(n.top1Verdict().contains("standard errors below the truly best"), n.top1Verdict());
    }

    @Test
    void kendallIntervalIsAPointWhenEverySeedAgrees() {
        Map<String, double[]> seeds = Map.of("a", new double[] {0.9, 0.9, 0.9}, "b", new double[] {0.7, 0.7, 0.7},
                "c", new double[] {0.8, 0.8, 0.8});
        TruthNoise n = TruthNoise.of(ranked("a", "b", "c"), map("a", 0.9, "b", 0.7, "c", 0.8), Map.of(), seeds).orElseThrow();
        double tau = Metrics.kendall(new double[] {1, 0.99, 0.98}, new double[] {0.9, 0.7, 0.8});
        assertEquals(tau, n.kendallLow(), 1e-12);
        assertEquals(tau, n.kendallHigh(), 1e-12);
        assertEquals(0.0, n.standardErrors().get("a"), 1e-12, "standard error from identical seeds");
        assertTrue(n.basis().startsWith("bootstrap over the seeds"));
    }

    @Test
    void noisierTruthWidensTheKendallInterval() {
        List<Prediction> r = ranked("a", "b", "c", "d", "e", "f");
        Map<String, Double> truth = map("a", 0.8, "b", 0.75, "c", 0.7, "d", 0.65, "e", 0.6, "f", 0.55);
        Map<String, Double> small = new LinkedHashMap<>();
        Map<String, Double> large = new LinkedHashMap<>();
        truth.keySet().forEach(m -> {
            small.put(m, 0.005);
            large.put(m, 0.05);
        });
        TruthNoise tight = TruthNoise.of(r, truth, small, Map.of()).orElseThrow();
        TruthNoise wide = TruthNoise.of(r, truth, large, Map.of()).orElseThrow();
        assertEquals(1.0, tight.kendallHigh(), 1e-12);
        assertTrue(wide.kendallHigh() - wide.kendallLow() > tight.kendallHigh() - tight.kendallLow(),
                wide + " vs " + tight);
        assertEquals(wide, TruthNoise.of(r, truth, large, Map.of()).orElseThrow(), "seeded: the same interval again");
    }

    @Test
    void standardErrorIsTheSampleDeviationOverTheRootOfTheCount() {
        // values 0.5, 0.6, 0.7: sample sd 0.1, se 0.1 / sqrt(3)
        assertEquals(0.1 / Math.sqrt(3), TruthNoise.standardError(new double[] {0.5, 0.6, 0.7}), 1e-12);
        assertTrue(Double.isNaN(TruthNoise.standardError(new double[] {0.5})));
    }

    @Test
    void truthWithoutStandardErrorsHasNoNoise() {
        assertTrue(TruthNoise.of(ranked("a", "b"), map("a", 0.5, "b", 0.6), Map.of(), Map.of()).isEmpty());
    }

    @Test
    void largestModelTieIsValuedAtTheTiedMeanNotByTheRecommendersRank() {
        List<Prediction> r = new ArrayList<>();
        String[] models = {"small", "big-good", "big-bad"};
        double[] params = {0.1, 2.0, 2.0};
        for (int i = 0; i < 3; i++) {
            r.add(new Prediction("t", models[i], i + 1, 1 - i / 10.0, Double.NaN, new Job("test", i + 2, "t", models[i],
                    Double.NaN, Map.of(HistorySchema.PARAMS_M, Double.toString(params[i])))));
        }
        RankingQuality q = RankingQuality.of(r, map("small", 0.9, "big-good", 0.8, "big-bad", 0.4),
                java.util.Optional.empty(), List.of());
        RankingQuality.Pick largest = q.picks().stream().filter(p -> p.rule().startsWith("largest")).findFirst().orElseThrow();
        assertEquals("big-bad | big-good", largest.model());
        assertEquals(List.of("big-bad", "big-good"), largest.models());
        assertEquals(0.6, largest.accuracy(), 1e-12);
        assertEquals(0.3, largest.regret(), 1e-12);
        assertTrue(q.notes().stream().anyMatch(n -> n.contains("tie of 2 backbones")), q.notes().toString());
    }
}
