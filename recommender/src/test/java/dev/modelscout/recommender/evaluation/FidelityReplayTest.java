package dev.modelscout.recommender.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The multi-fidelity strategies and their scoring on a planted case: six backbones, three epochs; the truly best
 * (m0) is only second after the first epoch (behind m1) and first from the second epoch on.
 */
class FidelityReplayTest {

    private static final List<Integer> BUDGETS = List.of(3, 6, 8, 10, 11, 18);

    private static Map<String, double[]> curve(double m1Final) {
        Map<String, double[]> c = new LinkedHashMap<>();
        c.put("m5", new double[] {0.20, 0.30, 0.50});
        c.put("m4", new double[] {0.30, 0.40, 0.60});
        c.put("m3", new double[] {0.40, 0.50, 0.70});
        c.put("m2", new double[] {0.45, 0.60, 0.80});
        c.put("m1", new double[] {0.60, 0.70, m1Final});
        c.put("m0", new double[] {0.50, 0.80, 0.90});
        return c;
    }

    private static Map<String, Double> truth() {
        return Map.of("m0", 0.90, "m1", 0.85, "m2", 0.80, "m3", 0.70, "m4", 0.60, "m5", 0.50);
    }

    private static FidelityReplay.Scorer scorer(Map<String, double[]> curve) {
        return new FidelityReplay.Scorer(curve, truth(), 0.90, 3, 0.01, BUDGETS);
    }

    @Test
    void oneEpochThenTheBestOneMissesThePlantedBestThatRanksSecondAfterOneEpoch() {
        List<FidelityReplay.Found> f = FidelityReplay.topK(curve(0.85), 1, 3);
        assertEquals(List.of(new FidelityReplay.Found("m1", 8)), f, "n + k (E - 1) = 6 + 2");
        FidelityReplay.Run r = scorer(curve(0.85)).score("top1", FidelityResult.MULTI, f);
        assertEquals(0.05, r.finalRegret(), 1e-12);
        assertEquals(0, r.pickedBest());
        assertTrue(Double.isNaN(r.costToBest()));
        assertTrue(Double.isNaN(r.regretAt()[1]), "nothing fine-tuned for every epoch within 6 backbone-epochs");
        assertEquals(0.05, r.regretAt()[2], 1e-12);
    }

    @Test
    void oneEpochThenTheBestTwoFindsItAtTheSecondFullRun() {
        List<FidelityReplay.Found> f = FidelityReplay.topK(curve(0.85), 2, 3);
        assertEquals(List.of(new FidelityReplay.Found("m1", 8), new FidelityReplay.Found("m0", 10)), f);
        FidelityReplay.Run r = scorer(curve(0.85)).score("top2", FidelityResult.MULTI, f);
        assertEquals(0, r.finalRegret(), 1e-12);
        assertEquals(10, r.costToBest());
        assertEquals(10, r.cost());
        assertEquals(0.05, r.regretAt()[2], 1e-12);
        assertEquals(0, r.regretAt()[3], 1e-12);
    }

    @Test
    void successiveHalvingKeepsTheBetterHalfAfterEachEpoch() {
        // epoch 1: 6 run, m1 m0 m2 go on; epoch 2: 3 run, m0 m1 go on; epoch 3: 2 run: 6 + 3 + 2 = 11
        List<FidelityReplay.Found> f = FidelityReplay.halving(curve(0.85), 3);
        assertEquals(List.of(new FidelityReplay.Found("m0", 10), new FidelityReplay.Found("m1", 11)), f);
        FidelityReplay.Run r = scorer(curve(0.85)).score("halving", FidelityResult.MULTI, f);
        assertEquals(11, r.cost());
        assertEquals(0, r.finalRegret(), 1e-12);
        assertEquals(1, r.pickedBest());
    }

    @Test
    void aFullOrderCostsEveryEpochOfEachBackboneAndPicksByTheSeedsValidationAccuracy() {
        // in this seed's run m1 ends above m0 (0.95 against 0.90): its pick is m1, whose mean accuracy is 0.05 lower
        List<FidelityReplay.Found> f = FidelityReplay.full(List.of("m3", "m0", "m1"), 3);
        assertEquals(List.of(new FidelityReplay.Found("m3", 3), new FidelityReplay.Found("m0", 6),
                new FidelityReplay.Found("m1", 9)), f);
        FidelityReplay.Run r = scorer(curve(0.95)).score("static", FidelityResult.FULL, f);
        assertEquals(0.20, r.regretAt()[0], 1e-12);
        assertEquals(0, r.regretAt()[1], 1e-12);
        assertEquals(0.05, r.regretAt()[3], 1e-12, "the pick moves to m1 once it is fine-tuned");
        assertEquals(6, r.costToBest(), "first the best at 6 backbone-epochs, though not at the end");
        assertEquals(0, r.pickedBest());
    }

    @Test
    void theBudgetsAreMultiplesOfAFullFineTuneAndSharesOfTheWholeZoo() {
        assertEquals(List.of(3, 5, 6, 9, 14, 15, 18, 30), FidelityReplay.budgets(3, 6));
    }

    @Test
    void theSummaryAveragesOverDatasetsAndSeedsAndGivesTheSpreadOverSeeds() {
        FidelityReplay.Run a = new FidelityReplay.Run("o", FidelityResult.MULTI, new double[] {Double.NaN, 0.1}, 8, 0.1,
                0, Double.NaN, 8);
        FidelityReplay.Run b = new FidelityReplay.Run("o", FidelityResult.MULTI, new double[] {0.2, 0.3}, 10, 0.3, 0,
                Double.NaN, Double.NaN);
        FidelityReplay.Run c = new FidelityReplay.Run("o", FidelityResult.MULTI, new double[] {0.0, 0.0}, 9, 0.0, 1, 9,
                9);
        List<FidelityResult.Order> s = FidelityReplay.summarise(List.of(a, b, c), List.of(0, 1, 1), 2);
        FidelityResult.Order o = s.get(0);
        assertTrue(Double.isNaN(o.regret().get(0)), "undefined when one run has nothing within the budget");
        assertEquals(0.4 / 3, o.regret().get(1), 1e-12);
        assertEquals(0.025, o.regretSeedStd().get(1), 1e-12, "seed means 0.1 and 0.15");
        assertEquals(9, o.cost(), 1e-12);
        assertEquals(1 / 3.0, o.pickedBest(), 1e-12);
        assertEquals(9, o.costToBest(), 1e-12);
        assertEquals(1 / 3.0, o.bestReached(), 1e-12);
        assertEquals(8.5, o.costToWithin(), 1e-12);
        assertEquals(2 / 3.0, o.withinReached(), 1e-12);
    }
}
