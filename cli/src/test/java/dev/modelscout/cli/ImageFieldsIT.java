package dev.modelscout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelscout.core.FeatureStats;
import dev.modelscout.zoo.BackboneCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image fields end to end: {@code zoo source} stores a backbone's source statistics with the catalog, and
 * {@code recommend} records the probe's accuracy on the reference backbone and each backbone's domain distance.
 */
class ImageFieldsIT {

    @TempDir
    Path dir;

    Path zoo;

    @BeforeEach
    void zoo() throws IOException {
        zoo = TestZoo.tinyAndResnet(dir, List.of("--pretrain", "shapes"), List.of());
    }

    @Test
    void sourceStatisticsAreStoredAndRecommendRecordsBothFields() throws IOException {
        Path source = dir.resolve("source");
        ExtractIT.images(source, 3, 4);
        CliTest.run("--device", "cpu", "zoo", "source", "--zoo", zoo.toString(), "--images", source.toString(),
                "--models", "tiny", "--cache", dir.resolve("c1").toString())
                .expectExit(0).expectOut("tiny: source statistics of 12 images");
        BackboneCatalog catalog = BackboneCatalog.load(zoo);
        assertEquals("tiny.source.npy", catalog.get("tiny").sourceStats());
        assertEquals(null, catalog.get("r18").sourceStats());
        FeatureStats stats = FeatureStats.read(dir.resolve("tiny.source.npy"));
        assertEquals(catalog.get("tiny").featureDim(), stats.dim());

        Path target = dir.resolve("target");
        ExtractIT.images(target, 2, 6);
        Path out = dir.resolve("recs.json");
        CliTest.run("--device", "cpu", "recommend", "--images", target.toString(), "--zoo", zoo.toString(),
                "--cache", dir.resolve("c2").toString(), "--out", out.toString()).expectExit(0);
        JsonNode doc = new ObjectMapper().readTree(out.toFile());
        assertEquals("r18", doc.get("probe_model").asText(), "the only backbone with known GMACs");
        double probe = doc.get("probe_accuracy").asDouble();
        assertTrue(probe >= 0 && probe <= 1, doc.toString());
        for (JsonNode row : doc.get("ranking")) {
            JsonNode d = row.get("domain_distance");
            if (row.get("model").asText().equals("tiny")) {
                assertTrue(d.isNumber() && d.asDouble() >= 0, row.toString());
            } else {
                assertTrue(d.isNull(), row.toString());
            }
        }
        // only one backbone asked for: the reference is extracted for the probe all the same
        Path csv = dir.resolve("one.csv");
        CliTest.run("--device", "cpu", "recommend", "--images", target.toString(), "--zoo", zoo.toString(),
                "--models", "tiny", "--cache", dir.resolve("c3").toString(), "--out", csv.toString()).expectExit(0);
        List<String> lines = Files.readAllLines(csv);
        List<String> header = List.of(lines.get(0).split(","));
        String[] cells = lines.get(1).split(",", -1);
        assertEquals("r18", cells[header.indexOf("probe_model")]);
        assertEquals(probe, Double.parseDouble(cells[header.indexOf("probe_accuracy")]), 1e-12);
    }

    @Test
    void aMissingStatisticsFileIsAOneLineErrorNamingIt() throws IOException {
        String text = Files.readString(zoo).replace("\n", "\n").strip();
        List<String> rows = List.of(text.split("\n"));
        StringBuilder edited = new StringBuilder(rows.get(0) + (rows.get(0).contains("source_stats") ? "" : ",source_stats") + "\n");
        for (String r : rows.subList(1, rows.size())) {
            edited.append(r.startsWith("tiny,") ? r.replaceAll(",[^,]*$", ",gone.npy") : r).append('\n');
        }
        Files.writeString(zoo, edited.toString());
        Path target = dir.resolve("target");
        ExtractIT.images(target, 2, 4);
        CliTest.run("--device", "cpu", "recommend", "--images", target.toString(), "--zoo", zoo.toString(),
                "--cache", dir.resolve("c").toString()).expectExit(1).expectErr("tiny: source_stats " + dir.resolve("gone.npy")
                + ": no such file");
    }
}
