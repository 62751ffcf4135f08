package dev.modelscout.recommender;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of a training history: a fine-tuning job of {@code model} on {@code dataset}, or a candidate pair
 * whose accuracy is unknown ({@code NaN}) that a recommender is asked to predict.
 *
 * <p>A row read from a file keeps every cell as text ({@code cells}, for messages and for writing it back
 * unchanged) and its numeric schema columns parsed once ({@code numbers}). A candidate row built in memory
 * ({@link Candidates}) carries its numbers only: nothing is turned into text and parsed back.
 *
 * @param source   file (or name) the row came from, for messages
 * @param line     1-based line number in that file (the candidate's position for rows built in memory)
 * @param accuracy fine-tuned accuracy in [0,1], or {@code NaN} when unknown
 * @param cells    columns as text by header name; an empty string means unknown
 * @param numbers  numeric columns by name; absent means unknown
 */
public record Job(String source, long line, String dataset, String model, double accuracy, Map<String, String> cells,
                  Map<String, Double> numbers) {

    public Job {
        cells = Collections.unmodifiableMap(new LinkedHashMap<>(cells));
        numbers = Collections.unmodifiableMap(new LinkedHashMap<>(numbers));
    }

    /** A row given as text cells only (numbers are parsed when asked for). */
    public Job(String source, long line, String dataset, String model, double accuracy, Map<String, String> cells) {
        this(source, line, dataset, model, accuracy, cells, Map.of());
    }

    /**
     * The text of {@code column}: its cell, or for a column held as a number only, that number as a history
     * cell writes it; "" when unknown.
     */
    public String cell(String column) {
        String v = cells.get(column);
        if (v != null && !v.isBlank()) {
            return v.strip();
        }
        Double d = numbers.get(column);
        return d == null ? "" : HistorySchema.format(d);
    }

    /** The same job with the text cell {@code column} set to {@code text}. */
    public Job withCell(String column, String text) {
        Map<String, String> c = new LinkedHashMap<>(cells);
        c.put(column, text);
        return new Job(source, line, dataset, model, accuracy, c, numbers);
    }

    /** The same job with another accuracy. */
    public Job withAccuracy(double value) {
        Map<String, String> c = new LinkedHashMap<>(cells);
        if (c.containsKey(HistorySchema.ACCURACY)) {
            c.put(HistorySchema.ACCURACY, HistorySchema.format(value));
        }
        Map<String, Double> n = new LinkedHashMap<>(numbers);
        n.remove(HistorySchema.ACCURACY);
        if (!Double.isNaN(value)) {
            n.put(HistorySchema.ACCURACY, value);
        }
        return new Job(source, line, dataset, model, value, c, n);
    }

    /**
     * The numeric value of {@code column}: {@code NaN} when unknown.
     *
     * @throws HistoryFormatException naming file:line:column when the cell is not a finite number
     */
    public double number(String column) {
        Double known = numbers.get(column);
        if (known != null) {
            return known;
        }
        return parseNumber(column);
    }

    /** Parses the text cell of {@code column}; NaN when empty or absent. */
    double parseNumber(String column) {
        String v = cells.get(column);
        v = v == null ? "" : v.strip();
        if (v.isEmpty()) {
            return Double.NaN;
        }
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw HistoryFormatException.at(source, line, columnIndex(column), column, "not a number: '" + v + "'");
        }
        if (!Double.isFinite(d)) {
            throw HistoryFormatException.at(source, line, columnIndex(column), column, "not a finite number: '" + v + "'");
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
