package dev.modelscout.recommender;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.commons.csv.CSVRecord;

/**
 * True fine-tuned accuracies of some (dataset, model) pairs, to hold a ranking against ({@code recommend --truth}):
 * a CSV file with a header naming {@code model} and {@code accuracy} columns and, optionally, {@code dataset}
 * (other columns are ignored, so a {@code recommend --out} CSV with an accuracy column filled in for some rows
 * will do). An empty accuracy cell means unknown and the row is left out; an accuracy is a number in [0,1].
 *
 * @param source    the file, for messages
 * @param byDataset dataset -> model -> accuracy; a file without a dataset column has the one dataset ""
 */
public record TrueAccuracies(String source, Map<String, Map<String, Double>> byDataset) {

    public TrueAccuracies {
        Map<String, Map<String, Double>> copy = new LinkedHashMap<>();
        byDataset.forEach((d, m) -> copy.put(d, Collections.unmodifiableMap(new LinkedHashMap<>(m))));
        byDataset = Collections.unmodifiableMap(copy);
    }

    /**
     * Reads {@code file}.
     *
     * @throws HistoryFormatException naming file:line:column for a missing column, a bad number, an accuracy
     *                                outside [0,1] or a (dataset, model) pair given twice
     */
    public static TrueAccuracies read(Path file) {
        return parse(file.toString(), HistoryReader.text(HistoryReader.readBytes(file), file.toString()));
    }

    /** Parses CSV text; {@code source} names it in messages. */
    public static TrueAccuracies parse(String source, String text) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<CSVRecord> records = HistoryReader.records(source, text, "dataset,model,accuracy or model,accuracy");
        List<String> header = new ArrayList<>();
        for (String h : records.get(0)) {
            header.add(h.strip());
        }
        int dataset = header.indexOf(HistorySchema.DATASET);
        int model = column(source, header, HistorySchema.MODEL);
        int accuracy = column(source, header, HistorySchema.ACCURACY);
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        Map<String, Long> lines = new LinkedHashMap<>();
        List<Integer> starts = lineStarts(text);
        for (int r = 1; r < records.size(); r++) {
            CSVRecord rec = records.get(r);
            int at = (int) rec.getCharacterPosition();
            while (at < text.length() && (text.charAt(at) == '\n' || text.charAt(at) == '\r')) {
                at++; // the parser's position can be that of the empty lines it skipped before the record
            }
            long line = lineOf(starts, at);
            String m = cell(rec, model);
            String d = dataset < 0 ? "" : cell(rec, dataset);
            String a = cell(rec, accuracy);
            if (a.isEmpty()) {
                continue;
            }
            if (m.isEmpty()) {
                throw HistoryFormatException.at(source, line, model + 1, HistorySchema.MODEL, "empty (required)");
            }
            if (dataset >= 0 && d.isEmpty()) {
                throw HistoryFormatException.at(source, line, dataset + 1, HistorySchema.DATASET, "empty (required)");
            }
            double v;
            try {
                v = Double.parseDouble(a);
            } catch (NumberFormatException e) {
                throw HistoryFormatException.at(source, line, accuracy + 1, HistorySchema.ACCURACY, "not a number: '" + a + "'");
            }
            if (!(v >= 0 && v <= 1)) {
                throw HistoryFormatException.at(source, line, accuracy + 1, HistorySchema.ACCURACY, a + " is outside [0,1]"
                        + (v > 1 && v <= 100 ? " (a percentage? divide by 100)" : ""));
            }
            Long first = lines.putIfAbsent(d + "\u0000" + m, line);
            if (first != null) {
                throw new HistoryFormatException(source + ":" + line + ": a second accuracy of model '" + m + "'"
                        + (d.isEmpty() ? "" : " on dataset '" + d + "'") + " (the first is on line " + first + ")");
            }
            out.computeIfAbsent(d, x -> new LinkedHashMap<>()).put(m, v);
        }
        return new TrueAccuracies(source, out);
    }

    /**
     * The accuracies of {@code dataset}'s models: that dataset's rows, or every row of a file without a dataset
     * column.
     *
     * @throws HistoryFormatException when the file has a dataset column but no row of {@code dataset}
     */
    public Map<String, Double> of(String dataset) {
        if (byDataset.size() == 1 && byDataset.containsKey("")) {
            return byDataset.get("");
        }
        Map<String, Double> m = byDataset.get(dataset);
        if (m == null) {
            throw new HistoryFormatException(source + ": no accuracy of dataset '" + dataset + "' (its datasets: "
                    + String.join(", ", new TreeSet<>(byDataset.keySet())) + "); pass --dataset-id to name the target "
                    + "as the file does");
        }
        return m;
    }

    private static int column(String source, List<String> header, String name) {
        int i = header.indexOf(name);
        if (i < 0) {
            throw new HistoryFormatException(source + ": missing required column '" + name + "' (header: "
                    + String.join(",", header) + "; expected dataset,model,accuracy or model,accuracy)");
        }
        return i;
    }

    private static String cell(CSVRecord rec, int i) {
        return i < rec.size() ? rec.get(i).strip() : "";
    }

    private static List<Integer> lineStarts(String text) {
        List<Integer> starts = new ArrayList<>(List.of(0));
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        return starts;
    }

    /** 1-based line of the character at {@code position}. */
    private static long lineOf(List<Integer> starts, long position) {
        int i = Collections.binarySearch(starts, (int) position);
        return i >= 0 ? i + 1 : -i - 1;
    }
}
