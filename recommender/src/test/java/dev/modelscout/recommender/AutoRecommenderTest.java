package dev.modelscout.recommender;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelscout.recommender.evaluation.Options;
import dev.modelscout.recommender.evaluation.Protocol;
import dev.modelscout.recommender.evaluation.Result;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code auto} (AutoRecommender): what it chooses on synthetic histories with a planted signal, that it only ever
 * trains on the history it is given, that its model survives save and load, and what its provenance records.
 */
class AutoRecommenderTest {

    @TempDir
    Path dir;

    private static final FieldSpec DM = FieldSpec.defaults().select(FieldSpec.DEFAULT_FEATURES);
    private static final FieldSpec DM_LOGME = FieldSpec.defaults().select(List.of("d", "m", "score_logme"));

    private static AutoRecommender.Model auto(TrainingHistory h, FieldSpec features) {
        return assertInstanceOf(AutoRecommender.Model.class, Recommenders.trainer("auto").train(h, features));
    }

    /**
     * A complete grid (every model on every dataset) whose accuracy is a dataset base + a model effect (sd 0.06) +
     * noise (sd 0.02): only the model's identity carries signal. {@code arch_family}, {@code params_m} and the
     * dataset scalars are drawn independently of the accuracy, {@code score_logme} is pure noise on a scale that
     * differs by dataset.
     */
    static TrainingHistory syntheticModelIdentityOnly(long seed) {
        Random r = new Random(seed);
        int datasets = 8;
        int models = 30;
        String[] families = {"resnet", "vit", "convnext", "mobilenet", "deit"};
        double[] effect = new double[models];
        String[] family = new String[models];
        double[] params = new double[models];
        for (int m = 0; m < models; m++) {
            effect[m] = 0.06 * r.nextGaussian();
            family[m] = families[r.nextInt(families.length)];
            params[m] = Math.exp(1 + 4 * r.nextDouble());
        }
        List<Job> jobs = new ArrayList<>();
        for (int d = 0; d < datasets; d++) {
            double base = 0.6 + 0.2 * r.nextDouble();
            long size = Math.round(Math.exp(7 + 4 * r.nextDouble()));
            double scale = 1 + 9 * r.nextDouble();
            for (int m = 0; m < models; m++) {
                double acc = Math.max(0, Math.min(1, base + effect[m] + 0.02 * r.nextGaussian()));
                jobs.add(job(jobs.size() + 2, d, size, m, family[m], params[m], scale * r.nextGaussian(), acc));
            }
        }
        return TrainingHistory.of("synthetic-model-identity-only", COLUMNS, jobs);
    }

    /**
     * Accuracy = a dataset base + 0.08 x (a per-job quality drawn afresh for every (dataset, model) pair) + noise (sd
     * 0.01); {@code score_logme} = a dataset-specific offset and positive scale times that quality. No model is better
     * than another on average, so popularity cannot rank; the score can.
     */
    static TrainingHistory syntheticPlantedScoreSignal(long seed) {
        Random r = new Random(seed);
        int datasets = 8;
        int models = 30;
        String[] families = {"resnet", "vit", "convnext", "mobilenet", "deit"};
        List<Job> jobs = new ArrayList<>();
        for (int d = 0; d < datasets; d++) {
            double base = 0.6 + 0.2 * r.nextDouble();
            long size = Math.round(Math.exp(7 + 4 * r.nextDouble()));
            double offset = 50 * r.nextGaussian();
            double scale = 1 + 9 * r.nextDouble();
            for (int m = 0; m < models; m++) {
                double q = r.nextGaussian();
                double acc = Math.max(0, Math.min(1, base + 0.08 * q + 0.01 * r.nextGaussian()));
                jobs.add(job(jobs.size() + 2, d, size, m, families[m % families.length], 1 + m, offset + scale * q, acc));
            }
        }
        return TrainingHistory.of("synthetic-planted-score", COLUMNS, jobs);
    }

    private static final List<String> COLUMNS = List.of("dataset", "dataset_size", "num_classes", "model", "arch_family",
            "params_m", "score_logme", "accuracy");

