package dev.modelscout.recommender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code auto}'s prediction intervals: calibrated on leave-one-dataset-out refits of the candidate it chose (its
 * settings fixed), not on re-runs of its choice; on a history with known noise they cover new datasets near nominal.
 */
class AutoCalibrationTest {

    private static final FieldSpec DM = FieldSpec.defaults().select(FieldSpec.DEFAULT_FEATURES);

    private static final List<String> COLUMNS = List.of("dataset", "dataset_size", "num_classes", "model", "arch_family",
            "params_m", "accuracy");

    /**
     * {@code datasets} datasets named {@code prefix + d} over the same 30 models: accuracy = 0.7 + a dataset offset
     * (sd 0.01) + a model effect (sd 0.06, fixed by the model seed 7) + noise (sd {@code noise}).
     */
    static TrainingHistory knownNoise(long seed, String prefix, int datasets, double noise) {
        Random models = new Random(7);
        int n = 30;
        String[] families = {"resnet", "vit", "convnext", "mobilenet", "deit"};
        double[] effect = new double[n];
        double[] params = new double[n];
        for (int m = 0; m < n; m++) {
            effect[m] = 0.06 * models.nextGaussian();
            params[m] = Math.exp(1 + 4 * models.nextDouble());
        }
        Random r = new Random(seed);
        List<Job> jobs = new ArrayList<>();
        for (int d = 0; d < datasets; d++) {
            double offset = 0.01 * r.nextGaussian();
            long size = Math.round(Math.exp(7 + 4 * r.nextDouble()));
            for (int m = 0; m < n; m++) {
                double acc = Math.max(0, Math.min(1, 0.7 + offset + effect[m] + noise * r.nextGaussian()));
                Map<String, String> c = new LinkedHashMap<>();
                c.put("dataset", prefix + d);
                c.put("dataset_size", Long.toString(size));
                c.put("num_classes", Integer.toString(10 + 7 * d));
                c.put("model", "model" + m);
                c.put("arch_family", families[m % families.length]);
                c.put("params_m", String.format(Locale.ROOT, "%.3f", params[m]));
                c.put("accuracy", Double.toString(acc));
                jobs.add(new Job(prefix, jobs.size() + 2, prefix + d, "model" + m, acc, c));
            }
        }
        return TrainingHistory.of(prefix, COLUMNS, jobs);
    }

    @Test
    void calibrationRefitsTheChosenCandidateWithItsSettingsFixed(@TempDir Path dir) throws Exception {
        TrainingHistory h = Synthetic.plantedSignal(3);
        List<Trainer> built = Collections.synchronizedList(new ArrayList<>());
        List<String> fitsOf = Collections.synchronizedList(new ArrayList<>());
        UnaryOperator<Trainer> spy = t -> {
            Trainer s = new Trainer() {
                @Override
                public Recommender train(TrainingHistory history, FieldSpec features) {
                    fitsOf.add(t.name() + " on " + history.datasets().size());
                    return t.train(history, features);
                }

                @Override
                public String name() {
                    return t.name();
                }
            };
            built.add(s);
            return s;
        };
        AutoRecommender auto = new AutoRecommender(AutoRecommender.Config.defaults(), spy);
        AutoRecommender.Model m = assertInstanceOf(AutoRecommender.Model.class, auto.train(h, DM));
        assertFalse(m.choice().equals(Popularity.NAME), "a planted signal: auto learns, " + m.choice());
        int trainersBefore = built.size();
        fitsOf.clear();

        List<Recommender> refits = Collections.synchronizedList(new ArrayList<>());
        LodoResiduals res = LodoResiduals.of(h, x -> {
            Recommender r = auto.refit(m, DM).apply(x);
            refits.add(r);
            return r;
        });
        // one fit per held-out dataset, each of the chosen candidate alone: no inner cross-validation, no new trainer
        assertEquals(h.datasets().size(), fitsOf.size(), fitsOf.toString());
        assertEquals(trainersBefore, built.size(), "the refits reuse the chosen candidate's trainer");
        assertTrue(fitsOf.stream().allMatch(f -> f.equals(m.chosen().provenance().trainer() + " on "
                + (h.datasets().size() - 1))), fitsOf.toString());
        for (Recommender r : refits) {
            assertEquals(m.chosen().getClass(), r.getClass());
            Map<String, String> chosen = new LinkedHashMap<>(m.chosen().provenance().settings());
            Map<String, String> refit = new LinkedHashMap<>(r.provenance().settings());
            chosen.remove("sweepsRun"); // what a fit ran, not a setting
            refit.remove("sweepsRun");
            assertEquals(chosen, refit);
            assertEquals(m.chosen().provenance().features(), r.provenance().features());
        }
        assertEquals(h.size(), res.residuals().size());
        assertEquals(res, LodoResiduals.of(h, auto, DM, m), "LodoResiduals.of(history, trainer, features, fitted) refits so");

        // The chosen fit is not saved: the file is as before, and a model read back re-runs the whole of auto.
        Path file = dir.resolve("auto.json");
        Recommenders.save(m, file);
        assertFalse(Files.readString(file).contains("refit"), "the model JSON has no new key");
        AutoRecommender.Model back = assertInstanceOf(AutoRecommender.Model.class, Recommenders.load(file));
        assertNull(back.refit());
        assertEquals(m.choice(), back.choice());
        fitsOf.clear();
        auto.refit(back, DM).apply(h.filter(j -> !j.dataset().equals("ds0")));
        assertTrue(fitsOf.size() > 1, "a loaded model's refit is a whole auto fit: " + fitsOf.size() + " fits");
    }

    @Test
    void autosIntervalsCoverNewDatasetsNearNominalOnAHistoryWithKnownNoise() {
        TrainingHistory h = knownNoise(1, "train", 12, 0.04);
        TrainingHistory fresh = knownNoise(2, "new", 40, 0.04);
        Trainer auto = Recommenders.trainer("auto");
        Recommender m = auto.train(h, DM);
        Calibration cal = Calibration.of(LodoResiduals.of(h, auto, DM, m));
        double[] p = m.predict(fresh.jobs());
        for (double level : Calibration.LEVELS) {
            int covered = 0;
            for (int i = 0; i < p.length; i++) {
                covered += cal.interval(p[i], level, false).covers(fresh.jobs().get(i).accuracy()) ? 1 : 0;
            }
            double coverage = covered / (double) p.length;
            assertEquals(level, coverage, 0.05, "coverage of auto's " + level + " interval (" + m.provenance().trainer()
                    + ", half-width " + cal.band(level).halfWidth() + ")");
        }
    }
}
