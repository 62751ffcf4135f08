package dev.modelscout.recommender;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading learning curves: every run complete, bad cells named by file:line:column. */
class LearningCurvesTest {

    private static final String HEADER = "dataset,model,seed,epoch,val_accuracy,val_loss\n";

    private static String error(String text) {
        return assertThrows(HistoryFormatException.class, () -> LearningCurves.parse("c.csv", text)).getMessage();
    }

    @Test
    void readsRunsInFileOrderWithOneCurvePerSeed() {
        LearningCurves c = LearningCurves.parse("c.csv", HEADER + "d,b,0,2,0.6,1\nd,b,0,1,0.4,1\nd,a,0,1,0.3,1\n"
                + "d,a,0,2,0.5,1\nd,a,1,1,0.2,1\nd,a,1,2,0.7,1\nd,b,1,1,0.1,1\nd,b,1,2,0.8,1\n");
        assertEquals(2, c.epochs());
        assertEquals(List.of("b", "a"), List.copyOf(c.runs().get("d").keySet()));
        assertArrayEquals(new double[] {0.4, 0.6}, c.runs().get("d").get("b").get(0));
        List<String> why = new ArrayList<>();
        assertEquals(List.of("b", "a"), List.copyOf(c.complete("d", List.of("a", "b"), why).keySet()));
        assertNull(c.complete("d", List.of("a", "b", "z"), why));
        assertEquals("no curves of 1 of its 3 models (z)", why.get(0));
        assertNull(c.complete("e", List.of("a"), why));
    }

    @Test
    void refusesARunWithoutAnEpochNamingItsFirstLine() {
        assertEquals("c.csv:4: the run of dataset 'd', model 'b', seed 0 has no epoch 2 (every run needs epochs 1 to 2, "
                + "the file's last)", error(HEADER + "d,a,0,1,0.3,1\nd,a,0,2,0.5,1\nd,b,0,1,0.4,1\n"));
    }

    @Test
    void refusesBadCellsAndRepeatedEpochs() {
        assertEquals("c.csv:2:5: column 'val_accuracy': '1.5' is not a number in [0,1]", error(HEADER + "d,a,0,1,1.5,1\n"));
        assertEquals("c.csv:2:4: column 'epoch': '0' is not a whole number >= 1", error(HEADER + "d,a,0,0,0.5,1\n"));
        assertEquals("c.csv:2:3: column 'seed': 'x' is not a whole number", error(HEADER + "d,a,x,1,0.5,1\n"));
        assertEquals("c.csv:3: epoch 1 of dataset 'd', model 'a', seed 0 is given twice (first on line 2)",
                error(HEADER + "d,a,0,1,0.5,1\nd,a,0,1,0.6,1\n"));
        assertEquals("c.csv: missing required column 'epoch' (header: dataset,model,seed,val_accuracy; expected "
                + "dataset,model,seed,epoch,val_accuracy)", error("dataset,model,seed,val_accuracy\nd,a,0,0.5\n"));
    }

    @Test
    void theCurvesOfAHistoryLieBesideItUnderItsStem() {
        assertEquals(Path.of("w", "history-curves.csv"), LearningCurves.besideHistory(Path.of("w", "history.csv")));
    }
}
