package dev.modelscout.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelscout.core.FeatureMatrix;
import dev.modelscout.core.Labels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/** The golden cases of ../shared/fixtures/ms_scores.json (authors' reference code); skips when absent. */
final class Fixtures {

    record Case(String name, FeatureMatrix features, Labels labels, FeatureMatrix probs, JsonNode json) {
        double value(String key) {
            return json.get(key).asDouble();
        }

        double[] values(String key) {
            JsonNode a = json.get(key);
            double[] out = new double[a.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = a.get(i).asDouble();
            }
            return out;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private Fixtures() {
    }

    static List<Case> cases() {
        String shared = System.getProperty("modelscout.shared", "../../shared");
        Path file = Path.of(shared, "fixtures", "ms_scores.json");
        Assumptions.assumeTrue(Files.isRegularFile(file), "no shared fixtures at " + file);
        try {
            JsonNode root = new ObjectMapper().readTree(file.toFile());
            List<Case> out = new ArrayList<>();
            for (JsonNode c : root.get("cases")) {
                int[] raw = new int[c.get("labels").size()];
                for (int i = 0; i < raw.length; i++) {
                    raw[i] = c.get("labels").get(i).asInt();
                }
                out.add(new Case(c.get("name").asText(), matrix(c.get("features")), Labels.remap(raw),
                        matrix(c.get("source_probs")), c));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Case byName(String name) {
        return cases().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private static FeatureMatrix matrix(JsonNode rows) {
        double[][] v = new double[rows.size()][];
        for (int i = 0; i < v.length; i++) {
            JsonNode r = rows.get(i);
            v[i] = new double[r.size()];
            for (int j = 0; j < v[i].length; j++) {
                v[i][j] = r.get(j).asDouble();
            }
        }
        return FeatureMatrix.of(v);
    }

    static void assertRelative(double expected, double actual, double tol, String what) {
        double rel = Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300);
        if (!(rel <= tol)) {
            throw new AssertionError(what + ": expected " + expected + ", got " + actual + " (relative error "
                    + rel + " > " + tol + ")");
        }
    }
}
