package dev.modelscout.recommender;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelscout.core.Backbone;
import dev.modelscout.core.InvalidOptionException;
import dev.modelscout.core.Preprocessing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The typed recommend path: candidate rows, the scores a recommender reads, the registry, model-file checks. */
class CandidatesTest {

    @TempDir
    Path dir;

    /** A small history with a LogME column whose per-dataset z-score carries the signal (synthetic). */
    private static TrainingHistory historyWithScores() {
        Random r = new Random(3);
        StringBuilder csv = new StringBuilder("dataset,dataset_size,num_classes,model,arch_family,pretrain_dataset,"
                + "input_size,gmacs,params_m,score_logme,score_reg_hscore,accuracy\n");
        for (int d = 0; d < 6; d++) {
            for (int m = 0; m < 8; m++) {
                double logme = r.nextGaussian();
                double acc = Math.max(0, Math.min(1, 0.6 + 0.03 * d + 0.05 * logme + 0.01 * r.nextGaussian()));
                csv.append("ds").append(d).append(',').append(1000 + 100 * d).append(',').append(10 + d).append(",m")
                        .append(m).append(',').append(m % 2 == 0 ? "resnet" : "vit").append(",imagenet,224,")
                        .append(1.5 + m).append(',').append(10 + m).append(',').append(logme).append(',')
                        .append(2 * logme + r.nextGaussian()).append(',').append(acc).append('\n');
            }
        }
        return HistoryReader.parse("scores.csv", csv.toString(), ReadOptions.defaults());
    }

    private static Backbone backbone(String id, String family, double gmacs, double params) {
        return new Backbone(id, family, "imagenet", Preprocessing.imagenet(224), 512, gmacs, params, "builtin:resnet18",
                null);
    }

    @Test
    void recommenderSaysWhichScoresItReads() {
        TrainingHistory h = historyWithScores();
        FieldSpec f = FieldSpec.defaults().select(FieldSpec.parseFeatures("d,m,score_logme:zscore,score_reg_hscore*arch_family"));
        for (String kind : List.of("fm", "lr", "ensemble")) {
            Recommender rec = Recommenders.trainer(kind).train(h, f);
            assertEquals(List.of("logme", "reg_hscore"), rec.requiredScores(), kind);
        }
        assertEquals(List.of(), Recommenders.trainer("popularity").train(h, f).requiredScores());
        assertEquals(List.of(), Recommenders.trainer("fm").train(h, FieldSpec.defaults().select(List.of("d", "m")))
                .requiredScores());
    }

    @Test
    void typedCandidateRowsPredictWhatTheSameRowsReadFromAFilePredict() {
        TrainingHistory h = historyWithScores();
        FieldSpec f = FieldSpec.defaults().select(FieldSpec.parseFeatures("d,m,score_logme:zscore"));
        Recommender rec = Recommenders.trainer("fm").train(h, f);
        DatasetFacts target = new DatasetFacts("new-target", 1234, 7);
        List<Job> typed = new ArrayList<>();
        StringBuilder csv = new StringBuilder("dataset,dataset_size,num_classes,model,arch_family,pretrain_dataset,"
                + "input_size,gmacs,params_m,score_logme\n");
        double[] logme = {0.3, -1.2, 0.9};
        for (int i = 0; i < 3; i++) {
            Backbone b = backbone("m" + i, i == 1 ? "vit" : "resnet", 1.5 + i, 10.25 + i);
            typed.add(Candidates.row("images", i + 1, target, b, Map.of("logme", logme[i])));
            csv.append("new-target,1234,7,m").append(i).append(',').append(i == 1 ? "vit" : "resnet")
                    .append(",imagenet,224,").append(1.5 + i).append(',').append(10.25 + i).append(',').append(logme[i])
                    .append('\n');
        }
        List<Job> parsed = HistoryReader.parse("rows.csv", csv.toString(), ReadOptions.forPrediction()).jobs();
        assertArrayEquals(rec.predict(parsed), rec.predict(typed), 0.0);
        assertEquals(1234.0, typed.get(0).number(HistorySchema.DATASET_SIZE));
        assertEquals("1234", typed.get(0).cell(HistorySchema.DATASET_SIZE));
        assertEquals(0.3, typed.get(0).number("score_logme"));
        List<Prediction> ranked = Prediction.rank(rec, typed);
        assertEquals(3, ranked.size());
        assertEquals(1, ranked.get(0).rank());
        assertTrue(ranked.get(0).predicted() >= ranked.get(2).predicted());
    }

    @Test
    void registryNamesEveryKindOnceAndRefusesUnknownNames() {
        assertEquals(List.of("auto", "fm", "lr", "ensemble", "popularity"), Recommenders.shortNames());
        for (Recommenders.Kind k : Recommenders.KINDS) {
            assertEquals(k.name(), Recommenders.trainer(k.name()).name());
            for (String alias : k.aliases()) {
                assertEquals(k.name(), Recommenders.trainer(alias.toUpperCase()).name());
            }
        }
        InvalidOptionException e = assertThrows(InvalidOptionException.class, () -> Recommenders.trainer("svm"));
        assertTrue(e.getMessage().contains("auto, fm, lr, ensemble, popularity"), e.getMessage());
    }

