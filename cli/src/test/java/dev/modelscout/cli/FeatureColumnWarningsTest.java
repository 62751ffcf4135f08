package dev.modelscout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The feature columns that cannot help: one that is empty in every training row is named once on stderr by train
 * and evaluate; columns a recommender reads that no row given to predict has are named by a warning, and refused
 * with --strict (exit 1, one line naming the rows file and the columns). Synthetic data; no natives.
 */
class FeatureColumnWarningsTest {

    @TempDir
    Path dir;

    /** 4 datasets x 6 models with score_logme filled in (a planted signal) and score_parc empty in every row. */
    private Path history() throws Exception {
        StringBuilder sb = new StringBuilder("dataset,model,arch_family,score_logme,score_parc,accuracy\n");
        for (int d = 0; d < 4; d++) {
            for (int m = 0; m < 6; m++) {
                double logme = 0.1 * m + 0.05 * d;
                sb.append("ds").append(d).append(",model").append(m).append(',').append(m % 2 == 0 ? "vit" : "resnet")
                        .append(',').append(String.format(Locale.ROOT, "%.3f", logme)).append(",,")
                        .append(String.format(Locale.ROOT, "%.4f", 0.5 + logme / 2)).append('\n');
            }
        }
        Path p = dir.resolve("history.csv");
        Files.writeString(p, sb.toString());
        return p;
    }

    private static List<String> warnings(CliTest r) {
        return r.err().lines().filter(l -> l.startsWith("warning:")).toList();
    }

    @Test
    void trainWarnsOnceAboutAFeatureEmptyInEveryTrainingRow() throws Exception {
        Path h = history();
        CliTest r = CliTest.run("train", "--history", h.toString(), "--recommender", "lr", "--features",
                "dataset,model,score_logme,score_parc", "--out", dir.resolve("m.json").toString()).expectExit(0);
        assertEquals(List.of("warning: feature score_parc is empty in every training row of " + h + "; it cannot help"),
                warnings(r));
    }

    @Test
    void columnsWithValuesAndColumnsTheHistoryLacksAreNotWarnedAbout() throws Exception {
        // d,m reads dataset_size, pretrain_dataset, gmacs, ...: absent from this history, so not named.
        CliTest r = CliTest.run("train", "--history", history().toString(), "--recommender", "lr", "--features",
                "d,m,score_logme", "--out", dir.resolve("m.json").toString()).expectExit(0);
        assertEquals(List.of(), warnings(r));
    }

    @Test
    void emptyScoreColumnsThatCameWithTheScoreGroupShareOneNoteAndNoWarning() throws Exception {
        Path h = history();
        CliTest r = CliTest.run("train", "--history", h.toString(), "--recommender", "lr", "--features", "d,m,s",
                "--out", dir.resolve("m.json").toString()).expectExit(0);
        assertEquals(List.of(), warnings(r));
        assertEquals(List.of("note: 1 column of --features d,m,s is empty in every row of " + h
                + " and cannot help: score_parc"), r.err().lines().filter(l -> l.contains("cannot help")).toList());
    }

    @Test
    void evaluateWarnsOnceToo() throws Exception {
        Path h = history();
        CliTest r = CliTest.run("evaluate", "--history", h.toString(), "--recommender", "lr", "--no-tune", "--features",
                "dataset,model,score_parc:zscore", "--test-datasets", "ds1", "--no-baseline").expectExit(0);
        assertEquals(List.of("warning: feature score_parc is empty in every training row of " + h + "; it cannot help"),
                warnings(r));
    }

    private Path model() throws Exception {
        Path m = dir.resolve("m.json");
        CliTest.run("train", "--history", history().toString(), "--recommender", "lr", "--features",
                "dataset,model,score_logme", "--out", m.toString()).expectExit(0);
        return m;
    }

    @Test
    void predictWarnsAboutModelColumnsThatNoRowHas() throws Exception {
        Path m = model();
        Path rows = dir.resolve("rows.csv");
        Files.writeString(rows, "dataset,model\nnew,model5\nnew,model0\n");
        CliTest r = CliTest.run("predict", "--model", m.toString(), "--rows", rows.toString()).expectExit(0)
                .expectOut("model5");
        assertEquals(List.of("warning: " + rows + ": no row has a value in column score_logme, which " + m + " reads; "
                + "they count as unknown, so the predictions rest on the other columns alone (--strict refuses such "
                + "rows)"), warnings(r));

        Path some = dir.resolve("some.csv");
        Files.writeString(some, "dataset,model,score_logme\nnew,model5,\nnew,model0,0.1\n");
        CliTest fine = CliTest.run("predict", "--model", m.toString(), "--rows", some.toString(), "--strict").expectExit(0);
        assertFalse(fine.err().contains("warning"), fine.err());
    }

    @Test
    void predictStrictRefusesRowsWithoutTheModelsColumns() throws Exception {
        Path m = model();
        Path rows = dir.resolve("rows.csv");
        Files.writeString(rows, "dataset,model,score_logme\nnew,model5,\nnew,model0,\n");
        Path out = dir.resolve("p.csv");
        CliTest r = CliTest.run("predict", "--model", m.toString(), "--rows", rows.toString(), "--strict", "--out",
                out.toString()).expectExit(1);
        assertEquals(List.of("error: " + rows + ": no row has a value in column score_logme, which " + m + " reads "
                + "(--strict)"), r.err().lines().toList());
        assertFalse(Files.exists(out));
    }
}
