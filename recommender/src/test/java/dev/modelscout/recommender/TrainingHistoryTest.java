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

    private static ReadOptions defaults() {
        return ReadOptions.defaults();
    }

    @Test
    void rejectsHistoryWithoutAccuracyColumn() throws Exception {
        Path p = write("h.csv", "dataset,model,params_m\ncifar,resnet,11\n");
        HistoryFormatException e = assertThrows(HistoryFormatException.class, () -> HistoryReader.read(p, defaults()));
        assertTrue(e.getMessage().startsWith(p.toString() + ": missing required column 'accuracy'"), e.getMessage());
    }

    @Test
    void badNumberNamesFileLineAndColumn() throws Exception {
        Path p = write("h.csv", "dataset,params_m,model,accuracy\ncifar,11,resnet,0.9\ncifar,eleven,vit,0.8\n");
        HistoryFormatException e = assertThrows(HistoryFormatException.class, () -> HistoryReader.read(p, defaults()));
        assertTrue(e.getMessage().startsWith(p + ":3:2: column 'params_m'"), e.getMessage());
        assertTrue(e.getMessage().contains("eleven"));
    }

    @Test
    void lineNumbersCountBlankLinesAndQuotedLineBreaks() throws Exception {
        Path p = write("h.csv", "dataset,model,accuracy,note\n\ncifar,resnet,0.9,\"two\nlines\"\ncifar,vit,x,\n");
        HistoryFormatException e = assertThrows(HistoryFormatException.class, () -> HistoryReader.read(p, defaults()));
        assertTrue(e.getMessage().startsWith(p + ":5:3:"), e.getMessage());
    }

    @Test
    void percentAccuracyIsRefusedWithAHintOrConverted() throws Exception {
        Path p = write("h.csv", "dataset,model,accuracy\ncifar,resnet,91.5\n");
        HistoryFormatException e = assertThrows(HistoryFormatException.class, () -> HistoryReader.read(p, defaults()));
        assertTrue(e.getMessage().contains(":2:3:") && e.getMessage().contains("--accuracy-percent"), e.getMessage());
        TrainingHistory h = HistoryReader.read(p, defaults().withAccuracyInPercent(true));
        assertEquals(0.915, h.jobs().get(0).accuracy(), 1e-12);
        Path neg = write("n.csv", "dataset,model,accuracy\ncifar,resnet,-0.1\n");
        assertThrows(HistoryFormatException.class, () -> HistoryReader.read(neg, defaults()));
    }

    @Test
    void duplicatesFollowThePolicy() throws Exception {
        Path p = write("h.csv", "dataset,model,accuracy\ncifar,resnet,0.8\ncifar,vit,0.7\ncifar,resnet,0.6\n");
        HistoryFormatException e = assertThrows(HistoryFormatException.class, () -> HistoryReader.read(p, defaults()));
        assertTrue(e.getMessage().contains(":4:") && e.getMessage().contains("line 2"), e.getMessage());
        assertEquals(0.8, HistoryReader.read(p, defaults().withOnDuplicate(OnDuplicate.FIRST)).jobs().get(0).accuracy());
        TrainingHistory mean = HistoryReader.read(p, defaults().withOnDuplicate(OnDuplicate.MEAN));
        assertEquals(2, mean.size());
        assertEquals(0.7, mean.jobs().get(0).accuracy(), 1e-12);
    }

    @Test
    void keepsExtraColumnsAndReadsEmptyCellsAsUnknown() throws Exception {
        Path p = write("h.csv", "model,dataset,accuracy,gmacs,my_note\nresnet,cifar,0.8,,hello\n");
        TrainingHistory h = HistoryReader.read(p, defaults());
        Job j = h.jobs().get(0);
        assertEquals("hello", j.cell("my_note"));
        assertTrue(Double.isNaN(j.number("gmacs")));
        assertTrue(Double.isNaN(j.number("params_m")));
        assertEquals(64, h.sha256().length());
    }

    @Test
    void rejectsEmptyAccuracyInATrainingHistoryButNotInRowsToPredict() throws Exception {
        Path p = write("h.csv", "dataset,model,accuracy\ncifar,resnet,\n");
        assertThrows(HistoryFormatException.class, () -> HistoryReader.read(p, defaults()));
        assertTrue(Double.isNaN(HistoryReader.read(p, ReadOptions.forPrediction()).jobs().get(0).accuracy()));
    }
}
