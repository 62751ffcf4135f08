package dev.modelscout.recommender.guided;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelscout.recommender.LodoResiduals;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The loop on synthetic histories with a planted answer: 30 models in two groups; on the history's datasets the
 * recommender's errors on group B move together (B is sometimes much better, sometimes much worse than predicted)
 * while group A is predicted well.
 */
class GuidedSearchTest {

    private static final int MODELS = 30;

    private static List<String> models() {
        List<String> m = new ArrayList<>();
        for (int i = 0; i < MODELS; i++) {
            m.add((i < 15 ? "a" : "b") + i);
        }
        return m;
    }

    private static LodoResiduals history(long seed) {
        Random r = new Random(seed);
        List<LodoResiduals.Residual> out = new ArrayList<>();
        for (int d = 0; d < 12; d++) {
            double shiftB = (d % 2 == 0 ? 1 : -1) * 0.08;
            for (String m : models()) {
                double err = (m.startsWith("b") ? shiftB : 0) + 0.01 * r.nextGaussian();
                out.add(new LodoResiduals.Residual("d" + d, m, 0.6, 0.6 + err));
            }
        }
        return new LodoResiduals(out);
    }

    /** Prior: A ranked above B (b29 first among B); truth: every B is 0.1 better than predicted, b29 is the planted best. */
    private static Map<String, Double> truth(double[] prior) {
        Map<String, Double> t = new LinkedHashMap<>();
        List<String> m = models();
        for (int i = 0; i < MODELS; i++) {
            t.put(m.get(i), prior[i] + (m.get(i).startsWith("b") ? 0.1 : 0) + (i == 29 ? 0.03 : 0));
        }
        return t;
    }

    private static double[] prior() {
        double[] p = new double[MODELS];
        for (int i = 0; i < MODELS; i++) {
            p[i] = i < 15 ? 0.80 - 0.002 * i : 0.76 - 0.002 * (i - 15) + (i == 29 ? 0.03 : 0);
        }
        return p;
    }

    @Test
    void loopFindsThePlantedBestThatThePriorRanksLowAndDoesNotStopBefore() {
        double[] prior = prior();
        Map<String, Double> truth = truth(prior);
        GuidedSearch s = new GuidedSearch(models(), prior, ResidualField.of(history(1), 0.3, 0.005),
                GuidedSearch.Config.defaults());
        Map<String, Double> observed = new LinkedHashMap<>();
        GuidedSearch.Round round = s.round(observed);
        assertEquals("a0", round.next(1).get(0), "the first pick is the prior's best");
        while (!round.stop()) {
            String next = round.next(1).get(0);
            observed.put(next, truth.get(next));
            round = s.round(observed);
        }
        assertEquals("b29", round.bestModel(), "tried " + observed.keySet());
        int found = new ArrayList<>(observed.keySet()).indexOf("b29") + 1;
        // the prior's order tries all 15 of A before b29 (16th): the loop needs half as many
        assertTrue(found <= 8, "found " + found + "th of 30: " + observed.keySet());
    }

    @Test
    void stopRuleDoesNotStopWhileAPlantedBackboneIsClearlyBetter() {
        double[] prior = prior();
        Map<String, Double> truth = truth(prior);
        GuidedSearch s = new GuidedSearch(models(), prior, ResidualField.of(history(2), 0.3, 0.005),
                GuidedSearch.Config.defaults());
        Map<String, Double> observed = new LinkedHashMap<>();
        observed.put("a0", truth.get("a0"));
        observed.put("b15", truth.get("b15"));
        GuidedSearch.Round round = s.round(observed);
        assertFalse(round.stop(), "b15 beat a0 by 0.06: the other B models are probably better still");
        assertTrue(round.next(1).get(0).startsWith("b"), "next: " + round.next(1));
    }

