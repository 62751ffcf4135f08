package dev.modelscout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evaluate} refuses every option value outside its range, or one the history cannot satisfy, with a
 * one-line usage error (exit 2) before it trains anything; on {@link SyntheticHistory} (5 datasets x 9 models).
 */
class EvaluateCommandTest {

    @TempDir
    Path dir;

    private Path history() throws Exception {
        return SyntheticHistory.write(dir);
    }

    private CliTest evaluate(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("evaluate", "--history", history().toString(), "--recommender", "lr",
                "--no-tune"));
        all.addAll(List.of(args));
        return CliTest.run(all.toArray(String[]::new));
    }

    /** Exit 2, one error line (beside the hint to --help) with {@code message}, and nothing evaluated or printed. */
    private static void usageError(CliTest r, String message) {
        r.expectExit(2);
        List<String> lines = r.err().lines().filter(l -> !l.startsWith("Try '")).toList();
        assertEquals(List.of("error: " + message), lines, r.err());
        assertTrue(r.out().isBlank(), () -> "something was evaluated:\n" + r.out());
    }

    @Test
    void anUnknownProtocolIsAUsageError() throws Exception {
        usageError(evaluate("--protocol", "k-fold"), "--protocol k-fold: unknown protocol (allowed: unseen-models, "
                + "leave-one-dataset-out, train-test, learning-curve, active)");
    }

    @Test
    void curvesWithAnotherProtocolThanActiveAreAUsageError() throws Exception {
        usageError(evaluate("--curves", dir.resolve("c.csv").toString()),
                "--curves is used by --protocol active only (not leave-one-dataset-out)");
    }

    @Test
    void aFractionAboveOneIsAUsageError() throws Exception {
        usageError(evaluate("--protocol", "learning-curve", "--fractions", "0.5,2"), "--fractions 0.5,2: 2 is out of "
                + "range (allowed: increasing fractions above 0 and at most 1, such as 0.1,0.2,0.3,0.5,0.7,1)");
    }

    @Test
    void aZeroNegativeOrNaNFractionIsAUsageError() throws Exception {
        String allowed = " is out of range (allowed: increasing fractions above 0 and at most 1, such as "
                + "0.1,0.2,0.3,0.5,0.7,1)";
        usageError(evaluate("--protocol", "learning-curve", "--fractions", "0,0.5"), "--fractions 0,0.5: 0" + allowed);
        usageError(evaluate("--protocol", "learning-curve", "--fractions", "-0.5,1"), "--fractions -0.5,1: -0.5" + allowed);
        usageError(evaluate("--protocol", "learning-curve", "--fractions", "NaN"), "--fractions NaN: NaN" + allowed);
    }

    @Test
    void fractionsThatDoNotIncreaseAreAUsageError() throws Exception {
        usageError(evaluate("--protocol", "learning-curve", "--fractions", "0.5,0.5"), "--fractions 0.5,0.5: 0.5 does "
                + "not increase (allowed: increasing fractions above 0 and at most 1, such as 0.1,0.2,0.3,0.5,0.7,1)");
    }

    @Test
    void aTestFractionOutsideTheOpenUnitIntervalIsAUsageError() throws Exception {
        usageError(evaluate("--protocol", "unseen-models", "--test-fraction", "1"),
                "--test-fraction 1: out of range (allowed: a number above 0 and below 1)");
    }

    @Test
    void aTestFractionHoldingOutFewerThanTwoModelsOrAllIsAUsageError() throws Exception {
        String allowed = " of the 9 models of " + dir.resolve("history.csv")
                + " (allowed: at least 0.167 and below 0.944, holding out 2 to 8 models)";
        usageError(evaluate("--protocol", "unseen-models", "--test-fraction", "0.1"),
                "--test-fraction 0.1: holds out 1" + allowed);
        usageError(evaluate("--protocol", "unseen-models", "--test-fraction", "0.95"),
                "--test-fraction 0.95: holds out 9" + allowed);
    }

    @Test
    void aDatasetNamedTwiceIsAUsageError() throws Exception {
        usageError(evaluate("--test-datasets", "ds1,ds1"),
                "--test-datasets ds1,ds1: ds1 is named twice (allowed: distinct dataset names)");
    }

    @Test
    void aCountBelowOneIsAUsageError() throws Exception {
        usageError(evaluate("--top-k", "0"), "--top-k 0: out of range (allowed: an integer >= 1)");
        usageError(evaluate("--protocol", "unseen-models", "--splits", "0"),
                "--splits 0: out of range (allowed: an integer >= 1)");
        usageError(evaluate("--protocol", "learning-curve", "--repeats", "0"),
                "--repeats 0: out of range (allowed: an integer >= 1)");
    }

    @Test
    void aTestOrTrainDatasetNotInTheHistoryIsAUsageError() throws Exception {
        String allowed = " is not a dataset of " + dir.resolve("history.csv") + " (allowed: ds0, ds1, ds2, ds3, ds4)";
        usageError(evaluate("--test-datasets", "ds1,dtd"), "--test-datasets ds1,dtd: dtd" + allowed);
        usageError(evaluate("--protocol", "train-test", "--train-datasets", "cifar"),
                "--train-datasets cifar: cifar" + allowed);
    }

    @Test
    void trainTestWithDatasetsInBothListsIsAUsageError() throws Exception {
        usageError(evaluate("--protocol", "train-test", "--test-datasets", "ds1", "--train-datasets", "ds0,ds1"),
                "--train-datasets ds0,ds1: ds1 is also in --test-datasets (allowed: datasets not tested)");
    }

    @Test
    void optionRangesAreCheckedBeforeTheHistoryIsRead() {
        CliTest r = CliTest.run("evaluate", "--history", dir.resolve("absent.csv").toString(), "--top-k", "0");
        usageError(r, "--top-k 0: out of range (allowed: an integer >= 1)");
    }

    @Test
    void trainTestTestsTheDatasetsNotTrainedOnAndALearningCurveBelowOneHasScores() throws Exception {
        CliTest tt = evaluate("--protocol", "train-test", "--train-datasets", "ds0,ds1", "--no-baseline").expectExit(0);
        assertTrue(tt.out().contains("ds2") && tt.out().contains("ds4") && !tt.out().contains("ds0 "), tt.out());
        Path results = dir.resolve("curve.json");
        evaluate("--protocol", "learning-curve", "--fractions", "0.5,0.8", "--repeats", "1", "--test-datasets",
                "ds0,ds3", "--no-baseline", "--out", results.toString()).expectExit(0).expectOut("fraction");
        String json = Files.readString(results);
        assertTrue(json.contains("\"curve\"") && json.contains("\"dataset\" : \"ds3\"") && !json.contains("NaN"), json);
    }
}
