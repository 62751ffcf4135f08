package dev.modelscout.recommender;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The one writer of history rows as CSV: a header of {@code columns}, then one record per job (or per row of text
 * cells, as a cluster plan's result files hold them). {@code history append}, {@code finetune --history} and
 * {@code jobs merge} all write through it.
 */
public final class HistoryCsv {

    private HistoryCsv() {
    }

    /** The header {@code columns}, then one record per job. */
    public static String render(List<String> columns, List<Job> jobs) {
        List<List<String>> records = new ArrayList<>(jobs.size());
        for (Job j : jobs) {
            records.add(row(columns, j));
        }
        return print(columns, records);
    }

    /** The header {@code columns}, then one record per row of text cells ("" where a row lacks a column). */
    public static String renderCells(List<String> columns, List<Map<String, String>> rows) {
        List<List<String>> records = new ArrayList<>(rows.size());
        for (Map<String, String> r : rows) {
            List<String> cells = new ArrayList<>(columns.size());
            for (String c : columns) {
                cells.add(r.getOrDefault(c, ""));
            }
            records.add(cells);
        }
        return print(columns, records);
    }

    /**
     * The cells of {@code job} by column, as a history file holds them: the schema's columns ("" when unknown), then
     * its other columns.
     */
    public static Map<String, String> cells(Job job) {
        Set<String> columns = new LinkedHashSet<>(HistorySchema.COLUMNS);
        columns.addAll(job.cells().keySet());
        columns.addAll(job.numbers().keySet());
        List<String> order = List.copyOf(columns);
        List<String> values = row(order, job);
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < order.size(); i++) {
            out.put(order.get(i), values.get(i));
        }
        return out;
    }

    private static String print(List<String> columns, List<List<String>> records) {
        StringBuilder sb = new StringBuilder();
        try (CSVPrinter pr = new CSVPrinter(sb, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get())) {
            pr.printRecord(columns);
            for (List<String> r : records) {
                pr.printRecord(r);
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