    @Test
    void stopRuleStopsWhenNothingUntriedCanBeatTheBestByEps() {
        List<String> m = List.of("x", "y", "z");
        double[] prior = {0.9, 0.5, 0.4};
        List<LodoResiduals.Residual> res = new ArrayList<>();
        Random r = new Random(3);
        for (int d = 0; d < 10; d++) {
            for (String x : m) {
                res.add(new LodoResiduals.Residual("d" + d, x, 0.5, 0.5 + 0.01 * r.nextGaussian()));
            }
        }
        GuidedSearch s = new GuidedSearch(m, prior, ResidualField.of(new LodoResiduals(res), 0.3, 0.005),
                GuidedSearch.Config.defaults());
        assertFalse(s.round(Map.of()).stop(), "never before the first fine-tune");
        GuidedSearch.Round round = s.round(Map.of("x", 0.9));
        assertTrue(round.stop(), "P = " + round.stopProbability());
        assertTrue(s.round(Map.of("x", 0.9, "y", 0.5, "z", 0.4)).stop(), "every candidate tried");
    }

    @Test
    void observingTheTargetIsEasierLiftsEveryPrediction() {
        double[] prior = prior();
        GuidedSearch s = new GuidedSearch(models(), prior, ResidualField.of(history(4), 0.3, 0.005),
                GuidedSearch.Config.defaults());
        Belief before = s.belief(Map.of());
        Belief after = s.belief(Map.of("a0", prior[0] + 0.05));
        assertTrue(after.mean()[1] > before.mean()[1] + 0.02, "a1: " + before.mean()[1] + " -> " + after.mean()[1]);
        assertTrue(after.sd()[1] < before.sd()[1]);
        assertEquals(prior[0] + 0.05, after.mean()[0], 1e-12);
        assertEquals(0, after.sd()[0]);
    }

    @Test
    void expectedImprovementAndProbabilityOfBeatingMatchClosedForms() {
        assertEquals(0.3989422804, Acquisition.unbounded(0.5, 1, 0.5), 1e-6);
        // bounded at 1: minus E[max(0, y - 1)] = -0.5 Phi(-0.5) + phi(-0.5) = 0.1977966
        assertEquals(0.3989422804 - 0.1977966, Acquisition.expectedImprovement(0.5, 1, 0.5), 1e-6);
        assertEquals(0.5, Acquisition.probabilityOfBeating(0.6, 0.1, 0.5, 0.1), 1e-7);
        assertEquals(0.8413447461, Acquisition.probabilityOfBeating(0.7, 0.1, 0.5, 0.1), 1e-6);
        assertEquals(0.2, Acquisition.expectedImprovement(0.7, 0, 0.5), 1e-12);
    }

    @Test
    void anAccuracyCannotExceedOneSoNothingBeatsANearlyPerfectBest() {
        // the normal's tail above 1 is no chance of improvement: EI is that of min(y, 1), P(beat) is 0 above 1 - eps
        assertEquals(0, Acquisition.probabilityOfBeating(0.99, 0.2, 0.995, 0.01));
        assertEquals(0, Acquisition.expectedImprovement(1.2, 0.3, 1.0));
        double bounded = Acquisition.expectedImprovement(0.99, 0.2, 0.98);
        assertTrue(bounded > 0 && bounded < 0.02, "at most 1 - best: " + bounded);
        assertTrue(bounded < Acquisition.unbounded(0.99, 0.2, 0.98));
        // far below 1 the bound changes nothing
        assertEquals(Acquisition.unbounded(0.5, 0.05, 0.5), Acquisition.expectedImprovement(0.5, 0.05, 0.5), 1e-9);
        // a target whose first fine-tune scored 0.996: wide posteriors, yet nothing can beat it by 0.01
        List<String> m = List.of("x", "y", "z");
        List<LodoResiduals.Residual> res = new ArrayList<>();
        Random r = new Random(5);
        for (int d = 0; d < 10; d++) {
            for (String x : m) {
                res.add(new LodoResiduals.Residual("d" + d, x, 0.5, 0.5 + 0.2 * r.nextGaussian()));
            }
        }
        GuidedSearch s = new GuidedSearch(m, new double[] {0.9, 0.95, 0.9},
                ResidualField.of(new LodoResiduals(res), 0.3, 0.005), GuidedSearch.Config.defaults());
        GuidedSearch.Round round = s.round(Map.of("y", 0.996));
        assertTrue(round.stop(), "P = " + round.stopProbability());
        assertTrue(s.round(Map.of("y", 0.95)).stopProbability() > 0.1, "below 1 - eps the wide posteriors still count");
    }
}
