package dev.modelscout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON files train and evaluate write: snake_case keys, the version and time first, numbers as numbers. */
class JsonOutputsTest {

    @TempDir
    Path dir;

    @Test
    void trainAndEvaluateWriteStampedSnakeCaseJson() throws Exception {
        Path h = SyntheticHistory.write(dir);
        Path model = dir.resolve("m.json");
        CliTest.run("train", "--history", h.toString(), "--recommender", "ensemble", "--out", model.toString())
                .expectExit(0);
        Path results = dir.resolve("r.json");
        CliTest.run("evaluate", "--history", h.toString(), "--recommender", "lr", "--test-datasets", "ds1,ds2", "--out",
                results.toString()).expectExit(0);
        for (Path f : new Path[] {model, results}) {
            JsonNode doc = new ObjectMapper().readTree(f.toFile());
            Iterator<String> names = doc.fieldNames();
            String first = names.next();
            String second = names.next();
            if (f.equals(model)) {
                assertEquals("format", first);
                first = second;
                second = names.next();
            }
            assertEquals("modelscout_version", first, f.toString());
            assertEquals("created_at", second, f.toString());
            Instant.parse(doc.get("created_at").asText());
            snakeCase(doc, f.getFileName().toString());
        }
        JsonNode settings = new ObjectMapper().readTree(model.toFile()).path("recommender").path("provenance")
                .path("settings");
        assertTrue(settings.path("fm_weight").isNumber()
                && settings.path("linear-regression.balance_datasets").isBoolean() && settings.path("tune_fm_weight").isArray(), settings.toString());
    }

    private static void snakeCase(JsonNode n, String where) {
        if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                assertTrue(!e.getKey().matches(".*[a-z0-9][A-Z].*"), where + "." + e.getKey() + " is camelCase");
                snakeCase(e.getValue(), where + "." + e.getKey());
            }
        } else if (n.isArray()) {
            n.forEach(x -> snakeCase(x, where + "[]"));
        }
    }
}
