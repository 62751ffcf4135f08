package dev.modelscout.recommender.guided;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelscout.recommender.Job;
import dev.modelscout.recommender.LodoResiduals;
import dev.modelscout.recommender.TrainingHistory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * The loop's prior chosen by leave-one-dataset-out evidence, on synthetic histories with a planted answer: where
 * the backbones' order is the same on every dataset (popularity knows it) and the recommender's is wrong, the loop
 * must take popularity's prior and try the planted best first; where the order changes with the dataset and the
 * recommender knows it, the recommender's.
 */
class PriorChoiceTest {

    private static final int MODELS = 10;
    private static final int DATASETS = 8;

    /** Jobs of {@code datasets} (ds0..) for every model, accuracy from {@code truth(d, m)}. */
    private static List<Job> jobs(int from, int to, BiFunction<Integer, Integer, Double> truth) {
        List<Job> out = new ArrayList<>();
        int line = 2;
        for (int d = from; d < to; d++) {
            for (int m = 0; m < MODELS; m++) {
                double acc = truth.apply(d, m);
                Map<String, String> c = new LinkedHashMap<>();
                c.put("dataset", "ds" + d);
                c.put("model", "m" + m);
                c.put("arch_family", "f" + (m % 2));
                c.put("accuracy", Double.toString(acc));
                out.add(new Job("synthetic", line++, "ds" + d, "m" + m, acc, c));
            }
        }
        return out;
    }

    private static TrainingHistory history(BiFunction<Integer, Integer, Double> truth) {
        return TrainingHistory.of("synthetic", List.of("dataset", "model", "arch_family", "accuracy"),
                jobs(0, DATASETS, truth));
    }

    /** Residuals of a recommender whose leave-one-dataset-out prediction of (d, m) is {@code predicted(d, m)}. */
    private static LodoResiduals residuals(TrainingHistory h, BiFunction<Integer, Integer, Double> predicted) {
        List<LodoResiduals.Residual> out = new ArrayList<>();
        for (String d : h.byDataset().keySet()) {
            for (Job j : h.byDataset().get(d)) {
                int di = Integer.parseInt(d.substring(2));
                int mi = Integer.parseInt(j.model().substring(1));
                out.add(new LodoResiduals.Residual(d, j.model(), predicted.apply(di, mi), j.accuracy()));
            }
        }
        return new LodoResiduals(out);
    }

    @Test
    void whenPopularityKnowsTheOrderAndTheRecommenderDoesNotTheLoopStartsFromPopularity() {
        Random r = new Random(1);
        double[] base = new double[DATASETS + 1];
        for (int d = 0; d < base.length; d++) {
            base[d] = 0.5 + 0.3 * r.nextDouble();
        }
        // m9 is the best everywhere, by 0.02 per rank; the recommender ranks them the other way round
        BiFunction<Integer, Integer, Double> truth = (d, m) -> base[d] + 0.02 * m;
        BiFunction<Integer, Integer, Double> wrong = (d, m) -> 0.65 + 0.02 * (MODELS - 1 - m);
        TrainingHistory h = history(truth);
        List<Job> target = jobs(DATASETS, DATASETS + 1, truth);
        double[] predicted = target.stream().mapToDouble(j -> wrong.apply(DATASETS,
                Integer.parseInt(j.model().substring(1)))).toArray();
        PriorChoice c = PriorChoice.of(h, target, predicted, residuals(h, wrong), GuidedSearch.Config.defaults());
        assertEquals(0, c.weight(), "evidence " + java.util.Arrays.toString(c.regret()));
        assertTrue(c.regret()[2] < c.regret()[0]);
        GuidedSearch s = GuidedSearch.of(h, target, predicted, residuals(h, wrong), GuidedSearch.Config.defaults());
        assertEquals("m9", s.round(Map.of()).next(1).get(0), "the planted best first");
        assertEquals(0, s.recommenderWeight());
        // popularity's order is right on every replayed dataset: the regret at stop is 0 at every level, so the boldest
        assertEquals(0.5, c.stopLevel(), "regret at stop per level " + java.util.Arrays.toString(c.stopRegret()));
        assertEquals(0.5, s.config().stopLevel());
        assertStopLevelIsTheBoldestWithinHalfEps(c);
    }

    private static void assertStopLevelIsTheBoldestWithinHalfEps(PriorChoice c) {
        double eps = GuidedSearch.Config.defaults().eps();
        for (int l = 0; l < PriorChoice.STOP_LEVELS.length; l++) {
            double level = PriorChoice.STOP_LEVELS[l];
            if (level == c.stopLevel()) {
                assertTrue(c.stopRegret()[l] <= eps / 2 || l == 0, java.util.Arrays.toString(c.stopRegret()));
            } else if (level > c.stopLevel()) {
                assertTrue(c.stopRegret()[l] > eps / 2, java.util.Arrays.toString(c.stopRegret()));
            }
        }
    }

