package dev.modelscout.recommender.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelscout.core.InvalidOptionException;
import dev.modelscout.recommender.Evaluation;
import dev.modelscout.recommender.FieldSpec;
import dev.modelscout.recommender.Job;
import dev.modelscout.recommender.LearningCurves;
import dev.modelscout.recommender.LinearRegression;
import dev.modelscout.recommender.Recommenders;
import dev.modelscout.recommender.TrainingHistory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@code --protocol active} on a synthetic history with a planted answer: accuracy = dataset level + model quality
 * (which a ridge on the model one-hot learns) + noise; the loop must find each held-out dataset's best far sooner
 * than a random order.
 */
class ActiveReplayTest {

    private static TrainingHistory planted(long seed) {
        Random r = new Random(seed);
        double[] quality = new double[40];
        for (int m = 0; m < quality.length; m++) {
            quality[m] = 0.15 * r.nextDouble();
        }
        List<Job> jobs = new ArrayList<>();
        int line = 2;
        for (int d = 0; d < 8; d++) {
            double level = 0.5 + 0.3 * r.nextDouble();
            for (int m = 0; m < quality.length; m++) {
                double acc = Math.min(1, level + quality[m] + 0.01 * r.nextGaussian());
                Map<String, String> c = new LinkedHashMap<>();
                c.put("dataset", "ds" + d);
                c.put("model", "m" + m);
                c.put("arch_family", "f" + (m % 4));
                c.put("params_m", Integer.toString(1 + m));
                c.put("accuracy", Double.toString(acc));
                jobs.add(new Job("planted", line++, "ds" + d, "m" + m, acc, c));
            }
        }
        return TrainingHistory.of("planted", List.of("dataset", "model", "arch_family", "params_m", "accuracy"), jobs);
    }

    @Test
    void autosIntervalsAreCalibratedOnRefitsOfItsChosenCandidateTheLoopsFieldOnReRunsOfItsChoice() {
        TrainingHistory h = planted(2);
        FieldSpec dm = FieldSpec.defaults().select(FieldSpec.parseFeatures("d,m"));
        Options two = Options.defaults(Protocol.Kind.ACTIVE).withTestDatasets(List.of("ds0", "ds1"));
        Result lr = Evaluation.evaluate(h, new LinearRegression(LinearRegression.Config.defaults()), dm, two);
        assertEquals(2 * (1 + 7), lr.timing().fits(), "a fixed trainer: the model and 7 refits, shared");
        Result auto = Evaluation.evaluate(h, Recommenders.trainer("auto"), dm, two);
        assertEquals(2 * (1 + 7 + 7), auto.timing().fits(),
                "auto: the model, 7 re-runs of its choice (the loop's field), 7 refits of its chosen candidate (intervals)");
        ActiveResult.Coverage c = auto.active().intervals();
        assertTrue(c.coverage80() >= 0 && c.coverage80() <= 1 && c.width80() > 0, c.toString());
    }

    @Test
    void theLoopFindsThePlantedBestSoonerThanRandomOrderAndReportsEveryOrder() {
        TrainingHistory h = planted(1);
        Result r = Evaluation.evaluate(h, new LinearRegression(LinearRegression.Config.defaults()),
                FieldSpec.defaults().select(FieldSpec.parseFeatures("d,m")), Options.defaults(Protocol.Kind.ACTIVE));
        ActiveResult a = r.active();
        assertEquals(8, a.perDataset().size());
        assertEquals(8 * 8, r.timing().fits(), "D fits per held-out dataset: the model and D - 1 for its residuals");
        Map<String, ActiveResult.OrderSummary> by = new LinkedHashMap<>();
        a.orders().forEach(o -> by.put(o.order(), o));
        assertEquals(List.of("guided", "recommender", "popularity", "largest", "random"), List.copyOf(by.keySet()));
        ActiveResult.OrderSummary guided = by.get("guided");
        assertTrue(guided.fractionBest() < 0.15, "guided finds the best after " + guided.fractionBest() + " of the zoo");
        assertTrue(guided.fractionBest() < by.get("random").fractionBest() / 2, by.get("random").toString());
        assertTrue(guided.regret().get(4) <= 0.02, "regret after 10: " + guided.regret());
        assertTrue(by.get("random").regretStd().get(0) > 0, "random's spread over its repeats");
        assertTrue(a.stop().regret() <= 0.02, "regret at stop " + a.stop());
        assertTrue(a.intervals().coverage90() >= 0.6, "coverage " + a.intervals());
    }

