package dev.modelscout.recommender;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureEncodingTest {

    @TempDir
    Path dir;

    private static TrainingHistory history(String text) {
        return HistoryReader.parse("mem.csv", text, ReadOptions.forPrediction());
    }

    @Test
    void standardisesScalarsOnTrainingRowsAndFlagsMissingValues() {
        TrainingHistory train = history("dataset,model,params_m,accuracy\na,m1,1,0.5\na,m2,3,0.6\na,m3,,0.7\n");
        FieldSpec spec = FieldSpec.defaults().select(List.of("params_m"));
        FeatureEncoding enc = FeatureEncoding.fit(spec, train.jobs());
        assertEquals(List.of("params_m", "params_m missing"), enc.names());
        double[][] x = enc.encode(train.jobs()).dense();
        // log(1)=0, log(3)=1.0986: mean 0.5493, population std 0.5493 -> -1, +1; missing -> 0 and indicator 1
        assertArrayEquals(new double[] {-1, 0}, x[0], 1e-12);
        assertArrayEquals(new double[] {1, 0}, x[1], 1e-12);
        assertArrayEquals(new double[] {0, 1}, x[2], 1e-12);
        TrainingHistory test = history("dataset,model,params_m\nb,m9,9\n");
        double expected = (Math.log(9) - Math.log(3) / 2) / (Math.log(3) / 2);
        assertArrayEquals(new double[] {expected, 0}, enc.encode(test.jobs()).dense()[0], 1e-12);
    }

    @Test
    void unseenCategoryContributesNothing() {
        TrainingHistory train = history("dataset,model,arch_family,accuracy\na,m1,vit,0.5\na,m2,resnet,0.6\n");
        FeatureEncoding enc = FeatureEncoding.fit(FieldSpec.defaults().select(List.of("arch_family")), train.jobs());
        assertEquals(2, enc.dimension());
        TrainingHistory test = history("dataset,model,arch_family\nb,m3,swin\nb,m4,\nb,m5,vit\n");
        FeatureEncoding.Rows rows = enc.encode(test.jobs());
        assertEquals(0, rows.index()[0].length);
        assertEquals(0, rows.index()[1].length);
        assertArrayEquals(new int[] {0}, rows.index()[2]);
    }

    @Test
    void rankAndZscoreNormaliseWithinEachDataset() {
        TrainingHistory h = history("dataset,model,score_logme\na,m1,1\na,m2,2\na,m3,3\nb,m1,100\nb,m2,300\nb,m3,200\n");
        double[] rank = FeatureEncoding.transform(FieldSpec.defaults().select(List.of("score_logme:rank")).entries().get(0), h.jobs());
        assertArrayEquals(new double[] {0, 0.5, 1, 0, 1, 0.5}, rank, 1e-12);
        double[] z = FeatureEncoding.transform(FieldSpec.defaults().select(List.of("score_logme:zscore")).entries().get(0), h.jobs());
        double s = Math.sqrt(2.0 / 3);
        assertArrayEquals(new double[] {-1 / s, 0, 1 / s, -1 / s, 1 / s, 0}, z, 1e-12);
    }

    @Test
    void interactionCrossesAScalarWithACategory() {
        TrainingHistory h = history("dataset,model,arch_family,score_logme\na,m1,vit,1\na,m2,cnn,3\n");
        FeatureEncoding enc = FeatureEncoding.fit(FieldSpec.defaults().select(List.of("score_logme*arch_family")), h.jobs());
        assertEquals(List.of("score_logme*arch_family", "score_logme*arch_family|vit", "score_logme*arch_family|cnn"), enc.names());
        assertArrayEquals(new double[] {-1, -1, 0}, enc.encode(h.jobs()).dense()[0], 1e-12);
    }

    @Test
    void logOfNonPositiveValueNamesFileLineColumn() {
        TrainingHistory h = history("dataset,model,params_m\na,m1,0\n");
        HistoryFormatException e = assertThrows(HistoryFormatException.class,
                () -> FeatureEncoding.fit(FieldSpec.defaults().select(List.of("params_m")), h.jobs()));
        assertTrue(e.getMessage().startsWith("mem.csv:2:3: column 'params_m'"), e.getMessage());
    }

    @Test
    void defaultSpecFollowsThePapersTable() {
        FieldSpec dm = FieldSpec.defaults().select(FieldSpec.DEFAULT_FEATURES);
        assertEquals(List.of("dataset", "dataset_size", "num_classes", "model", "arch_family", "pretrain_dataset",
                "input_size", "gmacs", "params_m"), dm.labels());
        assertEquals(List.of("dataset", "model", "score_logme"),
                FieldSpec.defaults().select(List.of("dataset", "model", "score_logme")).labels());
    }

    @Test
    void readsSpecFilesInCsvAndJson() throws Exception {
        Path csv = dir.resolve("spec.csv");
        Files.writeString(csv, "field,column,type,one_hot,log,normalize\nd,dataset,category,yes,no,\nm,params_m,scalar,no,yes,\n"
                + "s,score_logme,scalar,no,no,rank\n");
        FieldSpec a = FieldSpec.read(csv);
        Path json = dir.resolve("spec.json");
        Files.writeString(json, "{\"entries\":[{\"field\":\"d\",\"column\":\"dataset\",\"type\":\"category\",\"oneHot\":true},"
                + "{\"field\":\"m\",\"column\":\"params_m\",\"type\":\"scalar\",\"log\":true},"
                + "{\"field\":\"s\",\"column\":\"score_logme\",\"type\":\"scalar\",\"normalize\":\"rank\"}]}");
        assertEquals(a, FieldSpec.read(json));
        assertEquals(List.of("dataset", "params_m", "score_logme:rank"), a.labels());
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "field,column,type,one_hot,log\nd,dataset,kategory,yes,no\n");
        FieldSpecException e = assertThrows(FieldSpecException.class, () -> FieldSpec.read(bad));
        assertTrue(e.getMessage().startsWith(bad + ":2:"), e.getMessage());
    }

    @Test
    void namesInReadsEachTokenAsSelectDoesItsNameAndItsCrossedCategory() {
        assertEquals(List.of("s", "score_logme", "arch_family", "score_parc"), List.copyOf(FieldSpec.namesIn(
                FieldSpec.parseFeatures(" s,score_logme:rank*arch_family, score_parc:zscore ,,"))));
    }
}
