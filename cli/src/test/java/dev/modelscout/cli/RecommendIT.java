package dev.modelscout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelscout.scoring.Scores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code modelscout recommend} end to end: zoo -> features -> scores -> recommender -> ranking. */
class RecommendIT {

    @TempDir
    Path dir;

    Path zoo;
    Path images;

    @BeforeAll
    static void guardTheNetwork() throws IOException {
        NetworkGuard.install();
    }

    @BeforeEach
    void zooAndImages() throws IOException {
        zoo = TestZoo.tinyAndResnet(dir, List.of("--arch", "resnet", "--pretrain", "imagenet"), List.of("--arch", "resnet", "--pretrain", "imagenet"));
        images = dir.resolve("Pets");
        ExtractIT.images(images, 2, 6);
    }

    @Test
    void ranksEveryBackboneWithTheEmbeddedDefault() throws IOException {
        Path out = dir.resolve("recs.json");
        NetworkGuard.ATTEMPTS.clear();
        CliTest r = CliTest.run("--device", "cpu", "recommend", "--images", images.toString(), "--zoo", zoo.toString(),
                "--cache", dir.resolve("cache").toString(), "--out", out.toString())
                .expectExit(0).expectOut("dataset pets: 2 backbones ranked").expectErr("embedded default");
        assertEquals(0, NetworkGuard.ATTEMPTS.size(), () -> "network attempts: " + NetworkGuard.ATTEMPTS);
        JsonNode doc = new ObjectMapper().readTree(out.toFile());
        assertEquals("pets", doc.get("dataset").asText());
        JsonNode ranking = doc.get("ranking");
        assertEquals(2, ranking.size());
        assertEquals(1, ranking.get(0).get("rank").asInt());
        assertTrue(ranking.get(0).get("predicted_accuracy").asDouble() >= ranking.get(1).get("predicted_accuracy").asDouble());
        for (JsonNode row : ranking) {
            double p = row.get("predicted_accuracy").asDouble();
            assertTrue(Double.isFinite(p), row.toString());
            assertTrue(Double.isFinite(row.get("scores").get("logme").asDouble()), row.toString());
            assertTrue(Double.isFinite(row.get("scores").get("reg_hscore").asDouble()), row.toString());
        }
        assertTrue(doc.get("recommender").get("rows").asInt() > 0);
        // the second run reads every backbone's features from the cache (said with -v)
        CliTest again = CliTest.run("-v", "--device", "cpu", "recommend", "--images", images.toString(), "--zoo",
                zoo.toString(), "--cache", dir.resolve("cache").toString()).expectExit(0).expectErr("up to date");
        assertEquals(r.out(), again.out(), "the cached run ranks exactly as the first");
        assertTrue(doc.get("modelscout_version").isTextual() && doc.get("created_at").asText().endsWith("Z"), doc.toString());

        // For machines: the table's rows as csv / json, the file on stdout with --out -, lines for people on stderr.
        String[] cached = {"--device", "cpu", "recommend", "--images", images.toString(), "--zoo", zoo.toString(),
                "--cache", dir.resolve("cache").toString()};
        CliTest csv = CliTest.run(concat(cached, "--format", "csv")).expectExit(0).expectErr("dataset pets: 2 backbones");
        List<String> lines = csv.out().lines().toList();
        assertEquals(3, lines.size(), csv.out());
        assertTrue(lines.get(0).startsWith("rank,model,predicted_accuracy,"), csv.out());
        JsonNode rows = new ObjectMapper().readTree(CliTest.run(concat(cached, "--format", "json", "--columns",
                "model,score_logme")).expectExit(0).out());
        assertEquals(ranking.get(0).get("model").asText(), rows.get(0).get("model").asText());
        assertEquals(ranking.get(0).get("scores").get("logme").asDouble(), rows.get(0).get("score_logme").asDouble());
        JsonNode file = new ObjectMapper().readTree(CliTest.run(concat(cached, "--format", "json", "--out", "-"))
                .expectExit(0).out());
        assertEquals(doc.get("ranking"), file.get("ranking"), "--out - writes what --out FILE.json writes");
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void aTruthWithStandardErrorsAndSeedsPrintsHowWellItIsKnown() throws IOException {
        Path truth = dir.resolve("truth.csv");
        Files.writeString(truth, "model,accuracy,accuracy_se\ntiny,0.61,0.02\nr18,0.62,0.015\n");
        Files.writeString(dir.resolve("truth-seeds.csv"), "model,seed,accuracy\ntiny,0,0.58\ntiny,1,0.61\ntiny,2,0.64\n"
                + "r18,0,0.60\nr18,1,0.62\nr18,2,0.64\n");
        CliTest r = CliTest.run("--device", "cpu", "recommend", "--images", images.toString(), "--zoo", zoo.toString(),
                "--cache", dir.resolve("cache").toString(), "--truth", truth.toString()).expectExit(0)
                .expectOut(" se  regret")
                .expectOut("the truth's noise: standard errors 0.0150 to 0.0200")
                .expectOut("95% interval")
                .expectOut("bootstrap over the seeds");
        assertTrue(r.out().contains("rank 1 is the truly best") || r.out().contains("rank 1 is within 1 standard error"),
                r.out());
    }

    @Test
    void trainsOnAGivenHistoryAndWritesCsv() throws IOException {
        // A small history in which the larger model always fine-tunes better; the ridge recommender must rank it first.
        StringBuilder h = new StringBuilder("dataset,dataset_size,num_classes,model,arch_family,pretrain_dataset,"
                + "input_size,gmacs,params_m,accuracy\n");
        String[] datasets = {"a", "b", "c", "d"};
        for (int i = 0; i < datasets.length; i++) {
            h.append(datasets[i]).append(",1000,10,small,resnet,imagenet,32,0.01,0.5,").append(0.5 + 0.05 * i).append('\n');
            h.append(datasets[i]).append(",1000,10,big,resnet,imagenet,32,0.5,12,").append(0.7 + 0.05 * i).append('\n');
            h.append(datasets[i]).append(",1000,10,mid,resnet,imagenet,32,0.1,3,").append(0.6 + 0.05 * i).append('\n');
        }
        Path history = dir.resolve("history.csv");
        Files.writeString(history, h);
        Path out = dir.resolve("recs.csv");
        CliTest.run("--device", "cpu", "recommend", "--images", images.toString(), "--zoo", zoo.toString(),
                "--history", history.toString(), "--features", "d,m", "--recommender", "lr", "--dataset-id", "target",
                "--cache", dir.resolve("cache").toString(), "--out", out.toString()).expectExit(0);
        List<String> lines = Files.readAllLines(out);
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("rank,dataset,dataset_size,num_classes,model"), lines.get(0));
        assertTrue(lines.get(1).startsWith("1,target,12,2,r18,"), "the 11 M-parameter ResNet ranks first: " + lines);
    }