    /**
     * Curves of the planted history's jobs but ds7's, two seeds, three epochs: the first epoch's accuracy is the
     * final one halved plus noise, so one epoch ranks the backbones only roughly.
     */
    private static LearningCurves curves(TrainingHistory h) {
        Random r = new Random(5);
        StringBuilder sb = new StringBuilder("dataset,model,seed,epoch,val_accuracy\n");
        for (Job j : h.jobs()) {
            if (j.dataset().equals("ds7")) {
                continue;
            }
            for (int seed = 0; seed < 2; seed++) {
                double end = Math.max(0, Math.min(1, j.accuracy() + 0.01 * r.nextGaussian()));
                double[] e = {0.5 * end + 0.05 * r.nextGaussian(), 0.9 * end, end};
                for (int k = 0; k < 3; k++) {
                    sb.append(j.dataset()).append(',').append(j.model()).append(',').append(seed).append(',')
                            .append(k + 1).append(',').append(Math.max(0, Math.min(1, e[k]))).append('\n');
                }
            }
        }
        return LearningCurves.parse("planted-curves.csv", sb.toString());
    }

    @Test
    void withCurvesEveryOrderIsChargedInBackboneEpochsBesideTheMultiFidelityOnes() {
        TrainingHistory h = planted(1);
        Options o = Options.defaults(Protocol.Kind.ACTIVE).withTestDatasets(List.of("ds0", "ds1", "ds2", "ds7"));
        Result r = Evaluation.evaluate(h, new LinearRegression(LinearRegression.Config.defaults()),
                FieldSpec.defaults().select(FieldSpec.parseFeatures("d,m")), o, curves(h));
        FidelityResult f = r.active().fidelity();
        assertEquals(3, f.epochs());
        assertEquals(2, f.seeds());
        assertEquals(List.of("ds0", "ds1", "ds2"), f.datasets());
        assertEquals(List.of(new FidelityResult.Skipped("ds7", "no curves of this dataset")), f.skipped());
        assertEquals(List.of(3, 6, 9, 15, 30, 60, 90, 120), f.budgets());
        Map<String, FidelityResult.Order> by = new LinkedHashMap<>();
        f.orders().forEach(x -> by.put(x.order(), x));
        assertEquals(List.of("guided", "recommender", "popularity", "largest", "random", "one_epoch_top_1",
                "one_epoch_top_2", "one_epoch_top_3", "one_epoch_top_5", "successive_halving"), List.copyOf(by.keySet()));
        assertEquals(120, by.get("guided").cost(), 1e-9, "40 backbones x 3 epochs");
        assertEquals(40 + 2 * 3, by.get("one_epoch_top_3").cost(), 1e-9);
        assertEquals(40 + 20 + 10, by.get("successive_halving").cost(), 1e-9);
        assertTrue(Double.isNaN(by.get("one_epoch_top_1").regret().get(4)), "nothing finished within 30");
        FidelityResult.Order guided = by.get("guided");
        assertTrue(guided.regret().get(4) <= 0.02, "guided after 10 fine-tunes: " + guided.regret());
        assertTrue(guided.costToWithin() < by.get("one_epoch_top_1").cost(),
                "the loop gets within eps before one epoch of every backbone is spent: " + guided);
        assertTrue(guided.regret().get(2) < by.get("random").regret().get(2), by.get("random").toString());
        assertTrue(guided.regretSeedStd().get(2) >= 0, "a spread over the two seeds: " + guided.regretSeedStd());
        assertEquals(5, r.active().orders().size(), "the orders counted in fine-tunes are unchanged");
    }

    @Test
    void refusesAHistoryOfTwoDatasetsAndOverlappingLists() {
        TrainingHistory h = planted(2);
        TrainingHistory two = h.filter(j -> j.dataset().equals("ds0") || j.dataset().equals("ds1"));
        Options o = Options.defaults(Protocol.Kind.ACTIVE);
        assertTrue(assertThrows(InvalidOptionException.class, () -> Protocol.of(o).check(two)).getMessage()
                .contains("3 or more datasets"));
        Options overlap = o.withTestDatasets(List.of("ds0")).withTrainDatasets(List.of("ds0", "ds1"));
        assertThrows(InvalidOptionException.class, () -> Protocol.of(overlap).check(h));
    }
}
