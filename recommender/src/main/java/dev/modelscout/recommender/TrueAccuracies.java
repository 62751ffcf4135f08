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
 * <p>How well each accuracy is known, optionally: an {@code accuracy_se} column ({@link HistorySchema#ACCURACY_SE},
 * the standard error of a mean over seeds), and a file {@code NAME-seeds.csv} beside {@code NAME.csv} with the
 * accuracy of every seed ({@code dataset,model,seed,accuracy}), which the truth's bootstrap resamples
 * ({@link TruthNoise}).
 *
 * @param source         the file, for messages
 * @param byDataset      dataset -> model -> accuracy; a file without a dataset column has the one dataset ""
 * @param standardErrors dataset -> model -> standard error of the accuracy, where the file gives one
 * @param seeds          dataset -> model -> the accuracy of every seed, where a seeds file gives them
 */
public record TrueAccuracies(String source, Map<String, Map<String, Double>> byDataset,
                             Map<String, Map<String, Double>> standardErrors, Map<String, Map<String, double[]>> seeds) {

    /** The seeds file of a truth file: {@code NAME-seeds.csv} beside {@code NAME.csv}. */
    public static final String SEEDS_SUFFIX = "-seeds.csv";

    public TrueAccuracies {
        byDataset = frozen(byDataset);
        standardErrors = frozen(standardErrors);
        seeds = frozen(seeds);
    }

    /** Accuracies without standard errors or seeds. */
    public TrueAccuracies(String source, Map<String, Map<String, Double>> byDataset) {
        this(source, byDataset, Map.of(), Map.of());
    }

    private static <V> Map<String, Map<String, V>> frozen(Map<String, Map<String, V>> m) {
        Map<String, Map<String, V>> copy = new LinkedHashMap<>();
        m.forEach((d, x) -> copy.put(d, Collections.unmodifiableMap(new LinkedHashMap<>(x))));
        return Collections.unmodifiableMap(copy);
    }

    /**
     * Reads {@code file}.
     *
     * @throws HistoryFormatException naming file:line:column for a missing column, a bad number, an accuracy
     *                                outside [0,1] or a (dataset, model) pair given twice
     */
    public static TrueAccuracies read(Path file) {
        TrueAccuracies t = parse(file.toString(), HistoryReader.text(HistoryReader.readBytes(file), file.toString()));
        String name = file.getFileName().toString();
        Path seedsFile = name.endsWith(".csv")
                ? file.resolveSibling(name.substring(0, name.length() - 4) + SEEDS_SUFFIX) : null;
        if (seedsFile == null || !java.nio.file.Files.isRegularFile(seedsFile)) {
            return t;
        }
        return new TrueAccuracies(t.source(), t.byDataset(), t.standardErrors(), parseSeeds(seedsFile.toString(),
                HistoryReader.text(HistoryReader.readBytes(seedsFile), seedsFile.toString())));
    }

    /**
     * Parses a seeds file ({@code [dataset,]model,seed,accuracy}, one row per seed): dataset -> model -> the
     * accuracies in file order.
     *
     * @throws HistoryFormatException naming file:line for a missing column or an accuracy that is not in [0,1]
     */
    public static Map<String, Map<String, double[]>> parseSeeds(String source, String text) {
        CsvSheet sheet = CsvSheet.read(source, text, "dataset,model,seed,accuracy");
        int dataset = sheet.header().indexOf(HistorySchema.DATASET);
        int model = sheet.column(HistorySchema.MODEL);
        int accuracy = sheet.column(HistorySchema.ACCURACY);
        Map<String, Map<String, List<Double>>> lists = new LinkedHashMap<>();
        for (int r = 1; r < sheet.records().size(); r++) {
            CSVRecord rec = sheet.records().get(r);
            String a = cell(rec, accuracy);
            if (a.isEmpty()) {
                continue;
            }
            double v;
            try {
                v = Double.parseDouble(a);
            } catch (NumberFormatException e) {
                v = Double.NaN;
            }
            if (!(v >= 0 && v <= 1)) {
                throw new HistoryFormatException(source + ":" + sheet.line(rec) + ": accuracy '" + a
                        + "' is not a number in [0,1]");
            }
            String d = dataset < 0 ? "" : cell(rec, dataset);
            lists.computeIfAbsent(d, x -> new LinkedHashMap<>()).computeIfAbsent(cell(rec, model), x -> new ArrayList<>()).add(v);
        }
        Map<String, Map<String, double[]>> out = new LinkedHashMap<>();
        lists.forEach((d, byModel) -> {
            Map<String, double[]> m = new LinkedHashMap<>();
            byModel.forEach((k, v) -> m.put(k, v.stream().mapToDouble(Double::doubleValue).toArray()));
            out.put(d, m);
        });
        return out;
    }

    /** Parses CSV text; {@code source} names it in messages. */
    public static TrueAccuracies parse(String source, String text) {
        CsvSheet sheet = CsvSheet.read(source, text, "dataset,model,accuracy or model,accuracy");
        int dataset = sheet.header().indexOf(HistorySchema.DATASET);
        int model = sheet.column(HistorySchema.MODEL);
        int accuracy = sheet.column(HistorySchema.ACCURACY);
        int seCol = sheet.header().indexOf(HistorySchema.ACCURACY_SE);
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        Map<String, Map<String, Double>> ses = new LinkedHashMap<>();
        Map<String, Long> lines = new LinkedHashMap<>();
        for (int r = 1; r < sheet.records().size(); r++) {
            CSVRecord rec = sheet.records().get(r);
            long line = sheet.line(rec);
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
            String se = seCol < 0 ? "" : cell(rec, seCol);
            if (!se.isEmpty()) {
                double e;
                try {
                    e = Double.parseDouble(se);
                } catch (NumberFormatException x) {
                    e = Double.NaN;
                }
                if (!(e >= 0 && e <= 1)) {
                    throw HistoryFormatException.at(source, line, seCol + 1, HistorySchema.ACCURACY_SE,
                            "'" + se + "' is not a standard error (a number in [0,1])");
                }
                ses.computeIfAbsent(d, x -> new LinkedHashMap<>()).put(m, e);
            }
        }
        return new TrueAccuracies(source, out, ses, Map.of());
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

    /** The standard errors of {@code dataset}'s accuracies, as {@link #of} picks the dataset; empty when none are given. */
    public Map<String, Double> standardErrorsOf(String dataset) {
        return pick(standardErrors, dataset);
    }

    /** The per-seed accuracies of {@code dataset}'s models, as {@link #of} picks the dataset; empty when none are given. */
    public Map<String, double[]> seedsOf(String dataset) {
        return pick(seeds, dataset);
    }

    private <V> Map<String, V> pick(Map<String, Map<String, V>> m, String dataset) {
        if (byDataset.size() == 1 && byDataset.containsKey("")) {
            return m.getOrDefault("", m.size() == 1 ? m.values().iterator().next() : Map.of());
        }
        return m.getOrDefault(dataset, Map.of());
    }

    private static String cell(CSVRecord rec, int i) {
        return i < rec.size() ? rec.get(i).strip() : "";
    }
}