    @Test
    void provenanceSettingsAreTheConfigAndCarryTheSeed() {
        TrainingHistory h = historyWithScores();
        FieldSpec dm = FieldSpec.defaults().select(FieldSpec.DEFAULT_FEATURES);
        TrainerOverrides o = TrainerOverrides.none().withSeed(7);
        Recommender fm = Recommenders.trainer("fm", o).train(h, dm);
        assertEquals(7, fm.provenance().seed());
        Map<String, String> s = fm.provenance().settings();
        assertEquals("7", s.get("seed"));
        assertEquals("8", s.get("factors"));
        assertEquals("5.0", s.get("lambdaV"));
        assertEquals("1.0E-4", s.get("tolerance"));
        for (String component : List.of("factors", "lambdaW", "lambdaV", "sweeps", "initStd", "seed",
                "balanceDatasets", "tolerance", "tuneLambdaV")) {
            assertTrue(s.containsKey(component), component + " missing from " + s);
        }
        Recommender other = Recommenders.trainer("fm", TrainerOverrides.none().withSeed(8)).train(h, dm);
        assertEquals(8, other.provenance().seed());
    }

    @Test
    void malformedSavedRecommendersAreRefusedOnLoad() throws Exception {
        TrainingHistory h = historyWithScores();
        FieldSpec dm = FieldSpec.defaults().select(FieldSpec.DEFAULT_FEATURES);
        String lr = Recommenders.toJson(Recommenders.trainer("lr").train(h, dm));
        String fm = Recommenders.toJson(Recommenders.trainer("fm").train(h, dm));
        Map<String, String> broken = new LinkedHashMap<>();
        broken.put("shortened ridge weights", lr.replaceFirst("\"weights\" : \\[ ([^,]+),", "\"weights\" : [ "));
        broken.put("NaN factor", fm.replaceFirst("\"w0\" : [^,]+,", "\"w0\" : \"NaN\","));
        broken.put("shortened FM weights", fm.replaceFirst("\"w\" : \\[ ([^,]+),", "\"w\" : [ "));
        for (Map.Entry<String, String> b : broken.entrySet()) {
            Path p = dir.resolve("bad.json");
            Files.writeString(p, b.getValue());
            RecommenderFormatException e = assertThrows(RecommenderFormatException.class, () -> Recommenders.load(p),
                    b.getKey());
            assertTrue(e.getMessage().startsWith(p + ": "), e.getMessage());
            assertTrue(e.getMessage().lines().count() == 1, e.getMessage());
        }
    }

    @Test
    void numbersAreWrittenAsHistoryCells() {
        assertEquals("600", HistorySchema.format(600.0));
        assertEquals("0.8125", HistorySchema.format(0.8125));
        assertEquals("", HistorySchema.format(Double.NaN));
        assertEquals("-3", HistorySchema.format(-3.0));
        assertEquals(List.of("logme"), List.of(HistorySchema.scoreName("score_logme").orElseThrow()));
        assertTrue(HistorySchema.scoreName("accuracy").isEmpty());
    }

    @Test
    void imageFieldsGoIntoTheRowAndARecommenderReadsThem() {
        DatasetFacts facts = new DatasetFacts("t", 300, 10).withProbe(0.75, "ref");
        Job row = Candidates.row("imgs", 1, facts, backbone("a", "resnet", 1, 2), Map.of("logme", 0.5), 1.25);
        assertEquals(0.75, row.number(HistorySchema.PROBE_ACCURACY));
        assertEquals("ref", row.cell(HistorySchema.PROBE_MODEL));
        assertEquals(1.25, row.number(HistorySchema.DOMAIN_DISTANCE));
        Job unknown = Candidates.row("imgs", 2, new DatasetFacts("t", 300, 10), backbone("b", "vit", 1, 2), Map.of(),
                Double.NaN);
        assertTrue(Double.isNaN(unknown.number(HistorySchema.PROBE_ACCURACY)));
        assertEquals("", unknown.cell(HistorySchema.PROBE_MODEL));
        assertTrue(Double.isNaN(unknown.number(HistorySchema.DOMAIN_DISTANCE)));
        // a history whose accuracy falls with the domain distance: a ridge on field "domain" ranks the nearer first
        Random r = new Random(11);
        StringBuilder csv = new StringBuilder("dataset,model,probe_accuracy,domain_distance,accuracy\n");
        for (int d = 0; d < 5; d++) {
            for (int m = 0; m < 6; m++) {
                double dist = r.nextDouble() * 3;
                csv.append("ds").append(d).append(",m").append(m).append(',').append(0.5 + 0.1 * d).append(',')
                        .append(dist).append(',').append(0.9 - 0.1 * dist).append('\n');
            }
        }
        TrainingHistory h = HistoryReader.parse("image-fields.csv", csv.toString(), ReadOptions.defaults());
        Recommender rec = Recommenders.trainer("lr").train(h, FieldSpec.defaults().select(List.of("difficulty", "domain")));
        Job near = Candidates.row("imgs", 1, facts, backbone("m0", "resnet", 1, 2), Map.of(), 0.2);
        Job far = Candidates.row("imgs", 2, facts, backbone("m1", "resnet", 1, 2), Map.of(), 2.5);
        List<Prediction> ranked = Prediction.rank(rec, List.of(far, near));
        assertEquals("m0", ranked.get(0).model());
    }
}
