package dev.modelscout.recommender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrueAccuraciesTest {

    @TempDir
    Path dir;

    @Test
    void readsModelAccuracyRowsOfEveryDatasetOrOfAFileWithoutOne() {
        TrueAccuracies t = TrueAccuracies.parse("t.csv", "dataset,model,accuracy\npets,a,0.8\npets,b,0.7\ndtd,a,0.5\n");
        assertEquals(Map.of("a", 0.8, "b", 0.7), t.of("pets"));
        assertEquals(Map.of("a", 0.5), t.of("dtd"));
        TrueAccuracies plain = TrueAccuracies.parse("t.csv", "\uFEFFmodel,accuracy\na,0.8\n\nb,0.7\n");
        assertEquals(Map.of("a", 0.8, "b", 0.7), plain.of("whatever"), "no dataset column: the rows are the target's");
    }

    @Test
    void aRecommendOutCsvWithSomeAccuraciesFilledInWillDo() throws Exception {
        Path f = dir.resolve("recs.csv");
        Files.writeString(f, "rank,dataset,dataset_size,num_classes,model,arch_family,predicted_accuracy,accuracy\n"
                + "1,pets,12,2,r18,resnet,0.7,0.81\n2,pets,12,2,tiny,resnet,0.6,\n");
        assertEquals(Map.of("r18", 0.81), TrueAccuracies.read(f).of("pets"), "empty accuracy: unknown, left out");
    }

    @Test
    void refusesWhatIsNotAnAccuracyNamingFileLineAndColumn() {
        assertMessage("model,accuracy\na,81\n", "t.csv:2:2: column 'accuracy': 81 is outside [0,1] (a percentage? divide by 100)");
        assertMessage("model,accuracy\na,-0.1\n", "t.csv:2:2: column 'accuracy': -0.1 is outside [0,1]");
        assertMessage("model,accuracy\na,high\n", "t.csv:2:2: column 'accuracy': not a number: 'high'");
        assertMessage("model,accuracy\na,NaN\n", "t.csv:2:2: column 'accuracy': NaN is outside [0,1]");
        assertMessage("model,accuracy\n,0.5\n", "t.csv:2:1: column 'model': empty (required)");
        assertMessage("dataset,model,accuracy\npets,a,0.5\n\npets,a,0.6\n",
                "t.csv:4: a second accuracy of model 'a' on dataset 'pets' (the first is on line 2)");
        assertMessage("model,acc\na,0.5\n", "t.csv: missing required column 'accuracy' (header: model,acc;");
        assertMessage("", "t.csv: empty file");
        assertMessage("model,accuracy\n\"a,0.5\n", "t.csv");
    }

    @Test
    void aDatasetTheFileDoesNotHaveIsNamedWithTheOnesItHas() {
        TrueAccuracies t = TrueAccuracies.parse("t.csv", "dataset,model,accuracy\npets,a,0.8\ndtd,a,0.5\n");
        HistoryFormatException e = assertThrows(HistoryFormatException.class, () -> t.of("cars"));
        assertEquals("t.csv: no accuracy of dataset 'cars' (its datasets: dtd, pets); pass --dataset-id to name the "
                + "target as the file does", e.getMessage());
    }

    @Test
    void aMissingFileIsOneLine() {
        HistoryFormatException e = assertThrows(HistoryFormatException.class,
                () -> TrueAccuracies.read(dir.resolve("none.csv")));
        assertTrue(e.getMessage().endsWith("none.csv: no such file"), e.getMessage());
    }

    @Test
    void readsStandardErrorsAndTheSeedsFileBesideTheTruth() throws Exception {
        Path f = dir.resolve("truth.csv");
        Files.writeString(f, "dataset,model,accuracy,accuracy_se,accuracy_seeds\npets,a,0.6,0.05,2\npets,b,0.8,,2\n");
        Files.writeString(dir.resolve("truth-seeds.csv"), "dataset,model,seed,accuracy\npets,a,0,0.55\npets,a,1,0.65\n"
                + "pets,b,0,0.8\npets,b,1,0.8\n");
        TrueAccuracies t = TrueAccuracies.read(f);
        assertEquals(Map.of("a", 0.6, "b", 0.8), t.of("pets"));
        assertEquals(Map.of("a", 0.05), t.standardErrorsOf("pets"), "an empty standard error is unknown");
        assertEquals(java.util.List.of(0.55, 0.65), java.util.Arrays.stream(t.seedsOf("pets").get("a")).boxed().toList());
        assertEquals(Map.of(), TrueAccuracies.parse("t.csv", "model,accuracy\na,0.5\n").standardErrorsOf("x"),
                "a truth without the column reads as before");
    }

    @Test
    void refusesAStandardErrorThatIsNotOne() {
        assertMessage("model,accuracy,accuracy_se\na,0.5,-0.1\n",
                "t.csv:2:3: column 'accuracy_se': '-0.1' is not a standard error");
    }

    @Test
    void aSeedsFileNamesTheLineOfABadAccuracyPastBlankLines() {
        HistoryFormatException e = assertThrows(HistoryFormatException.class, () -> TrueAccuracies.parseSeeds(
                "t-seeds.csv", "dataset,model,seed,accuracy\npets,a,0,0.55\n\npets,a,1,1.5\n"));
        assertEquals("t-seeds.csv:4: accuracy '1.5' is not a number in [0,1]", e.getMessage());
    }

    private static void assertMessage(String csv, String start) {
        HistoryFormatException e = assertThrows(HistoryFormatException.class, () -> TrueAccuracies.parse("t.csv", csv));
        assertTrue(e.getMessage().startsWith(start), () -> "'" + e.getMessage() + "' does not start with '" + start + "'");
    }
}
