package dev.modelscout.recommender;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelscout.recommender.evaluation.Options;
import dev.modelscout.recommender.evaluation.Protocol;
import dev.modelscout.recommender.evaluation.Result;
import dev.modelscout.recommender.evaluation.ResultsJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecommenderTest {

    @TempDir
    Path dir;

    private static final FieldSpec DM = FieldSpec.defaults().select(FieldSpec.DEFAULT_FEATURES);

    @Test
    void everyRecommenderPredictsTheSameAfterSaveAndLoad() {
        TrainingHistory h = Synthetic.plantedSignal(1);
        for (String name : List.of("fm", "lr", "popularity", "ensemble")) {
            Recommender r = Recommenders.trainer(name).train(h, DM);
            Path file = dir.resolve(name + ".json");
            Recommenders.save(r, file);
            Recommender back = Recommenders.load(file);
            assertEquals(r.provenance(), back.provenance());
            assertArrayEquals(r.predict(h.jobs()), back.predict(h.jobs()), 0.0, name);
            assertEquals(h.sha256(), back.provenance().historySha256());
            assertEquals(h.size(), back.provenance().rows());
        }
    }

    @Test
    void ensembleIsTheWeightedMeanOfItsMembersAndSurvivesSaveAndLoad() {
        TrainingHistory h = Synthetic.plantedSignal(10);
        Ensemble.Model e = (Ensemble.Model) new Ensemble(Ensemble.Config.defaults().withTuneFmWeight(Ensemble.Config.TUNE_GRID))
                .train(h, DM);
        double w = Double.parseDouble(e.provenance().settings().get("fmWeight"));
        assertTrue(Ensemble.Config.TUNE_GRID.contains(w), String.valueOf(e.provenance().settings()));
        assertTrue(e.provenance().settings().get("fmWeightChosen").startsWith("inner dataset CV: 0.0="));
        assertEquals(LinearRegression.NAME, e.members().get(0).provenance().trainer());
        assertEquals(FactorizationMachine.NAME, e.members().get(1).provenance().trainer());
        double[] ridge = e.members().get(0).predict(h.jobs());
        double[] fm = e.members().get(1).predict(h.jobs());
        double[] p = e.predict(h.jobs());
        for (int i = 0; i < p.length; i++) {
            assertEquals((1 - w) * ridge[i] + w * fm[i], p[i], 1e-12);
        }
        Path file = dir.resolve("ensemble-tuned.json");
        Recommenders.save(e, file);
        Recommender back = Recommenders.load(file);
        assertEquals(e.provenance(), back.provenance());
        assertArrayEquals(p, back.predict(h.jobs()), 0.0);
        // the default is the plain mean of the members, each trained with its own defaults
        Recommender mean = Recommenders.trainer("ensemble").train(h, DM);
        double[] lr = Recommenders.trainer("lr").train(h, DM).predict(h.jobs());
        double[] f = Recommenders.trainer("fm").train(h, DM).predict(h.jobs());
        double[] m = mean.predict(h.jobs());
        for (int i = 0; i < m.length; i++) {
            assertEquals(0.5 * lr[i] + 0.5 * f[i], m[i], 1e-12);
        }
    }

    @Test
    void ensembleRejectsAnFmWeightOutsideTheUnitInterval() {
        assertThrows(dev.modelscout.core.InvalidOptionException.class, () -> Ensemble.Config.defaults().withFmWeight(1.5));
        assertThrows(dev.modelscout.core.InvalidOptionException.class, () -> Ensemble.Config.defaults().withTuneFmWeight(List.of(0.5, -0.1)));
    }

    @Test
    void loadRejectsAFileThatIsNotASavedRecommender() throws Exception {
        Path p = dir.resolve("x.json");
        Files.writeString(p, "{\"format\": \"something-else\"}");
        RecommenderFormatException e = assertThrows(RecommenderFormatException.class, () -> Recommenders.load(p));
        assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
    }

    @Test
    void factorizationMachineIsDeterministicForASeed() {
        TrainingHistory h = Synthetic.plantedSignal(2);
        FactorizationMachine fm = new FactorizationMachine(FactorizationMachine.Config.defaults());
        assertArrayEquals(fm.train(h, DM).predict(h.jobs()), fm.train(h, DM).predict(h.jobs()), 0.0);
        double[] other = new FactorizationMachine(FactorizationMachine.Config.defaults().withSeed(7)).train(h, DM).predict(h.jobs());
        assertTrue(Metrics.pearson(fm.train(h, DM).predict(h.jobs()), other) > 0.99);
    }

    @Test
    void ridgeRecoversANoiseFreeLinearSignal() {
        TrainingHistory h = Synthetic.plantedSignal(3);
        FieldSpec spec = FieldSpec.defaults().select(List.of("dataset", "params_m", "arch_family"));
        // interactions are not linear, so compare only the fit quality on training rows
        double[] p = new LinearRegression(LinearRegression.Config.fixed(1e-6)).train(h, spec).predict(h.jobs());
        double[] y = h.jobs().stream().mapToDouble(Job::accuracy).toArray();
        assertTrue(Metrics.pearson(p, y) > 0.95, "ridge fit " + Metrics.pearson(p, y));
    }

    @Test
    void ridgeWithEliminatedSingletonFeaturesSatisfiesTheNormalEquations() {
        TrainingHistory full = Synthetic.plantedSignal(8);
        // keep model0..model9 on one dataset only, so their one-hot features are singletons
        TrainingHistory h = full.filter(j -> !(j.model().matches("model[0-9]") && !j.dataset().equals("ds0")));
        double lambda = 0.7;
        LinearRegression.Model m = (LinearRegression.Model) new LinearRegression(LinearRegression.Config.fixed(lambda))
                .train(h, DM);
        FeatureEncoding.Rows x = m.encoding().encode(h.jobs());
        double[] pred = m.predict(h.jobs());
        double[] grad = new double[m.weights().length];
        double interceptGrad = 0;
        for (int i = 0; i < x.size(); i++) {
            double r = h.jobs().get(i).accuracy() - pred[i];
            interceptGrad += r;
            for (int u = 0; u < x.index()[i].length; u++) {
                grad[x.index()[i][u]] += r * x.value()[i][u];
            }
        }
        assertEquals(0, interceptGrad, 1e-9);
        for (int f = 0; f < grad.length; f++) {
            assertEquals(lambda * m.weights()[f], grad[f], 1e-9, m.encoding().names().get(f));
        }
    }

    @Test
    void innerValidationChoiceIsRecordedInTheProvenance() {
        TrainingHistory h = Synthetic.plantedSignal(9);
        Recommender r = new LinearRegression(LinearRegression.Config.defaults()).train(h, DM);
        String chosen = r.provenance().settings().get("lambdaChosen");
        assertTrue(chosen != null && chosen.startsWith("inner dataset CV: 0.3="), String.valueOf(r.provenance().settings()));
        assertTrue(LinearRegression.Config.TUNE_GRID.contains(Double.parseDouble(r.provenance().settings().get("lambda"))));
        Recommender again = new LinearRegression(LinearRegression.Config.defaults()).train(h, DM);
        assertArrayEquals(r.predict(h.jobs()), again.predict(h.jobs()), 0.0);
    }

    @Test
    void fmAndRidgeBeatPopularityOnUnseenModelsOfAPlantedSignalHistory() {
        TrainingHistory h = Synthetic.plantedSignal(4);
        Options o = Options.defaults(Protocol.Kind.UNSEEN_MODELS).withSplits(3, 0.2, 0);
        double pop = Evaluation.evaluate(h, Recommenders.trainer("popularity"), DM, o).metrics().kendall();
        double lr = Evaluation.evaluate(h, Recommenders.trainer("lr"), DM, o).metrics().kendall();
        double fm = Evaluation.evaluate(h, Recommenders.trainer("fm"), DM, o).metrics().kendall();
        double ens = Evaluation.evaluate(h, Recommenders.trainer("ensemble"), DM, o).metrics().kendall();
        assertTrue(lr > pop + 0.1, "lr " + lr + " vs popularity " + pop);
        assertTrue(fm > pop + 0.1, "fm " + fm + " vs popularity " + pop);
        assertTrue(ens > pop + 0.1, "ensemble " + ens + " vs popularity " + pop);
    }

    @Test
    void fmBeatsPopularityOnUnseenDatasetsWhenRankingsDependOnTheDataset() {
        TrainingHistory h = Synthetic.plantedSignal(5);
        Options o = Options.defaults(Protocol.Kind.LEAVE_ONE_DATASET_OUT);
        double pop = Evaluation.evaluate(h, Recommenders.trainer("popularity"), DM, o).metrics().kendall();
        double fm = Evaluation.evaluate(h, Recommenders.trainer("fm"), DM, o).metrics().kendall();
        double ens = Evaluation.evaluate(h, Recommenders.trainer("ensemble"), DM, o).metrics().kendall();
        assertTrue(fm > pop + 0.05, "fm " + fm + " vs popularity " + pop);
        // a ridge ranks models the same way on every dataset, so it is close to popularity here; the mean sits between
        assertTrue(ens > pop + 0.03, "ensemble " + ens + " vs popularity " + pop);
    }

    @Test
    void popularityFallsBackToFamilyThenGlobalMean() {
        TrainingHistory h = Synthetic.plantedSignal(6);
        Recommender r = Recommenders.trainer("popularity").train(h, DM);
        Job known = h.jobs().get(0);
        Job unseenModel = new Job("t", 1, "new", "brand-new", Double.NaN,
                java.util.Map.of("dataset", "new", "model", "brand-new", "arch_family", "vit"));
        Job unseenFamily = new Job("t", 2, "new", "other", Double.NaN,
                java.util.Map.of("dataset", "new", "model", "other", "arch_family", "nothing-like-it"));
        double[] p = r.predict(List.of(known, unseenModel, unseenFamily));
        double vitMean = h.jobs().stream().filter(j -> j.cell("arch_family").equals("vit")).mapToDouble(Job::accuracy).average().orElseThrow();
        double global = h.jobs().stream().mapToDouble(Job::accuracy).average().orElseThrow();
        double modelMean = h.jobs().stream().filter(j -> j.model().equals(known.model())).mapToDouble(Job::accuracy).average().orElseThrow();
        assertEquals(modelMean, p[0], 1e-12);
        assertEquals(vitMean, p[1], 1e-12);
        assertEquals(global, p[2], 1e-12);
    }

    @Test
    void evaluationJsonHasTheDocumentedKeys() {
        TrainingHistory h = Synthetic.plantedSignal(7);
        Result r = Evaluation.evaluate(h, Recommenders.trainer("lr"), DM,
                Options.defaults(Protocol.Kind.LEAVE_ONE_DATASET_OUT).withTestDatasets(List.of("ds1", "ds2")));
        String json = ResultsJson.toJson(r);
        for (String key : List.of("\"protocol\"", "\"recommender\"", "\"features\"", "\"metrics\"", "\"pearson\"",
                "\"spearman\"", "\"kendall\"", "\"weighted_tau\"", "\"regret\"", "\"per_dataset\"", "\"dataset\"", "\"n\"")) {
            assertTrue(json.contains(key), key + " missing in " + json);
        }
        assertEquals(2, r.perDataset().size());
        // the values in the JSON are the result's own, not just its keys
        com.fasterxml.jackson.databind.JsonNode doc;
        try {
            doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertEquals("leave-one-dataset-out", doc.get("protocol").asText());
        assertEquals(LinearRegression.NAME, doc.get("recommender").asText());
        assertEquals(DM.labels().size(), doc.get("features").size());
        assertEquals(h.sha256(), doc.get("history_sha256").asText());
        assertEquals(r.metrics().pearson(), doc.get("metrics").get("pearson").asDouble(), 0.0);
        assertEquals(r.metrics().kendall(), doc.get("metrics").get("kendall").asDouble(), 0.0);
        assertEquals(r.metrics().regret(), doc.get("metrics").get("regret").asDouble(), 0.0);
        for (int i = 0; i < 2; i++) {
            com.fasterxml.jackson.databind.JsonNode d = doc.get("per_dataset").get(i);
            assertEquals(r.perDataset().get(i).dataset(), d.get("dataset").asText());
            assertEquals(r.perDataset().get(i).n(), d.get("n").asInt());
            assertEquals(r.perDataset().get(i).spearman(), d.get("spearman").asDouble(), 0.0);
        }
        assertTrue(r.metrics().pearson() > 0.5, "the planted signal is found: " + r.metrics().pearson());
    }
}