    @Test
    void recommendTrainsOnAHistoryWithTrainsOptionsAndRecordsTheSeed() throws IOException {
        StringBuilder h = new StringBuilder("dataset,dataset_size,num_classes,model,arch_family,pretrain_dataset,"
                + "input_size,gmacs,params_m,accuracy\n");
        String[] datasets = {"a", "b", "c", "pets"};
        for (int i = 0; i < datasets.length; i++) {
            h.append(datasets[i]).append(",1000,10,small,resnet,imagenet,32,0.01,0.5,").append(0.5 + 0.05 * i).append('\n');
            h.append(datasets[i]).append(",1000,10,big,resnet,imagenet,32,0.5,12,").append(0.7 + 0.05 * i).append('\n');
        }
        Path history = dir.resolve("seeded-history.csv");
        Files.writeString(history, h);
        for (long seed : new long[] {1, 2}) {
            Path out = dir.resolve("recs-" + seed + ".json");
            CliTest r = CliTest.run("--device", "cpu", "recommend", "--images", images.toString(), "--zoo",
                    zoo.toString(), "--history", history.toString(), "--features", "d,m", "--recommender", "fm",
                    "--fm-seed", Long.toString(seed), "--factors", "3", "--cache", dir.resolve("cache").toString(),
                    "--out", out.toString()).expectExit(0);
            JsonNode prov = new ObjectMapper().readTree(out.toFile()).get("recommender");
            assertEquals(seed, prov.get("seed").asLong());
            assertEquals("factorization-machine", prov.get("trainer").asText());
            assertEquals(Long.toString(seed), prov.get("settings").get("seed").asText());
            assertEquals("3", prov.get("settings").get("factors").asText());
            assertEquals(8, prov.get("rows").asInt());
            // the folder is called pets, which is also a dataset of this history: the user is told
            assertTrue(r.err().contains("warning: dataset id 'pets' is a dataset of the recommender's training history"),
                    r.err());
        }
    }

