package dev.modelscout.recommender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingHistoryTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static TrainingHistory.ReadOptions defaults() {
        return TrainingHistory.ReadOptions.defaults();
    }

    @Test
    void rejectsHistoryWithoutAccuracyColumn() throws Exception {
        Path p = write("h.csv", "dataset,model,params_m\ncifar,resnet,11\n");
        HistoryFormatException e = assertThrows(HistoryFormatException.class, () -> TrainingHistory.read(p, defaults()));
        assertTrue(e.getMessage().startsWith(p.toString() + ": missing required column 'accuracy'"), e.getMessage());
    }

    @Test
    void badNumberNamesFileLineAndColumn() throws Exception {
        Path p = write("h.csv", "dataset,params_m,model,accuracy\ncifar,11,resnet,0.9\ncifar,eleven,vit,0.8\n");
        HistoryFormatException e = assertThrows(HistoryFormatException.class, () -> TrainingHistory.read(p, defaults()));
        assertTrue(e.getMessage().startsWith(p + ":3:2: column 'params_m'"), e.getMessage());
        assertTrue(e.getMessage().contains("eleven"));
    }

    @Test
    void lineNumbersCountBlankLinesAndQuotedLineBreaks() throws Exception {
        Path p = write("h.csv", "dataset,model,accuracy,note\n\ncifar,resnet,0.9,\"two\nlines\"\ncifar,vit,x,\n");
        HistoryFormatException e = assertThrows(HistoryFormatException.class, () -> TrainingHistory.read(p, defaults()));
        assertTrue(e.getMessage().startsWith(p + ":5:3:"), e.getMessage());
    }

    @Test
    void percentAccuracyIsRefusedWithAHintOrConverted() throws Exception {
        Path p = write("h.csv", "dataset,model,accuracy\ncifar,resnet,91.5\n");
        HistoryFormatException e = assertThrows(HistoryFormatException.class, () -> TrainingHistory.read(p, defaults()));
        assertTrue(e.getMessage().contains(":2:3:") && e.getMessage().contains("--accuracy-percent"), e.getMessage());
        TrainingHistory h = TrainingHistory.read(p, defaults().withAccuracyInPercent(true));
        assertEquals(0.915, h.jobs().get(0).accuracy(), 1e-12);
        Path neg = write("n.csv", "dataset,model,accuracy\ncifar,resnet,-0.1\n");
        assertThrows(HistoryFormatException.class, () -> TrainingHistory.read(neg, defaults()));
    }

    @Test
    void duplicatesFollowThePolicy() throws Exception {
        Path p = write("h.csv", "dataset,model,accuracy\ncifar,resnet,0.8\ncifar,vit,0.7\ncifar,resnet,0.6\n");
        HistoryFormatException e = assertThrows(HistoryFormatException.class, () -> TrainingHistory.read(p, defaults()));
        assertTrue(e.getMessage().contains(":4:") && e.getMessage().contains("line 2"), e.getMessage());
        assertEquals(0.8, TrainingHistory.read(p, defaults().withOnDuplicate(OnDuplicate.FIRST)).jobs().get(0).accuracy());
        TrainingHistory mean = TrainingHistory.read(p, defaults().withOnDuplicate(OnDuplicate.MEAN));
        assertEquals(2, mean.size());
        assertEquals(0.7, mean.jobs().get(0).accuracy(), 1e-12);
    }

    @Test
    void keepsExtraColumnsAndReadsEmptyCellsAsUnknown() throws Exception {
        Path p = write("h.csv", "model,dataset,accuracy,gmacs,my_note\nresnet,cifar,0.8,,hello\n");
        TrainingHistory h = TrainingHistory.read(p, defaults());
        Job j = h.jobs().get(0);
        assertEquals("hello", j.cell("my_note"));
        assertTrue(Double.isNaN(j.number("gmacs")));
        assertTrue(Double.isNaN(j.number("params_m")));
        assertEquals(64, h.sha256().length());
    }

    @Test
    void rejectsEmptyAccuracyInATrainingHistoryButNotInRowsToPredict() throws Exception {
        Path p = write("h.csv", "dataset,model,accuracy\ncifar,resnet,\n");
        assertThrows(HistoryFormatException.class, () -> TrainingHistory.read(p, defaults()));
        assertTrue(Double.isNaN(TrainingHistory.read(p, TrainingHistory.ReadOptions.forPrediction()).jobs().get(0).accuracy()));
    }

    @Test
    void appendKeepsExistingRowsAndRefusesBadRowsWithoutTouchingTheFile() throws Exception {
        String original = "dataset,model,accuracy,extra\ncifar,resnet,0.8,x\n";
        Path p = write("h.csv", original);
        Job good = new Job("new", 1, "cifar", "vit", 0.9, Map.of("dataset", "cifar", "model", "vit", "accuracy", "0.9"));
        TrainingHistory h = TrainingHistory.append(p, List.of(good), defaults());
        assertEquals(2, h.size());
        String after = Files.readString(p);
        assertTrue(after.startsWith(original), after);
        assertEquals(List.of("resnet", "vit"), TrainingHistory.read(p, defaults()).models());

        Job bad = new Job("new", 1, "cifar", "deit", 0.9, Map.of("dataset", "cifar", "model", "deit", "accuracy", "95"));
        assertThrows(HistoryFormatException.class, () -> TrainingHistory.append(p, List.of(bad), defaults()));
        Job dup = new Job("new", 1, "cifar", "vit", 0.5, Map.of("dataset", "cifar", "model", "vit", "accuracy", "0.5"));
        assertThrows(HistoryFormatException.class, () -> TrainingHistory.append(p, List.of(dup), defaults()));
        assertEquals(after, Files.readString(p));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void appendCreatesAFileWithTheSchemaHeader() {
        Path p = dir.resolve("new.csv");
        Job good = new Job("new", 1, "cifar", "vit", 0.9, Map.of("dataset", "cifar", "model", "vit", "accuracy", "0.9"));
        TrainingHistory h = TrainingHistory.append(p, List.of(good), defaults());
        assertEquals(TrainingHistory.SCHEMA, h.columns());
        assertEquals(0.9, h.jobs().get(0).accuracy());
    }
}
