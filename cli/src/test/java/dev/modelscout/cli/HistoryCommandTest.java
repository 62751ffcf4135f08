package dev.modelscout.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelscout.recommender.HistoryReader;
import dev.modelscout.recommender.HistorySchema;
import dev.modelscout.recommender.ReadOptions;
import dev.modelscout.recommender.TrainingHistory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code modelscout history append} in-process (no natives). */
class HistoryCommandTest {

    @TempDir
    Path dir;

    /** A history of 3 datasets x 4 models in the schema's column order. */
    private Path history() throws Exception {
        StringBuilder sb = new StringBuilder(String.join(",", HistorySchema.COLUMNS)).append('\n');
        for (int d = 0; d < 3; d++) {
            for (int m = 0; m < 4; m++) {
                List<String> row = new ArrayList<>();
                for (String c : HistorySchema.COLUMNS) {
                    row.add(switch (c) {
                        case "dataset" -> "ds" + d;
                        case "model" -> "model" + m;
                        case "params_m" -> Integer.toString(5 + m);
                        case "accuracy" -> String.format(Locale.ROOT, "%.3f", 0.5 + 0.1 * d + 0.02 * m);
                        case "source" -> "lab";
                        default -> "";
                    });
                }
                sb.append(String.join(",", row)).append('\n');
            }
        }
        Path p = dir.resolve("history.csv");
        Files.writeString(p, sb.toString());
        return p;
    }

    /** Rows as {@code recommend --out} writes them (rank, history columns without accuracy/source,
     *  predicted_accuracy) with the user's accuracy column added at the end. */
    private Path recommendOutputWithAccuracy(String dataset, String... modelAndAccuracy) throws Exception {
        List<String> header = new ArrayList<>(HistorySchema.COLUMNS.stream()
                .filter(c -> !c.equals("accuracy") && !c.equals("source")).toList());
        header.add(0, "rank");
        header.add("predicted_accuracy");
        header.add("accuracy");
        StringBuilder sb = new StringBuilder(String.join(",", header)).append('\n');
        for (int i = 0; i < modelAndAccuracy.length; i += 2) {
            List<String> row = new ArrayList<>();
            for (String c : header) {
                row.add(switch (c) {
                    case "rank" -> Integer.toString(i / 2 + 1);
                    case "dataset" -> dataset;
                    case "model" -> modelAndAccuracy[i];
                    case "num_classes" -> "10";
                    case "predicted_accuracy" -> "0.75";
                    case "accuracy" -> modelAndAccuracy[i + 1];
                    default -> "";
                });
            }
            sb.append(String.join(",", row)).append('\n');
        }
        Path p = dir.resolve("recs.csv");
        Files.writeString(p, sb.toString());
        return p;
    }

    @Test
    void appendsRecommendOutputWithAccuracyAndPrintsTheSummary() throws Exception {
        Path h = history();
        String before = Files.readString(h);
        Path recs = recommendOutputWithAccuracy("ds3", "model1", "0.71", "model4", "0.69");
        CliTest r = CliTest.run("history", "append", "--history", h.toString(), "--jobs", recs.toString())
                .expectExit(0)
                .expectOut("2 jobs appended to " + h + "; history now 14 jobs over 4 datasets x 5 models")
                .expectErr("dropped: rank, predicted_accuracy");
        assertEquals(1, r.out().lines().count(), r.out());
        String after = Files.readString(h);
        assertTrue(after.startsWith(before), "existing rows kept byte for byte");
        assertTrue(after.endsWith(",0.69,\n"), after);
        // The grown history trains.
        CliTest.run("train", "--history", h.toString(), "--recommender", "lr", "--out", dir.resolve("m.json").toString())
                .expectExit(0);
    }

    @Test
    void badRowLeavesTheHistoryByteIdentical() throws Exception {
        Path h = history();
        byte[] before = Files.readAllBytes(h);
        Path recs = recommendOutputWithAccuracy("ds3", "model1", "0.71", "model4", "");
        int accuracyColumn = HistorySchema.COLUMNS.size() + 1;
        CliTest r = CliTest.run("history", "append", "--history", h.toString(), "--jobs", recs.toString())
                .expectExit(1)
                .expectErr("error: " + recs + ":3:" + accuracyColumn + ": column 'accuracy': empty");
        assertEquals(1, r.err().lines().count(), r.err());
        assertEquals("", r.out());
        assertArrayEquals(before, Files.readAllBytes(h));

        Path percent = recommendOutputWithAccuracy("ds3", "model1", "71");
        CliTest.run("history", "append", "--history", h.toString(), "--jobs", percent.toString())
                .expectExit(1).expectErr(percent + ":2:" + accuracyColumn + ": column 'accuracy': 71.0 is outside [0,1]");
        assertArrayEquals(before, Files.readAllBytes(h));
        try (var files = Files.list(dir)) {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        }
    }