    @Test
    void scoreExtractsAndScoresEveryBackboneOnAnImageFolder() throws IOException {
        Path out = dir.resolve("scores.csv");
        CliTest.run("--device", "cpu", "score", "--images", images.toString(), "--zoo", zoo.toString(),
                "--scores", "logme,lfc", "--cache", dir.resolve("cache").toString(), "--out", out.toString())
                .expectExit(0).expectOut("tiny").expectOut("r18").expectOut("logme");
        List<String> lines = Files.readAllLines(out);
        assertEquals("model,logme,lfc", lines.get(0));
        assertEquals(3, lines.size(), lines.toString());
        for (String line : lines.subList(1, 3)) {
            String[] cells = line.split(",");
            assertTrue(Double.isFinite(Double.parseDouble(cells[1])) && Double.isFinite(Double.parseDouble(cells[2])), line);
        }
        Path json = dir.resolve("scores.json");
        CliTest.run("-v", "--device", "cpu", "score", "--images", images.toString(), "--zoo", zoo.toString(), "--models",
                "tiny", "--scores", "logme", "--cache", dir.resolve("cache").toString(), "--out", json.toString())
                .expectExit(0).expectErr("up to date");
        assertTrue(new ObjectMapper().readTree(json.toFile()).get("tiny").get("logme").isNumber());
        CliTest.run("score", "--zoo", zoo.toString()).expectExit(2).expectErr("--images is required");
        CliTest.run("score", "--images", images.toString(), "--zoo", zoo.toString(), "--features", out.toString())
                .expectExit(2).expectErr("not both");
    }

    @Test
    void scoresAllComputesEveryFeatureScoreAndNoneOnlyThoseTheRecommenderReads() throws IOException {
        Path all = dir.resolve("all.json");
        CliTest.run("--device", "cpu", "recommend", "--images", images.toString(), "--zoo", zoo.toString(), "--scores",
                "all", "--cache", dir.resolve("cache").toString(), "--out", all.toString()).expectExit(0);
        List<String> featureScores = Scores.NAMES.stream()
                .filter(n -> !Scores.create(n, Scores.Options.defaults()).needsProbabilities()).toList();
        for (JsonNode row : new ObjectMapper().readTree(all.toFile()).get("ranking")) {
            for (String s : featureScores) {
                assertTrue(row.get("scores").has(s), s + " missing from " + row);
            }
        }
        Path none = dir.resolve("none.json");
        CliTest.run("--device", "cpu", "recommend", "--images", images.toString(), "--zoo", zoo.toString(), "--scores",
                "none", "--cache", dir.resolve("cache").toString(), "--out", none.toString()).expectExit(0);
        JsonNode scores = new ObjectMapper().readTree(none.toFile()).get("ranking").get(0).get("scores");
        List<String> names = new java.util.ArrayList<>();
        scores.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("logme", "reg_hscore"), names.stream().sorted().toList(),
                "the embedded default reads LogME and the regularised H-score, and nothing else is asked");
    }

    @Test
    void datasetSizeIsTheImagesAfterThePerClassSubsampleAsAFineTuningJobCountsThem() throws IOException {
        Path out = dir.resolve("sub.csv");
        CliTest.run("--device", "cpu", "recommend", "--images", images.toString(), "--zoo", zoo.toString(),
                "--per-class", "2", "--cache", dir.resolve("cache").toString(), "--out", out.toString()).expectExit(0);
        List<String> lines = Files.readAllLines(out);
        List<String> header = List.of(lines.get(0).split(","));
        int size = header.indexOf("dataset_size");
        for (String line : lines.subList(1, lines.size())) {
            assertEquals("4", line.split(",")[size], "2 classes x 2 images, not the folder's 12: " + line);
        }
    }

    @Test
    void badOutputNameFailsBeforeAnyWork() {
        CliTest r = CliTest.run("--device", "cpu", "recommend", "--images", images.toString(), "--zoo", zoo.toString(),
                "--out", dir.resolve("recs.txt").toString()).expectExit(2).expectErr("--out must end in .csv or .json");
        assertFalse(r.err().contains("extracting"), r.err());
        r = CliTest.run("--device", "cpu", "recommend", "--images", images.toString(), "--zoo", zoo.toString(),
                "--out", "/dev/null/recs.json").expectExit(2).expectErr("/dev/null is not a folder");
        assertFalse(r.err().contains("extracting"), r.err());
        r = CliTest.run("--device", "cpu", "recommend", "--images", images.toString(), "--zoo", zoo.toString(),
                "--top", "0").expectExit(2).expectErr("--top 0: out of range");
        assertFalse(r.err().contains("extracting"), r.err());
        CliTest.run("recommend", "--images", images.toString(), "--zoo", zoo.toString(), "--model",
                dir.resolve("m.json").toString(), "--history", dir.resolve("h.csv").toString())
                .expectExit(2).expectErr("not both");
    }
}
