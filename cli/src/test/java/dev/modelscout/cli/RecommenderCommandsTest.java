package dev.modelscout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train -> predict -> evaluate through the command line, on a small synthetic history (no natives). */
class RecommenderCommandsTest {

    @TempDir
    Path dir;

    private static CliTest run(String... args) {
        return CliTest.run(args);
    }

    private Path history() throws Exception {
        return SyntheticHistory.write(dir);
    }

    @Test
    void trainPredictAndEvaluateEndToEnd() throws Exception {
        Path h = history();
        Path model = dir.resolve("model.json");
        CliTest train = run("train", "--history", h.toString(), "--recommender", "lr", "--out", model.toString());
        assertEquals(0, train.exitCode(), train.err());
        assertTrue(Files.readString(model).contains("\"history_sha256\""));

        Path rows = dir.resolve("rows.csv");
        Files.writeString(rows, "dataset,dataset_size,num_classes,model,arch_family,params_m\n"
                + "new,3000,12,model8,convnext,13\nnew,3000,12,model0,vit,5\n");
        Path preds = dir.resolve("preds.csv");
        CliTest predict = run("predict", "--model", model.toString(), "--rows", rows.toString(), "--out", preds.toString());
        assertEquals(0, predict.exitCode(), predict.err());
        assertTrue(Files.readString(preds).lines().skip(1).findFirst().orElseThrow().startsWith("new,model8,1,"));

        Path results = dir.resolve("results.json");
        CliTest eval = run("evaluate", "--history", h.toString(), "--test-datasets", "ds1,ds2", "--out", results.toString());
        assertEquals(0, eval.exitCode(), eval.err());
        assertTrue(eval.out().contains("popularity") && eval.err().contains("timing:"), eval.out() + eval.err());
        String json = Files.readString(results);
        assertTrue(json.contains("\"protocol\" : \"leave-one-dataset-out\"") && json.contains("\"per_dataset\""), json);
    }

    @Test
    void badHistoryGivesOneLineErrorAndExitCodeOne() throws Exception {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "dataset,model,accuracy\ncifar,resnet,0.9\ncifar,vit,zero\n");
        CliTest r = run("train", "--history", bad.toString(), "--out", dir.resolve("m.json").toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains(bad + ":3:3: column 'accuracy'"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(Files.notExists(dir.resolve("m.json")));
    }
}
