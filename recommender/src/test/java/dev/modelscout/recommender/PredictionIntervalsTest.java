package dev.modelscout.recommender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PredictionIntervalsTest {

    private static final TrainingHistory H = Synthetic.plantedSignal(7);
    private static final FieldSpec DM = FieldSpec.defaults().select(FieldSpec.parseFeatures("dataset,dataset_size,num_classes,model,arch_family,params_m"));

    private static List<Job> candidates(List<String> models) {
        List<Job> rows = new ArrayList<>();
        for (String m : models) {
            Map<String, String> c = new LinkedHashMap<>();
            c.put("dataset", "new");
            c.put("model", m);
            c.put("arch_family", "resnet");
            c.put("params_m", "10");
            c.put("dataset_size", "5000");
            c.put("num_classes", "20");
            rows.add(new Job("rows", rows.size() + 2, "new", m, Double.NaN, c));
        }
        return rows;
    }

    @Test
    void modelsTheRecommenderNeverSawGetAOneLineNoteAndWiderIntervals() {
        Trainer t = new LinearRegression(LinearRegression.Config.defaults());
        Recommender r = t.train(H, DM);
        Calibration cal = Calibration.of(LodoResiduals.of(H, t, DM, r));
        List<Prediction> known = Prediction.rank(r, candidates(List.of("model1", "model2")));
        PredictionIntervals in = PredictionIntervals.of(cal, r, known, 0.9);
        assertNull(in.note(), "known models, every column present");
        List<Job> noSize = candidates(List.of("model1")).stream().map(j -> j.withCell("dataset_size", "")).toList();
        PredictionIntervals absent = PredictionIntervals.of(cal, r, Prediction.rank(r, noSize), 0.9);
        assertEquals(List.of("dataset_size"), absent.absent());
        assertTrue(absent.of("model1").outOfDomain());
        List<Prediction> mixed = Prediction.rank(r, candidates(List.of("model1", "someone-elses-net")));
        PredictionIntervals out = PredictionIntervals.of(cal, r, mixed, 0.9);
        assertEquals(List.of("someone-elses-net"), out.unseen());
        assertTrue(out.note().startsWith("out of domain: 1 of 2 backbones"), out.note());
        assertTrue(out.of("someone-elses-net").outOfDomain());
        assertTrue(!out.of("model1").outOfDomain());
        assertTrue(out.of("someone-elses-net").width() >= out.of("model1").width());
        for (Calibration.Interval i : out.byModel().values()) {
            assertTrue(i.low() >= 0 && i.high() <= 1 && i.low() <= i.predicted() && i.predicted() <= i.high(), i.toString());
        }
    }

    @Test
    void metadataFarOutsideTheTrainingRangeIsOutOfDomain() {
        Trainer t = new LinearRegression(LinearRegression.Config.defaults());
        Recommender r = t.train(H, DM);
        Calibration cal = Calibration.of(LodoResiduals.of(H, t, DM, r));
        List<Job> rows = new ArrayList<>(candidates(List.of("model1", "model2")));
        rows.set(1, rows.get(1).withCell("params_m", "1000000")); // the history's models have 3 to 150 M
        PredictionIntervals in = PredictionIntervals.of(cal, r, Prediction.rank(r, rows), 0.9);
        assertEquals(List.of("params_m"), in.beyond());
        assertTrue(in.of("model2").outOfDomain());
        assertTrue(!in.of("model1").outOfDomain());
        assertTrue(in.note().contains("params_m lie far outside the training range"), in.note());
    }

    @Test
    void aRecommenderSavedWithoutIntervalsHasNone() {
        Recommender r = new LinearRegression(LinearRegression.Config.defaults()).train(H, DM);
        assertNull(PredictionIntervals.of(null, r, Prediction.rank(r, candidates(List.of("model1"))), 0.9));
    }
}
