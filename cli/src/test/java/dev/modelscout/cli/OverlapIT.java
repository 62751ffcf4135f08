package dev.modelscout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelscout.workflow.Overlap;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The overlap with real natives (DJL extraction on the worker thread, ND4J scores on the caller), forced on with
 * {@code -Dmodelscout.overlap=true} since on the CPU it is off by default: {@code score --images} and a shard of
 * score cells give the values of the runs one after the other. Every run uses one PyTorch thread ({@code --threads
 * 1}, which the overlap keeps): features computed with other thread counts differ in the last digits (about 1e-7
 * relative for r18), and PyTorch's thread count is process-wide, so an overlapped run (half the cores) would
 * change it for the runs after it in this JVM. The scores' native threads are halved beside the extraction and put
 * back after it, so an overlapped run scores with other BLAS thread counts than one after the other: the values agree
 * to 1e-9 relative (summation order), not to the last digit.
 */
class OverlapIT {

    @TempDir
    Path dir;

    Path zoo;

    @BeforeAll
    static void guardTheNetwork() throws IOException {
        NetworkGuard.install();
    }

    @BeforeEach
    void zooAndImages() throws IOException {
        zoo = TestZoo.tinyAndResnet(dir, List.of("--arch", "cnn"), List.of("--arch", "resnet"));
        ExtractIT.images(dir.resolve("Pets"), 2, 5);
    }

    @AfterEach
    void clear() {
        System.clearProperty(Overlap.PROPERTY);
    }

    private Map<String, String> scoreImages(String overlap, String cache) throws IOException {
        System.setProperty(Overlap.PROPERTY, overlap);
        Path out = dir.resolve("scores-" + overlap + ".csv");
        CliTest r = CliTest.run("--device", "cpu", "-v", "score", "--images", dir.resolve("Pets").toString(), "--zoo",
                zoo.toString(), "--scores", "logme,lfc,hscore", "--threads", "1", "--cache", dir.resolve(cache).toString(),
                "--out", out.toString()).expectExit(0).expectErr("timing: tiny: features ").expectErr("timing: r18: features ");
        r.expectErr(overlap.equals("true") ? "(scoring overlapped the next backbone's features"
                : "(one after the other: modelscout.overlap=false)");
        Map<String, String> values = new HashMap<>();
        for (CSVRecord rec : csv(out)) {
            for (String s : List.of("logme", "lfc", "hscore")) {
                values.put(rec.get("model") + "/" + s, rec.get(s));
            }
        }
        return values;
    }

    @Test
    void scoreImagesOverlappedGivesTheScoresOfTheRunOneAfterTheOther() throws IOException {
        Map<String, String> overlapped = scoreImages("true", "cache-a");
        Map<String, String> sequential = scoreImages("false", "cache-b");
        assertEquals(6, overlapped.size());
        assertEquals(sequential.keySet(), overlapped.keySet());
        for (Map.Entry<String, String> e : sequential.entrySet()) {
            double want = Double.parseDouble(e.getValue());
            assertEquals(want, Double.parseDouble(overlapped.get(e.getKey())), 1e-9 * Math.max(1, Math.abs(want)),
                    e.getKey());
        }
    }

    @Test
    void aShardOfScoreCellsOverlappedMergesToTheScoresOfScoreImages() throws IOException {
        Map<String, String> reference = scoreImages("false", "ref-cache");
        System.setProperty(Overlap.PROPERTY, "true");
        Path plan = dir.resolve("plan");
        CliTest.run("--device", "cpu", "jobs", "plan", "--zoo", zoo.toString(), "--datasets",
                dir.resolve("Pets").toString(), "--scores", "logme,lfc,hscore", "--threads", "1", "--shards", "1", "--out",
                plan.toString()).expectExit(0).expectOut("planned 2 score cells");
        CliTest run = CliTest.run("--device", "cpu", "jobs", "run", "--plan", plan.toString(), "--shard", "0")
                .expectExit(0).expectOut("2 computed, 0 failed");
        String err = run.err();
        assertTrue(err.indexOf("0001-pets-r18: score r18 on pets") < err.indexOf("0000-pets-tiny: done in"),
                "the second cell begins before the first is done: " + err);
        Path rows = dir.resolve("rows.csv");
        CliTest.run("jobs", "merge", "--plan", plan.toString(), "--out", rows.toString()).expectExit(0);
        int compared = 0;
        for (CSVRecord r : csv(rows)) {
            for (String s : List.of("logme", "lfc", "hscore")) {
                double want = Double.parseDouble(reference.get(r.get("model") + "/" + s));
                assertEquals(want, Double.parseDouble(r.get("score_" + s)), 1e-9 * Math.max(1, Math.abs(want)),
                        r.get("model") + " " + s);
                compared++;
            }
        }
        assertEquals(6, compared);
    }

    private static List<CSVRecord> csv(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r).getRecords();
        }
    }
}