    @Test
    void duplicateIsAnErrorByDefaultAndReplaceSwapsTheJob() throws Exception {
        Path h = history();
        byte[] before = Files.readAllBytes(h);
        Path recs = recommendOutputWithAccuracy("ds1", "model2", "0.77");
        CliTest.run("history", "append", "--history", h.toString(), "--jobs", recs.toString())
                .expectExit(1)
                .expectErr(recs + ":2: job (dataset 'ds1', model 'model2') is already in " + h + ":8");
        assertArrayEquals(before, Files.readAllBytes(h));

        CliTest.run("history", "append", "--history", h.toString(), "--jobs", recs.toString(), "--on-duplicate", "first")
                .expectExit(0).expectOut("0 jobs appended to " + h + ", 1 skipped (already in the history); history now 12 jobs");
        assertArrayEquals(before, Files.readAllBytes(h));

        CliTest.run("history", "append", "--history", h.toString(), "--jobs", recs.toString(), "--on-duplicate", "replace")
                .expectExit(0).expectOut("1 job appended to " + h + ", 1 replaced; history now 12 jobs over 3 datasets x 4 models");
        TrainingHistory t = HistoryReader.read(h, ReadOptions.defaults());
        assertEquals(0.77, t.jobs().get(t.size() - 1).accuracy());

        CliTest.run("history", "append", "--history", h.toString(), "--jobs", recs.toString(), "--on-duplicate", "sometimes")
                .expectExit(2).expectErr("--on-duplicate must be");
    }

    @Test
    void createsAMissingHistoryFromPercentages() throws Exception {
        Path h = dir.resolve("grown.csv");
        Path recs = recommendOutputWithAccuracy("ds0", "model1", "71.5", "model2", "80");
        CliTest.run("history", "append", "--history", h.toString(), "--jobs", recs.toString(), "--accuracy-percent")
                .expectExit(0).expectOut("2 jobs appended to " + h + " (created); history now 2 jobs over 1 dataset x 2 models");
        TrainingHistory t = HistoryReader.read(h, ReadOptions.defaults());
        assertEquals(List.of(0.715, 0.8), t.jobs().stream().map(j -> j.accuracy()).toList());
        assertTrue(t.columns().containsAll(List.of("rank", "predicted_accuracy")), t.columns().toString());
    }

    @Test
    void historyHelpListsAppend() {
        CliTest.run("history", "--help").expectExit(0).expectOut("append");
        CliTest.run("--help").expectExit(0).expectOut("history");
    }

    @Test
    void appendingThroughASymbolicLinkGrowsTheRealHistoryAndKeepsTheLink() throws Exception {
        Path real = history();
        Path link = Files.createSymbolicLink(dir.resolve("current.csv"), real.getFileName());
        Path recs = recommendOutputWithAccuracy("ds9", "model1", "0.61");
        CliTest.run("history", "append", "--history", link.toString(), "--jobs", recs.toString()).expectExit(0)
                .expectOut("1 job appended to " + link);
        assertTrue(Files.isSymbolicLink(link), "the link is still a link");
        TrainingHistory t = HistoryReader.read(real, ReadOptions.defaults());
        assertEquals(13, t.size());
        assertEquals("ds9", t.jobs().get(12).dataset());
    }

    @Test
    void aReadOnlyHistoryIsRefusedAndLeftAsItIs() throws Exception {
        Path h = history();
        byte[] before = Files.readAllBytes(h);
        Files.setPosixFilePermissions(h, java.nio.file.attribute.PosixFilePermissions.fromString("r--r--r--"));
        Path recs = recommendOutputWithAccuracy("ds9", "model1", "0.61");
        CliTest.run("history", "append", "--history", h.toString(), "--jobs", recs.toString()).expectExit(2)
                .expectErr(h + ": the file is read-only");
        assertArrayEquals(before, Files.readAllBytes(h));
    }
}
