package dev.modelscout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelscout.recommender.Recommenders;
import dev.modelscout.scoring.Scores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every option of score, extract, bench scores, bench extract, predict and train refuses a value outside its
 * range with a one-line usage error naming it (exit 2) before any work: each case names input files that do
 * not exist, so a check made after reading them would fail otherwise (exit 1). (zoo list and zoo show have no
 * option with a range: --zoo is a file, ID a name; evaluate has its own test.) No natives are loaded.
 */
class OptionRangesTest {

    @TempDir
    Path dir;

    private String missing(String name) {
        return dir.resolve(name).toString();
    }

    private CliTest run(List<String> base, String... args) {
        List<String> all = new ArrayList<>(base);
        all.addAll(List.of(args));
        return CliTest.run(all.toArray(String[]::new));
    }

    /** Exit 2, one error line (beside the hint to --help) that is {@code message}, nothing on stdout. */
    private static void usageError(CliTest r, String message) {
        r.expectExit(2);
        List<String> lines = r.err().lines().filter(l -> !l.startsWith("Try '")).toList();
        assertEquals(List.of("error: " + message), lines, r.err());
        assertTrue(r.out().isBlank(), () -> "something was done:\n" + r.out());
    }

    private List<String> scoreFiles() {
        return List.of("score", "--features", missing("f.npy"), "--labels", missing("y.npy"));
    }

    private List<String> scoreImages() {
        return List.of("score", "--images", missing("images"), "--zoo", missing("zoo.csv"));
    }

    private List<String> extract() {
        return List.of("extract", "--images", missing("images"), "--zoo", missing("zoo.csv"), "--out", missing("out"));
    }

    private List<String> benchExtract() {
        return List.of("bench", "extract", "--zoo", missing("zoo.csv"), "--model", "tiny");
    }

    private List<String> predict() {
        return List.of("predict", "--model", missing("m.json"), "--rows", missing("rows.csv"));
    }

    private List<String> train(String recommender) {
        return List.of("train", "--history", missing("h.csv"), "--recommender", recommender, "--out", missing("m.json"));
    }

    // score

    @Test
    void scoreRefusesANegativeParcPca() {
        usageError(run(scoreFiles(), "--parc-pca", "-1"), "--parc-pca -1: out of range (allowed: an integer >= 0; 0 = no PCA)");
    }

    @Test
    void scoreRefusesANegativeGbcPca() {
        usageError(run(scoreFiles(), "--gbc-pca", "-1"), "--gbc-pca -1: out of range (allowed: an integer >= 0; 0 = no PCA)");
    }

    @Test
    void scoreRefusesAnUnknownScoreName() {
        usageError(run(scoreFiles(), "--scores", "logme,bogus"), "--scores logme,bogus: unknown score 'bogus'; known: "
                + String.join(",", Scores.NAMES) + " (or all)");
    }

    @Test
    void recommendReadsScoresWithTheRegistrysParserAndRefusesAnUnknownNameBeforeAnyWork() {
        usageError(CliTest.run("recommend", "--images", missing("images"), "--zoo", missing("zoo.csv"), "--scores",
                "logme,bogus"), "--scores logme,bogus: unknown score 'bogus'; known: " + String.join(",", Scores.NAMES)
                + " (or all)");
        // all and none are names of the registry's parser: the run goes on to the (missing) images
        for (String list : List.of("all", "none", "ALL")) {
            CliTest r = CliTest.run("recommend", "--images", missing("images"), "--zoo", missing("zoo.csv"), "--scores",
                    list).expectExit(1);
            assertTrue(!r.err().contains("unknown score") && !r.err().contains("--scores"), r.err());
        }
    }

    @Test
    void scoreRefusesAnEmptyScoreList() {
        usageError(run(scoreFiles(), "--scores", ","), "--scores ,: no score named; choose from "
                + String.join(",", Scores.NAMES) + " or all");
    }

    @Test
    void scoreWithImagesRefusesPerClassZero() {
        usageError(run(scoreImages(), "--per-class", "0"),
                "--per-class 0: out of range (allowed: an integer >= 1; leave it out to use every image)");
    }

    @Test
    void scoreWithImagesRefusesBatchSizeZero() {
        usageError(run(scoreImages(), "--batch-size", "0"), "--batch-size 0: out of range (allowed: an integer >= 1)");
    }

    // extract

    @Test
    void extractRefusesPerClassZero() {
        usageError(run(extract(), "--per-class", "0"),
                "--per-class 0: out of range (allowed: an integer >= 1; leave it out to use every image)");
    }

    @Test
    void extractRefusesANegativePerClass() {
        usageError(run(extract(), "--per-class", "-3"),
                "--per-class -3: out of range (allowed: an integer >= 1; leave it out to use every image)");
    }

    @Test
    void extractRefusesBatchSizeZero() {
        usageError(run(extract(), "--batch-size", "0"), "--batch-size 0: out of range (allowed: an integer >= 1)");
    }

    @Test
    void extractRefusesNegativeThreads() {
        usageError(run(extract(), "--threads", "-1"), "--threads -1: out of range (allowed: an integer >= 0; 0 = one per core)");
    }

    @Test
    void extractRefusesZeroWorkers() {
        usageError(run(extract(), "--workers", "0"), "--workers 0: out of range (allowed: an integer >= 1)");
    }

    // bench scores

