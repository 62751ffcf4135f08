package dev.modelscout.recommender;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A saved recommender in the tool's JSON style: snake_case keys, settings typed (numbers, booleans, lists), the
 * version and time that wrote it; it loads back to the same settings and predictions, and a file of the earlier
 * camelCase format still loads.
 */
class SavedJsonStyleTest {

    private static final Pattern SNAKE = Pattern.compile("[a-z0-9_.]+");

    @TempDir
    Path dir;

    @Test
    void settingsTextsBecomeTypedValuesAndReadBackTheSame() {
        assertEquals(1.0, SettingsJson.typed("1.0"));
        assertEquals(8L, SettingsJson.typed("8"));
        assertEquals(Boolean.FALSE, SettingsJson.typed("false"));
        assertEquals(List.of(), SettingsJson.typed("[]"));
        assertEquals(List.of(0.3, 1.0, 3.0), SettingsJson.typed("[0.3, 1.0, 3.0]"));
        assertEquals(List.of("RAW", "ZSCORE"), SettingsJson.typed("[RAW, ZSCORE]"));
        assertEquals(1.0E-4, SettingsJson.typed("1.0E-4"));
        assertEquals("fm(lambdaV=2) scores:raw", SettingsJson.typed("fm(lambdaV=2) scores:raw"));
        assertEquals("1e-4", SettingsJson.typed("1e-4"), "kept as text: it would not read back as the same text");
        assertEquals("ridge.balance_datasets", SettingsJson.snake("ridge.balanceDatasets"));
        assertEquals("inner.fm(lambda_v=2) scores:raw", SettingsJson.snake("inner.fm(lambdaV=2) scores:raw"));
        assertEquals("inner.fm(lambdaV=2) scores:raw", SettingsJson.camel("inner.fm(lambda_v=2) scores:raw"));
        assertEquals("ridge.balanceDatasets", SettingsJson.camel("ridge.balanceDatasets"));
    }

    @Test
    void anAutoRecommenderSavesInSnakeCaseWithTypedSettingsAndLoadsBackTheSame() throws Exception {
        TrainingHistory h = Synthetic.plantedSignal(9);
        FieldSpec dm = FieldSpec.defaults().select(FieldSpec.DEFAULT_FEATURES);
        Recommender m = Recommenders.trainer("auto").train(h, dm);
        Path file = dir.resolve("m.json");
        Recommenders.save(m, file);
        JsonNode doc = new ObjectMapper().readTree(file.toFile());
        assertEquals(Recommenders.FORMAT, doc.get("format").asText());
        assertTrue(doc.get("modelscout_version").isTextual(), doc.toString());
        Instant.parse(doc.get("created_at").asText());
        assertTrue(doc.get("created_at").asText().endsWith("Z"), "UTC");
        assertKeysSnakeCase(doc.get("recommender"), "recommender");
        JsonNode settings = doc.get("recommender").get("provenance").get("settings");
        assertTrue(settings.get("ridge.lambda").isNumber(), settings.toString());
        assertTrue(settings.get("ridge.balance_datasets").isBoolean(), settings.toString());
        assertTrue(settings.get("ridge_lambdas").isArray(), settings.toString());
        Recommender back = Recommenders.load(file);
        assertEquals(m.provenance().settings(), back.provenance().settings());
        assertEquals(m.provenance(), back.provenance());
        assertArrayEquals(m.predict(h.jobs()), back.predict(h.jobs()), 0.0);
    }

    @Test
    void aFileOfTheEarlierCamelCaseFormatStillLoads() throws Exception {
        TrainingHistory h = Synthetic.plantedSignal(9);
        Recommender m = Recommenders.trainer("lr").train(h, FieldSpec.defaults().select(FieldSpec.DEFAULT_FEATURES));
        // What version 1 wrote: the record components' own names, every setting a string.
        String v1 = new ObjectMapper().writeValueAsString(Map.of("format", Recommenders.FORMAT_CAMEL_CASE,
                "recommender", new ObjectMapper().readTree(camelCase(m))));
        Path file = dir.resolve("v1.json");
        Files.writeString(file, v1);
        assertTrue(v1.contains("\"historySha256\"") && v1.contains("\"balanceDatasets\":\"false\""), v1);
        Recommender back = Recommenders.load(file);
        assertEquals(m.provenance(), back.provenance());
        assertArrayEquals(m.predict(h.jobs()), back.predict(h.jobs()), 0.0);
    }

    @Test
    void aRankingJsonIsSnakeCaseStampedAndTyped() throws Exception {
        TrainingHistory h = Synthetic.plantedSignal(9);
        Recommender m = Recommenders.trainer("auto").train(h, FieldSpec.defaults().select(FieldSpec.DEFAULT_FEATURES));
        List<Prediction> ranked = Prediction.rank(m, h.jobs().subList(0, 5));
        JsonNode doc = new ObjectMapper().readTree(RecommendationWriter.json("target", ranked, List.of(), m.provenance(), null));
        assertEquals(List.of("modelscout_version", "created_at", "dataset"), List.of(doc.fieldNames().next(),
                iterate(doc).get(1), iterate(doc).get(2)));
        assertKeysSnakeCase(doc, "ranking");
        assertTrue(doc.get("recommender").get("history_sha256").isTextual(), doc.get("recommender").toString());
        assertTrue(doc.get("recommender").get("settings").get("fm.seed").isNumber(), doc.get("recommender").toString());
        assertTrue(doc.get("ranking").get(0).get("rank").isInt());
    }

    private static List<String> iterate(JsonNode n) {
        List<String> out = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** {@code m} as version 1 wrote it. */
    private static String camelCase(Recommender m) throws Exception {
        ObjectMapper plain = new ObjectMapper();
        Recommenders.KINDS.forEach(k -> plain.registerSubtypes(new com.fasterxml.jackson.databind.jsontype.NamedType(
                k.model(), k.name())));
        com.fasterxml.jackson.databind.node.ObjectNode tree = plain.valueToTree(m);
        // version 1 wrote settings as a plain map of strings, with the names as the code has them
        com.fasterxml.jackson.databind.node.ObjectNode settings = plain.createObjectNode();
        m.provenance().settings().forEach(settings::put);
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("provenance")).set("settings", settings);
        return plain.writeValueAsString(tree);
    }

    private static void assertKeysSnakeCase(JsonNode n, String where) {
        if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!where.endsWith(".settings")) {
                    assertTrue(SNAKE.matcher(e.getKey()).matches(), where + "." + e.getKey() + " is not snake_case");
                } else {
                    assertTrue(!e.getKey().matches(".*[a-z][A-Z].*"), where + "." + e.getKey() + " is camelCase");
                }
                assertKeysSnakeCase(e.getValue(), where + "." + e.getKey());
            }
        } else if (n.isArray()) {
            n.forEach(x -> assertKeysSnakeCase(x, where + "[]"));
        }
    }
}
