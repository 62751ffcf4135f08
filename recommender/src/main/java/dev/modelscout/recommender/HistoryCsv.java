package dev.modelscout.recommender;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Renders jobs as history CSV: a header of {@code columns}, then one record per job. */
final class HistoryCsv {

    private HistoryCsv() {
    }

    static String render(List<String> columns, List<Job> jobs) {
        StringBuilder sb = new StringBuilder();
        try (CSVPrinter pr = new CSVPrinter(sb, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get())) {
            pr.printRecord(columns);
            for (Job j : jobs) {
                pr.printRecord(row(columns, j));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sb.toString();
    }

    /** The records of {@code jobs} without the header line. */
    static String renderRows(List<String> columns, List<Job> jobs, String newline) {
        String rows = render(columns, jobs);
        rows = rows.substring(rows.indexOf('\n') + 1);
        return newline.equals("\n") ? rows : rows.replace("\n", newline);
    }

    private static List<String> row(List<String> columns, Job j) {
        List<String> row = new ArrayList<>(columns.size());
        for (String c : columns) {
            if (c.equals(HistorySchema.DATASET)) {
                row.add(j.dataset());
            } else if (c.equals(HistorySchema.MODEL)) {
                row.add(j.model());
            } else if (c.equals(HistorySchema.ACCURACY) && !j.cells().containsKey(HistorySchema.ACCURACY)) {
                row.add(HistorySchema.format(j.accuracy()));
            } else {
                row.add(j.cell(c));
            }
        }
        return row;
    }
}