    @Test
    void benchScoresRefusesRepeatZero() {
        usageError(CliTest.run("bench", "scores", "--repeat", "0"), "--repeat 0: out of range (allowed: an integer >= 1)");
    }

    @Test
    void benchScoresRefusesAnUnknownCaseAmongKnownOnes() {
        usageError(CliTest.run("bench", "scores", "--case", "N5000_D1024_C100,N1_D1_C1", "--write-inputs", missing("in")),
                "--case N5000_D1024_C100,N1_D1_C1: no case named 'N1_D1_C1' (allowed: N5000_D1024_C100, "
                        + "N10000_D2048_C100, N20000_D2048_C100)");
        assertTrue(Files.notExists(dir.resolve("in")), "nothing written");
    }

    // bench extract

    @Test
    void benchExtractRefusesBatchSizeZero() {
        usageError(run(benchExtract(), "--batch-size", "0"), "--batch-size 0: out of range (allowed: an integer >= 1)");
    }

    @Test
    void benchExtractRefusesNegativeWarmup() {
        usageError(run(benchExtract(), "--warmup", "-1"), "--warmup -1: out of range (allowed: an integer >= 0)");
    }

    @Test
    void benchExtractRefusesZeroBatches() {
        usageError(run(benchExtract(), "--batches", "0"), "--batches 0: out of range (allowed: an integer >= 1)");
    }

    @Test
    void benchExtractRefusesNegativeThreads() {
        usageError(run(benchExtract(), "--threads", "-2"), "--threads -2: out of range (allowed: an integer >= 0; 0 = one per core)");
    }

    @Test
    void benchExtractRefusesZeroWorkers() {
        usageError(run(benchExtract(), "--workers", "0"), "--workers 0: out of range (allowed: an integer >= 1)");
    }

    // predict

    @Test
    void predictRefusesTopZero() {
        usageError(run(predict(), "--top", "0"), "--top 0: out of range (allowed: an integer >= 1)");
    }

    @Test
    void predictRefusesAnUnknownDuplicatePolicy() {
        usageError(run(predict(), "--on-duplicate", "last"), "--on-duplicate must be error, first, mean or replace, not 'last'");
    }

    // train: the trainer's options and the history's, all before the history is read

    @Test
    void trainRefusesZeroFactors() {
        usageError(run(train("fm"), "--factors", "0"), "--factors 0: out of range (allowed: an integer >= 1)");
    }

    @Test
    void trainRefusesANegativeLambda() {
        usageError(run(train("fm"), "--lambda", "-1"), "--lambda -1: out of range (allowed: a finite number >= 0)");
    }

    @Test
    void trainRefusesANaNLambda() {
        usageError(run(train("lr"), "--lambda", "NaN"),
                "--lambda NaN: out of range (allowed: a finite number > 0; fm also takes 0)");
    }

    @Test
    void trainRefusesAnInfiniteLambda() {
        usageError(run(train("fm"), "--lambda", "Infinity"), "--lambda Infinity: out of range (allowed: a finite number >= 0)");
    }

    @Test
    void trainRefusesLambdaZeroForTheRidge() {
        usageError(run(train("lr"), "--lambda", "0"), "--lambda 0: out of range (allowed: a finite number > 0; fm also takes 0)");
    }

    @Test
    void trainRefusesAnFmWeightAboveOne() {
        usageError(run(train("ensemble"), "--fm-weight", "1.5"), "--fm-weight 1.5: out of range (allowed: a number from 0 to 1)");
    }

    @Test
    void trainRefusesANaNFmWeight() {
        usageError(run(train("ensemble"), "--fm-weight", "NaN"), "--fm-weight NaN: out of range (allowed: a number from 0 to 1)");
    }

    @Test
    void trainRefusesAnUnknownRecommender() {
        usageError(CliTest.run(train("svm").toArray(String[]::new)),
                "--recommender svm: unknown recommender (allowed: " + String.join(", ", Recommenders.shortNames()) + ")");
    }

    @Test
    void trainRefusesAnUnknownDuplicatePolicy() {
        usageError(run(train("lr"), "--on-duplicate", "last"), "--on-duplicate must be error, first, mean or replace, not 'last'");
    }

    @Test
    void trainRefusesAnUnknownNormalisationInFeatures() {
        usageError(run(train("lr"), "--features", "d,score_logme:zcore"),
                "--features d,score_logme:zcore: normalize must be none, zscore or rank, not 'zcore'");
    }

    @Test
    void trainRefusesFeaturesThatSelectNothing() {
        usageError(run(train("lr"), "--features", ","), "--features ,: no features selected");
    }

    @Test
    void hugeAndTinyNumbersAreShownShortNotAsHundredsOfDigits() {
        org.junit.jupiter.api.Assertions.assertEquals("1.0E308", OptionRanges.number(1e308));
        org.junit.jupiter.api.Assertions.assertEquals("4.9E-324", OptionRanges.number(Double.MIN_VALUE));
        org.junit.jupiter.api.Assertions.assertEquals("0.5", OptionRanges.number(0.5));
        org.junit.jupiter.api.Assertions.assertEquals("20", OptionRanges.number(20));
        CliTest r = CliTest.run("finetune", "--lr", "1e308", "--model", "x", "--images", "/nonexistent").expectExit(2)
                .expectErr("--lr");
        org.junit.jupiter.api.Assertions.assertTrue(r.err().length() < 300, r.err());
    }
}
