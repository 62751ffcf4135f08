package dev.modelscout.recommender;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** In-memory jobs (a fine-tuning run's row) are appended as typed rows, written once by the history's CSV writer. */
class TypedAppendTest {

    @TempDir
    Path dir;

    private static Job job(String dataset, String model, double accuracy) {
        return new Job("finetune", 1, dataset, model, accuracy, Map.of(HistorySchema.SOURCE, "modelscout finetune"),
                Map.of(HistorySchema.DATASET_SIZE, 300.0, HistorySchema.scoreColumn("logme"), 1.0 / 3,
                        HistorySchema.PARAMS_M, 0.077392));
    }

    @Test
    void typedJobsLandAsTheWritersCsvOfThemWould() throws Exception {
        List<Job> jobs = List.of(job("digits", "resnet", 0.93), job("digits", "vit", 2.0 / 3));
        Path typed = dir.resolve("typed.csv");
        AppendResult r = HistoryAppender.append(typed, "finetune", jobs, OnDuplicate.ERROR, m -> { });
        assertEquals(2, r.appended());
        Path text = dir.resolve("text.csv");
        List<String> columns = new ArrayList<>(HistorySchema.COLUMNS);
        HistoryAppender.append(text, "rows.csv", HistoryCsv.render(columns, jobs), OnDuplicate.ERROR, false, m -> { });
        assertArrayEquals(Files.readAllBytes(text), Files.readAllBytes(typed));
        TrainingHistory h = HistoryReader.read(typed, ReadOptions.defaults());
        assertEquals(1.0 / 3, h.jobs().get(0).number(HistorySchema.scoreColumn("logme")), 0.0);
        assertEquals(2.0 / 3, h.jobs().get(1).accuracy(), 0.0);
    }

    @Test
    void aTypedJobWithoutItsAccuracyIsRefusedByNameNotByALineOfATextNobodyWrote() {
        Path h = dir.resolve("h.csv");
        HistoryFormatException e = assertThrows(HistoryFormatException.class, () -> HistoryAppender.append(h,
                "finetune of vit on digits", List.of(job("digits", "vit", Double.NaN)), OnDuplicate.ERROR, m -> { }));
        assertEquals("finetune of vit on digits: job (dataset 'digits', model 'vit') has no accuracy", e.getMessage());
        assertEquals(false, Files.exists(h));
    }

    @Test
    void cellRowsAndJobsAreWrittenByOneWriter() {
        Job j = job("digits", "resnet", 0.5);
        Map<String, String> cells = HistoryCsv.cells(j);
        List<String> columns = List.copyOf(cells.keySet());
        assertEquals(HistoryCsv.render(columns, List.of(j)), HistoryCsv.renderCells(columns, List.of(cells)));
        assertEquals(HistorySchema.COLUMNS, columns.subList(0, HistorySchema.COLUMNS.size()));
    }
}
