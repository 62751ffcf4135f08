package dev.modelscout.recommender.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelscout.core.InvalidOptionException;
import dev.modelscout.recommender.Evaluation;
import dev.modelscout.recommender.FieldSpec;
import dev.modelscout.recommender.Job;
import dev.modelscout.recommender.LinearRegression;
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
