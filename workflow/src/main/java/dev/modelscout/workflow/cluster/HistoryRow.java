package dev.modelscout.workflow.cluster;

import dev.modelscout.recommender.HistorySchema;
import dev.modelscout.recommender.Job;
import java.util.LinkedHashMap;
import java.util.Map;

/** A history-schema row as text cells, as a history file holds it: every schema column, then any more. */
final class HistoryRow {

    private HistoryRow() {
    }

    /** The cells of {@code job} by column: the schema's columns ("" when unknown), then its other columns. */
    static Map<String, String> cells(Job job, String source) {
        Map<String, String> row = new LinkedHashMap<>();
        for (String c : HistorySchema.COLUMNS) {
            row.put(c, cell(job, c, source));
        }
        for (String c : job.cells().keySet()) {
            row.putIfAbsent(c, cell(job, c, source));
        }
        for (String c : job.numbers().keySet()) {
            row.putIfAbsent(c, cell(job, c, source));
        }
        return row;
    }

    private static String cell(Job job, String column, String source) {
        return switch (column) {
            case HistorySchema.DATASET -> job.dataset();
            case HistorySchema.MODEL -> job.model();
            case HistorySchema.SOURCE -> job.cell(column).isEmpty() ? source : job.cell(column);
            case HistorySchema.ACCURACY -> job.cell(column).isEmpty() ? HistorySchema.format(job.accuracy()) : job.cell(column);
            default -> job.cell(column);
        };
    }
}
