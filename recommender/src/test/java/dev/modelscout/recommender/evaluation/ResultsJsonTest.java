package dev.modelscout.recommender.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelscout.core.ModelScoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** results.json: the documented keys, undefined metrics as null, written atomically. */
class ResultsJsonTest {

    @TempDir
    Path dir;

    private static final double NAN = Double.NaN;

    private static Result result() {
        DatasetScore constant = new DatasetScore("ds0", 1, null, NAN, NAN, NAN, NAN, NAN, 0.0, 1.0);
        DatasetScore split = new DatasetScore("ds1", 3, 2, 0.5, 0.5, 1 / 3.0, 0.25, 0.2, 0.01, 0.0);
        Summary mean = DatasetScore.mean(List.of(constant, split));
        Summary std = DatasetScore.std(List.of(constant, split));
        return new Result("unseen-models", "lr", List.of("dataset", "model"), "h.csv", "abc", 3, mean, std,
                List.of(constant, split), null, new Timing(2, 0.5, 0.25, 1.0), null)
                .withBaseline(new Baseline("popularity", mean, std));
    }

    @Test
    void undefinedMetricsAreWrittenAsNull() throws Exception {
        String json = ResultsJson.toJson(result());
        assertFalse(json.contains("NaN"), json);
        JsonNode tree = new ObjectMapper().readTree(json);
        JsonNode first = tree.get("per_dataset").get(0);
        assertTrue(first.get("pearson").isNull() && first.get("weighted_tau_rank_none").isNull(), json);
        assertEquals(0.0, first.get("regret").doubleValue());
        assertEquals(0.5, tree.get("metrics").get("pearson").doubleValue(), "NaN left out of the mean");
        assertEquals(0.0, tree.get("std").get("pearson").doubleValue());
        assertTrue(tree.get("baseline").get("metrics").get("pearson").isNumber(), json);
        assertTrue(json.endsWith("}\n"), json);
    }

    @Test
    void hasTheDocumentedKeysAndLeavesOutWhatIsAbsent() throws Exception {
        JsonNode tree = new ObjectMapper().readTree(ResultsJson.toJson(result()));
        assertEquals(List.of("modelscout_version", "created_at", "protocol", "recommender", "features", "history",
                "history_sha256", "k", "metrics", "std",
                "per_dataset", "timing", "baseline"), fieldNames(tree));
        assertEquals(List.of("pearson", "spearman", "kendall", "weighted_tau", "weighted_tau_rank_none", "regret",
                "hit_at_k"), fieldNames(tree.get("metrics")));
        assertEquals(List.of("dataset", "n", "pearson", "spearman", "kendall", "weighted_tau", "weighted_tau_rank_none",
                "regret", "hit_at_k"), fieldNames(tree.get("per_dataset").get(0)), "split left out when null");
        assertEquals(2, tree.get("per_dataset").get(1).get("split").intValue());
        assertEquals(List.of("fits", "train_seconds", "mean_train_seconds", "total_seconds"),
                fieldNames(tree.get("timing")));
    }

    @Test
    void writesTheFileOrSaysWhyNot() throws Exception {
        Path missing = dir.resolve("missing").resolve("results.json");
        ModelScoutException m = assertThrows(ModelScoutException.class, () -> ResultsJson.write(result(), missing));
        assertTrue(m.getMessage().contains("does not exist"), m.getMessage());
        Path file = Files.createDirectories(dir.resolve("out")).resolve("results.json");
        ResultsJson.write(result(), file);
        assertEquals(ResultsJson.toJson(result()), Files.readString(file));
        Path blocker = dir.resolve("file");
        Files.writeString(blocker, "x");
        Path under = blocker.resolve("results.json");
        ModelScoutException e = assertThrows(ModelScoutException.class, () -> ResultsJson.write(result(), under));
        assertTrue(e.getMessage().startsWith(under + ": cannot write: "), e.getMessage());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
