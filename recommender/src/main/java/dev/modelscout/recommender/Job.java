package dev.modelscout.recommender;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of a training history: a fine-tuning job of {@code model} on {@code dataset}, or (in a rows
 * file given to {@code predict}) a candidate pair whose accuracy is unknown ({@code NaN}).
 *
 * @param source   file (or name) the row came from, for messages
 * @param line     1-based line number in that file
 * @param cells    every column of the row by header name; an empty string means unknown
 * @param accuracy fine-tuned accuracy in [0,1], or {@code NaN} when unknown
 */
public record Job(String source, long line, String dataset, String model, double accuracy, Map<String, String> cells) {

    public Job {
        cells = Collections.unmodifiableMap(new LinkedHashMap<>(cells));
    }

    /** The cell of {@code column}, or "" when the column is absent or the cell empty. */
    public String cell(String column) {
        String v = cells.get(column);
        return v == null ? "" : v.strip();
    }

    /** The same job with another accuracy. */
    public Job withAccuracy(double value) {
        Map<String, String> c = new LinkedHashMap<>(cells);
        if (c.containsKey(TrainingHistory.ACCURACY)) {
            c.put(TrainingHistory.ACCURACY, Double.isNaN(value) ? "" : Double.toString(value));
        }
        return new Job(source, line, dataset, model, value, c);
    }

    /**
     * The numeric value of {@code column}: {@code NaN} when the cell is empty or the column absent.
     *
     * @throws HistoryFormatException naming file:line:column when the cell is not a finite number
     */
    public double number(String column) {
        String v = cell(column);
        if (v.isEmpty()) {
            return Double.NaN;
        }
        int columnIndex = columnIndex(column);
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw HistoryFormatException.at(source, line, columnIndex, column, "not a number: '" + v + "'");
        }
        if (!Double.isFinite(d)) {
            throw HistoryFormatException.at(source, line, columnIndex, column, "not a finite number: '" + v + "'");
        }
        return d;
    }

    /** 1-based position of {@code column} in the row's header (0 when absent). */
    public int columnIndex(String column) {
        int i = 1;
        for (String c : cells.keySet()) {
            if (c.equals(column)) {
                return i;
            }
            i++;
        }
        return 0;
    }
}