    @Test
    void aStopTestTooBoldForTheHistoryIsNotChosen() {
        // on every dataset one backbone (a different one each time) is 0.1 better than the rest, which lie within
        // 0.004 of each other: after a first fine-tune the field sees little spread, and a bold test stops before the
        // outlier is found
        Random r = new Random(3);
        Map<String, Double> noise = new LinkedHashMap<>();
        BiFunction<Integer, Integer, Double> truth = (d, m) -> 0.6 + (m == (3 * d + 1) % MODELS ? 0.1 : 0)
                + noise.computeIfAbsent(d + "/" + m, k -> 0.002 * r.nextGaussian());
        BiFunction<Integer, Integer, Double> flat = (d, m) -> 0.6;
        TrainingHistory h = history(truth);
        List<Job> target = jobs(DATASETS, DATASETS + 1, truth);
        PriorChoice c = PriorChoice.of(h, target, new double[MODELS], residuals(h, flat), GuidedSearch.Config.defaults());
        assertTrue(c.stopLevel() < 0.5, "level " + c.stopLevel() + ", regret at stop " + java.util.Arrays.toString(c.stopRegret()));
        assertTrue(c.stopRegret()[c.stopRegret().length - 1] > 0.005, java.util.Arrays.toString(c.stopRegret()));
        assertStopLevelIsTheBoldestWithinHalfEps(c);
    }

    @Test
    void whenTheOrderChangesWithTheDatasetAndTheRecommenderKnowsItTheLoopKeepsTheRecommender() {
        // odd datasets reverse the order: popularity sees every model alike; the recommender predicts within 0.002
        BiFunction<Integer, Integer, Double> truth = (d, m) -> 0.6 + 0.02 * (d % 2 == 0 ? m : MODELS - 1 - m);
        Random r = new Random(2);
        Map<String, Double> noise = new LinkedHashMap<>();
        BiFunction<Integer, Integer, Double> good = (d, m) -> truth.apply(d, m)
                + noise.computeIfAbsent(d + "/" + m, k -> 0.002 * r.nextGaussian());
        TrainingHistory h = history(truth);
        List<Job> target = jobs(DATASETS + 1, DATASETS + 2, truth); // odd: m0 is the best
        double[] predicted = target.stream().mapToDouble(j -> good.apply(DATASETS + 1,
                Integer.parseInt(j.model().substring(1)))).toArray();
        PriorChoice c = PriorChoice.of(h, target, predicted, residuals(h, good), GuidedSearch.Config.defaults());
        assertEquals(1, c.weight(), "evidence " + java.util.Arrays.toString(c.regret()));
        assertTrue(c.regret()[0] < c.regret()[2]);
        GuidedSearch s = GuidedSearch.of(h, target, predicted, residuals(h, good), GuidedSearch.Config.defaults());
        assertEquals("m0", s.round(Map.of()).next(1).get(0));
        assertStopLevelIsTheBoldestWithinHalfEps(c);
    }

    @Test
    void aCandidateTheHistoryNeverSawKeepsTheRecommenderAndTheStatedStopLevel() {
        BiFunction<Integer, Integer, Double> truth = (d, m) -> 0.5 + 0.02 * m;
        TrainingHistory h = history(truth);
        List<Job> target = new ArrayList<>(jobs(DATASETS, DATASETS + 1, truth));
        Map<String, String> c = new LinkedHashMap<>(target.get(0).cells());
        c.put("model", "new");
        target.add(new Job("synthetic", 99, "ds" + DATASETS, "new", 0.9, c));
        PriorChoice p = PriorChoice.of(h, target, new double[MODELS + 1], residuals(h, (d, m) -> 0.65 - 0.02 * m),
                GuidedSearch.Config.defaults());
        assertEquals(1, p.weight());
        assertEquals(GuidedSearch.Config.defaults().stopLevel(), p.stopLevel());
        assertTrue(Double.isNaN(p.regret()[0]) && Double.isNaN(p.stopRegret()[0]));
    }

    @Test
    void aHistoryOfTooFewDatasetsKeepsTheRecommender() {
        BiFunction<Integer, Integer, Double> truth = (d, m) -> 0.5 + 0.02 * m;
        TrainingHistory h = TrainingHistory.of("synthetic", List.of("dataset", "model", "arch_family", "accuracy"),
                jobs(0, 2, truth));
        List<Job> target = jobs(5, 6, truth);
        double[] predicted = new double[MODELS];
        PriorChoice c = PriorChoice.of(h, target, predicted, residuals(h, (d, m) -> 0.5), GuidedSearch.Config.defaults());
        assertEquals(1, c.weight());
        assertTrue(Double.isNaN(c.regret()[0]));
    }
}