    private static Job job(int line, int d, long size, int m, String family, double params, double score, double acc) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("dataset", "ds" + d);
        c.put("dataset_size", Long.toString(size));
        c.put("num_classes", Integer.toString(10 + 7 * d));
        c.put("model", "model" + m);
        c.put("arch_family", family);
        c.put("params_m", String.format(Locale.ROOT, "%.3f", params));
        c.put("score_logme", Double.toString(score));
        c.put("accuracy", Double.toString(acc));
        return new Job("synthetic", line, "ds" + d, "model" + m, acc, c);
    }

    @Test
    void autoKeepsPopularityOnASyntheticHistoryWhereOnlyTheModelIdentityCarriesSignal() {
        for (long seed = 1; seed <= 3; seed++) {
            AutoRecommender.Model m = auto(syntheticModelIdentityOnly(seed), DM_LOGME);
            assertEquals(Popularity.NAME, m.choice(), "seed " + seed + ": " + m.validation());
            assertEquals("auto(popularity)", m.provenance().trainer());
            assertInstanceOf(Popularity.Model.class, m.chosen());
            // no step up won by more than the validation noise; the score candidates fitted noise
            assertTrue(m.provenance().settings().get("steps").endsWith("kept popularity"), m.provenance().settings().get("steps"));
            for (AutoRecommender.InnerScore s : m.validation()) {
                if (s.candidate().contains("scores:") && !s.candidate().endsWith("scores:off")) {
                    assertTrue(s.vsBaseline() < 0.01, s.toString());
                }
            }
        }
    }

    @Test
    void autoPicksAScoreUsingRecommenderOnASyntheticHistoryWithAPlantedScoreSignal() {
        TrainingHistory h = syntheticPlantedScoreSignal(3);
        AutoRecommender.Model m = auto(h, DM_LOGME);
        assertNotEquals(Popularity.NAME, m.choice(), m.validation().toString());
        assertFalse(m.choice().endsWith("scores:off"), m.choice());
        assertTrue(m.inputColumns().contains("score_logme"), m.inputColumns().toString());
        assertEquals(List.of("logme"), m.requiredScores());
        AutoRecommender.InnerScore chosen = m.validation().stream().filter(s -> s.candidate().equals(m.choice()))
                .findFirst().orElseThrow();
        assertTrue(chosen.kendall() > m.validation().get(0).kendall() + 0.3, m.validation().toString());
        // and it generalises: leave-one-dataset-out, auto ranks far better than popularity
        Options o = Options.defaults(Protocol.Kind.LEAVE_ONE_DATASET_OUT).withTestDatasets(List.of("ds0", "ds1", "ds2"));
        double pop = Evaluation.evaluate(h, Recommenders.trainer("popularity"), DM_LOGME, o).metrics().kendall();
        double a = Evaluation.evaluate(h, Recommenders.trainer("auto"), DM_LOGME, o).metrics().kendall();
        assertTrue(a > pop + 0.3, "auto " + a + " vs popularity " + pop);
    }

    @Test
    void autoLeavesTheScoresOutWhenTheSelectionHasNone() {
        AutoRecommender.Model m = auto(syntheticPlantedScoreSignal(3), DM);
        assertEquals("none", m.provenance().settings().get("scorePool"));
        assertTrue(m.validation().stream().noneMatch(s -> s.candidate().contains("scores:")), m.validation().toString());
        assertFalse(m.inputColumns().contains("score_logme"));
    }

    @Test
    void autoNeverSeesTheHeldOutDatasetInsideEvaluate() {
        TrainingHistory h = Synthetic.plantedSignal(12);
        AtomicReference<Set<String>> outer = new AtomicReference<>();
        List<String> violations = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger innerFits = new AtomicInteger();
        AtomicInteger finalFits = new AtomicInteger();
        UnaryOperator<Trainer> spy = t -> new Trainer() {
            @Override
            public Recommender train(TrainingHistory history, FieldSpec features) {
                Set<String> seen = new HashSet<>(history.datasets());
                if (!outer.get().containsAll(seen)) {
                    violations.add(t.name() + " trained on " + seen + " outside " + outer.get());
                }
                (seen.equals(outer.get()) ? finalFits : innerFits).incrementAndGet();
                return t.train(history, features);
            }

            @Override
            public String name() {
                return t.name();
            }
        };
        AutoRecommender auto = new AutoRecommender(AutoRecommender.Config.defaults(), spy);
        List<Set<String>> outerFolds = new ArrayList<>();
        Trainer recordingOuter = new Trainer() {
            @Override
            public Recommender train(TrainingHistory history, FieldSpec features) {
                outer.set(Set.copyOf(history.datasets()));
                outerFolds.add(outer.get());
                return auto.train(history, features);
            }

            @Override
            public String name() {
                return auto.name();
            }
        };
        Result r = Evaluation.evaluate(h, recordingOuter, DM,
                Options.defaults(Protocol.Kind.LEAVE_ONE_DATASET_OUT).withTestDatasets(List.of("ds3", "ds7")));
        assertEquals(List.of(), violations);
        assertEquals(2, outerFolds.size());
        assertFalse(outerFolds.get(0).contains("ds3"));
        assertFalse(outerFolds.get(1).contains("ds7"));
        assertEquals(11, outerFolds.get(0).size());
        // per outer fold: one fixed candidate (popularity, 5 ridge lambdas, 3 FM lambdaVs) per inner fold, then the final fit
        assertEquals(2 * 9 * InnerValidation.FOLDS, innerFits.get());
        assertEquals(2, finalFits.get());
        assertEquals(2, r.perDataset().size());
    }

    @Test
    void autoPredictsTheSameAfterSaveAndLoad() {
        for (TrainingHistory h : List.of(Synthetic.plantedSignal(1), syntheticPlantedScoreSignal(4),
                syntheticModelIdentityOnly(4))) {
            AutoRecommender.Model m = auto(h, DM_LOGME.requireColumnsOf(h));
            Path file = dir.resolve(h.source() + ".json");
            Recommenders.save(m, file);
            Recommender back = Recommenders.load(file);
            AutoRecommender.Model b = assertInstanceOf(AutoRecommender.Model.class, back);
            assertEquals(m.provenance(), b.provenance());
            assertEquals(m.validation(), b.validation());
            assertEquals(m.choice(), b.choice());
            assertEquals(m.chosen().getClass(), b.chosen().getClass());
            assertArrayEquals(m.predict(h.jobs()), b.predict(h.jobs()), 0.0, h.source());
            assertArrayEquals(m.chosen().predict(h.jobs()), b.predict(h.jobs()), 0.0);
            assertEquals(m.requiredScores(), b.requiredScores());
        }
    }

    @Test
    void autoKeepsPopularityWhenNoInnerGroupCanBeScoredAndSavesTheUndefinedScores() {
        List<Job> jobs = new ArrayList<>();
        for (int d = 0; d < 2; d++) {
            for (int m = 0; m < 4; m++) {
                jobs.add(job(jobs.size() + 2, d, 1000, m, "resnet", 1 + m, m, 0.5 + 0.1 * m - 0.05 * d));
            }
        }
        TrainingHistory h = TrainingHistory.of("tiny", COLUMNS, jobs);
        AutoRecommender.Model m = auto(h, DM);
        assertEquals(Popularity.NAME, m.choice());
        assertTrue(m.provenance().settings().get("steps").contains("kept popularity"), m.provenance().settings().get("steps"));
        assertTrue(m.validation().stream().allMatch(s -> s.groups() == 0 && Double.isNaN(s.kendall())), m.validation().toString());
        Path file = dir.resolve("tiny.json");
        Recommenders.save(m, file);
        AutoRecommender.Model back = assertInstanceOf(AutoRecommender.Model.class, Recommenders.load(file));
        assertEquals(m.validation(), back.validation());
        assertArrayEquals(m.predict(h.jobs()), back.predict(h.jobs()), 0.0);
    }

    @Test
    void autoProvenanceHoldsTheChoiceAndTheInnerValidationTable() {
        TrainingHistory h = Synthetic.plantedSignal(9);
        AutoRecommender.Model m = auto(h, DM);
        Map<String, String> s = m.provenance().settings();
        assertEquals("auto(" + m.chosen().provenance().trainer() + ")", m.provenance().trainer());
        assertEquals(m.choice(), s.get("chosen"));
        assertTrue(s.get("selection").startsWith("inner dataset CV (5 folds"), s.get("selection"));
        assertTrue(s.get("selection").contains("(kendall + pearson) / 2"), s.get("selection"));
        assertTrue(s.get("steps").contains(" vs popularity: "), s.get("steps"));
        assertEquals("popularity", m.validation().get(0).candidate());
        // popularity, 5 ridge lambdas, 3 FM lambdaVs, the ensemble of the best of each
        assertEquals(10, m.validation().size());
        for (AutoRecommender.InnerScore row : m.validation()) {
            assertEquals(row.describe(), s.get("inner." + row.candidate()), row.candidate());
            assertTrue(row.groups() > 0 && !Double.isNaN(row.kendall()) && !Double.isNaN(row.pearson()), row.toString());
            assertEquals((row.kendall() + row.pearson()) / 2, row.score(), 1e-12, row.toString());
        }
        // the chosen model's own settings follow, prefixed by its trainer; same history, rows and checksum
        String prefix = m.chosen().provenance().trainer() + ".";
        m.chosen().provenance().settings().forEach((k, v) -> assertEquals(v, s.get(prefix + k), k));
        assertEquals(h.sha256(), m.provenance().historySha256());
        assertEquals(h.size(), m.provenance().rows());
        assertEquals(m.chosen().provenance().features(), m.provenance().features());
        // on this history (rankings depend on the dataset through interactions) the FM or the ensemble wins
        assertTrue(m.choice().startsWith("fm(") || m.choice().startsWith("ensemble("), m.validation().toString());
        // deterministic
        AutoRecommender.Model again = auto(h, DM);
        assertEquals(m.provenance(), again.provenance());
        assertArrayEquals(m.predict(h.jobs()), again.predict(h.jobs()), 0.0);
    }

    @Test
    void autoOverridesReachItsCandidates() {
        TrainingHistory h = Synthetic.plantedSignal(9);
        TrainerOverrides fixedLambda = new TrainerOverrides(7L, 4, 3.0, null, null, 0.25, null);
        AutoRecommender.Model m = assertInstanceOf(AutoRecommender.Model.class,
                Recommenders.trainer("auto", fixedLambda).train(h, DM));
        List<String> names = m.validation().stream().map(AutoRecommender.InnerScore::candidate).toList();
        assertEquals(List.of("popularity", "lr(lambda=3)", "fm(lambdaV=3)", "ensemble(lambda=3, lambdaV=3, fmWeight=0.25)"),
                names);
        assertEquals("7", m.provenance().settings().get("fm.seed"));
        assertEquals("4", m.provenance().settings().get("fm.factors"));
        TrainerOverrides noTune = new TrainerOverrides(null, null, null, false, null, null, null);
        AutoRecommender.Model u = assertInstanceOf(AutoRecommender.Model.class,
                Recommenders.trainer("auto", noTune).train(h, DM));
        assertEquals(List.of("popularity", "lr(lambda=1)", "fm(lambdaV=5)", "ensemble(lambda=1, lambdaV=5, fmWeight=0.5)"),
                u.validation().stream().map(AutoRecommender.InnerScore::candidate).toList());
    }

    @Test
    void autoScorePoolIsTheSelectionsFilledScoreColumns() {
        TrainingHistory h = syntheticPlantedScoreSignal(5);
        // score_parc is selected but empty in every job; score_logme is filled; its written encoding is not kept
        FieldSpec sel = FieldSpec.defaults().select(List.of("d", "m", "score_logme:rank", "score_parc"));
        AutoRecommender a = new AutoRecommender(AutoRecommender.Config.defaults());
        List<Map.Entry<AutoRecommender.ScoreUse, FieldSpec>> sets = a.featureSets(h, sel);
        assertEquals(List.of(AutoRecommender.ScoreUse.OFF, AutoRecommender.ScoreUse.RAW, AutoRecommender.ScoreUse.ZSCORE,
                AutoRecommender.ScoreUse.RANK), sets.stream().map(Map.Entry::getKey).toList());
        assertFalse(sets.get(0).getValue().labels().stream().anyMatch(l -> l.startsWith("score_")));
        assertEquals(List.of("score_logme"), sets.get(1).getValue().labels().stream().filter(l -> l.startsWith("score_")).toList());
        assertEquals(List.of("score_logme:zscore"), sets.get(2).getValue().labels().stream().filter(l -> l.startsWith("score_")).toList());
        assertEquals(List.of("score_logme:rank"), sets.get(3).getValue().labels().stream().filter(l -> l.startsWith("score_")).toList());
        assertEquals(DM.labels(), sets.get(0).getValue().labels());
    }
}
